"""Named personas shared by every test, so each test says who does what.

Duisburg (public): Anna runs the project office, Stefan sits on the steering
committee, Ben is a member, Olga observes. Mülheim (public): Clara runs its office.
Internes Forum (not public): nobody of the above takes part. Paul is the platform
admin. Eva has an account but no role anywhere."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

from standort.accounts.tests.factories import UserFactory
from standort.browser_fixtures import html_checker, new_ui, playwright_browser, ui  # noqa: F401
from standort.core.tenancy import across_initiatives
from standort.initiatives.models import InitiativeRole
from standort.initiatives.tests.factories import InitiativeFactory, user_with_role

Role = InitiativeRole.Role


@pytest.fixture
def duisburg(db):
    return InitiativeFactory(
        slug="duisburg", name="Masterplan Wirtschaft Duisburg", city="Duisburg", is_public=True
    )


@pytest.fixture
def muelheim(db):
    return InitiativeFactory(
        slug="muelheim",
        name="Stärkungsinitiative Industrie Mülheim an der Ruhr",
        city="Mülheim an der Ruhr",
        is_public=True,
    )


@pytest.fixture
def internal(db):
    return InitiativeFactory(slug="forum", name="Internes Forum", city="Essen", is_public=False)


@pytest.fixture
def anna(duisburg):
    return user_with_role(
        duisburg, Role.OFFICE, email="anna@example.org", first_name="Anna", last_name="Albers"
    )


@pytest.fixture
def stefan(duisburg):
    return user_with_role(
        duisburg, Role.STEERING, email="stefan@example.org", first_name="Stefan", last_name="Sauer"
    )


@pytest.fixture
def ben(duisburg):
    return user_with_role(
        duisburg, Role.MEMBER, email="ben@example.org", first_name="Ben", last_name="Brandt"
    )


@pytest.fixture
def olga(duisburg):
    return user_with_role(
        duisburg, Role.OBSERVER, email="olga@example.org", first_name="Olga", last_name="Otto"
    )


@pytest.fixture
def clara(muelheim):
    return user_with_role(
        muelheim, Role.OFFICE, email="clara@example.org", first_name="Clara", last_name="Conrad"
    )


@pytest.fixture
def paul(db):
    return UserFactory(
        email="paul@example.org",
        first_name="Paul",
        last_name="Plattform",
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def eva(db):
    return UserFactory(email="eva@example.org", first_name="Eva", last_name="Extern")


PERSONAS = ["anonymous", "olga", "ben", "stefan", "anna", "clara", "paul", "eva"]


@pytest.fixture
def as_persona(client, request):
    """as_persona("anna") returns a test client signed in as Anna."""

    def sign_in(name):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return sign_in


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    # Uploads go to a folder of this test session (of each xdist worker), neither into
    # the checkout's var/media nor into another worker's files.
    django_settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _across_initiatives():
    """A test's own code sets up and inspects several initiatives at once. The pages it
    requests are held to the rules: each request starts without an initiative and
    opens the scope of its own (core.tenancy), and each task runs as in a worker."""
    with across_initiatives():
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: no rate limit counts what an earlier test
    (or an earlier test's live server) asked for, no page an earlier test kept."""
    for each in caches.all():
        each.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 with Django's iteration count is slow on purpose, against guessing; every
    # test makes users (the personas), and none of them tests the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
