"""The demo loader: idempotent, refuses foreign databases, and carries the seed's facts."""

from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from standort.home.demo import load_demo
from standort.initiatives.demo import ACCOUNTS, DEMO_PASSWORD
from standort.initiatives.demo.plan import build_plan
from standort.initiatives.models import (
    Body,
    Initiative,
    InitiativeOrganization,
    InitiativePerson,
    InitiativeRole,
    Membership,
    Organization,
    Person,
)

User = get_user_model()
Role = Membership.Role


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def history_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    }


def working_groups(slug):
    return Body.objects.filter(initiative__slug=slug, kind=Body.Kind.WORKING_GROUP)


def test_plan_is_deterministic_and_has_no_duplicate_memberships():
    first, second = build_plan(), build_plan()
    assert first.people == second.people
    for plan in first.initiatives:
        keys = Counter((body, email) for body, email, _role in plan.memberships)
        assert [key for key, n in keys.items() if n > 1] == []
    assert all(email.endswith("@example.org") for email in first.people)


def test_second_run_changes_and_duplicates_nothing(db):
    first = load_demo()
    assert first.total > 0
    counts, history = row_counts(), history_counts()
    assert sum(history.values()) > 0

    second = load_demo()

    assert second.total == 0, second.summary()
    assert row_counts() == counts
    assert history_counts() == history


def test_history_names_the_admin_as_author(db):
    load_demo()
    admin = User.objects.get(email="admin@example.org")
    for model in [Initiative, Organization, Person, Body, Membership, InitiativeRole]:
        authors = set(model.history.values_list("history_user", flat=True))
        assert authors == {admin.pk}, model


def test_rerun_repairs_changed_data_and_password(db):
    load_demo()
    initiative = Initiative.objects.get(slug="duisburg")
    initiative.name = "Umbenannt"
    initiative.save()
    link = InitiativeOrganization.objects.get(
        initiative=initiative, organization__name="Niederrheinische IHK"
    )
    link.is_leading = False
    link.save()
    user = User.objects.get(email="mitglied@example.org")
    user.set_password("etwas-anderes")
    user.save()

    result = load_demo()

    assert result.changed == Counter(Initiative=1, InitiativeOrganization=1, User=1)
    assert not result.created
    assert Initiative.objects.get(slug="duisburg").name == "Masterplan Wirtschaft Duisburg"
    link.refresh_from_db()
    assert link.is_leading
    assert User.objects.get(email="mitglied@example.org").check_password(DEMO_PASSWORD)


def test_demo_accounts_can_log_in_and_hold_their_roles(db):
    load_demo()
    for email in ACCOUNTS:
        user = User.objects.get(email=email)
        assert user.is_active
        assert user.check_password(DEMO_PASSWORD), email
        assert Person.objects.get(user=user).email == email
        assert InitiativePerson.objects.filter(person__user=user).exists(), email

    admin = User.objects.get(email="admin@example.org")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(pk=admin.pk).exists()

    roles = {
        (r.user.email, r.initiative.slug): r.role
        for r in InitiativeRole.objects.select_related("user", "initiative")
        if r.user.email in ACCOUNTS
    }
    # The authors of the demo dialogue (standort.dialog.demo) are members who cannot
    # sign in.
    authors = InitiativeRole.objects.exclude(user__email__in=ACCOUNTS).select_related("user")
    assert {r.role for r in authors} == {"member"}
    assert not any(r.user.has_usable_password() for r in authors)
    assert roles == {
        ("buero@example.org", "duisburg"): "office",
        ("buero@example.org", "muelheim"): "office",
        ("lenkung@example.org", "duisburg"): "steering",
        ("ak-vorsitz@example.org", "duisburg"): "member",
        ("mitglied@example.org", "muelheim"): "member",
        ("beobachter@example.org", "muelheim"): "observer",
        ("transfer@example.org", "muelheim"): "member",
    }
    chair = Membership.objects.get(person__user__email="ak-vorsitz@example.org", role=Role.CHAIR)
    assert chair.body.name == "Mittelstand und Gründung"
    assert chair.body.initiative.slug == "duisburg"
    assert Membership.objects.filter(
        person__user__email="lenkung@example.org", body__kind=Body.Kind.STEERING_COMMITTEE
    ).exists()
    assert Membership.objects.filter(
        person__user__email="mitglied@example.org", body__initiative__slug="muelheim"
    ).exists()


def test_refuses_a_database_with_other_users_unless_forced(db):
    User.objects.create_user("jemand@stadt-beispiel.de", "geheim")

    with pytest.raises(CommandError, match="--force"):
        load_demo()
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not Initiative.objects.exists()
    assert User.objects.count() == 1

    load_demo(force=True)
    assert Initiative.objects.count() == 2


def test_command_reports_nothing_changed_on_second_run(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "angelegt" in out.getvalue()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "nothing changed" in out.getvalue()


def test_seed_facts(db):
    load_demo()
    duisburg = Initiative.objects.get(slug="duisburg")
    muelheim = Initiative.objects.get(slug="muelheim")
    assert duisburg.name == "Masterplan Wirtschaft Duisburg"
    assert muelheim.name == "Stärkungsinitiative Industrie Mülheim an der Ruhr"
    assert duisburg.is_public and muelheim.is_public
    assert (duisburg.ends_on - duisburg.starts_on).days in range(729, 733)
    for fact in ["über 12 %", "Investitionsschwäche", "Genehmigungsverfahren",
                 "Image-Probleme", "Logistikstandort", "Dialog-Plattform",
                 "klaren Verantwortlichkeiten"]:  # fmt: skip
        assert fact in duisburg.description
    for fact in ["18.000", "4 von 10", "90 %", "2/3", "33", "16. März 2017",
                 "wissensbasierten Industriestandort"]:  # fmt: skip
        assert fact in muelheim.description

    def leading(initiative):
        return set(
            initiative.organization_links.filter(is_leading=True).values_list(
                "organization__name", flat=True
            )
        )

    assert leading(duisburg) == {
        "Stadt Duisburg",
        "Unternehmerverband Duisburg",
        "Niederrheinische IHK",
    }
    assert leading(muelheim) == {
        "Unternehmerverband Mülheimer Wirtschaft",
        "Stadt Mülheim an der Ruhr",
        "IG Metall Mülheim-Essen-Oberhausen",
    }

    steering = Body.objects.get(initiative=duisburg, kind=Body.Kind.STEERING_COMMITTEE)
    chairs = steering.memberships.filter(role=Role.CHAIR).select_related("person__organization")
    assert {m.person.organization.name for m in chairs} == leading(duisburg)
    assert "Oberbürgermeister" in {m.person.function for m in chairs}

    assert sorted(working_groups("duisburg").values_list("name", flat=True)) == sorted(
        [
            "Mittelstand und Gründung",
            "Infrastruktur, Umwelt und Energie",
            "Image und internationales Profil",
            "Familienfreundlichkeit",
            "Bildung, Integration und Technologie",
        ]
    )
    for body in working_groups("duisburg"):
        roles = Counter(body.memberships.values_list("role", flat=True))
        assert roles[Role.CHAIR] == 1 and roles[Role.MANAGER] == 1, body
        assert 8 <= roles[Role.MEMBER] <= 12, body
        kinds = set(body.memberships.values_list("person__organization__kind", flat=True))
        assert len(kinds) >= 4, body
    kinds = set(
        Organization.objects.filter(initiative_links__initiative=duisburg).values_list(
            "kind", flat=True
        )
    )
    assert {"company", "administration", "politics", "union", "civil_society"} <= kinds

    assert Body.objects.filter(
        initiative=muelheim, kind=Body.Kind.CONFERENCE, name="Industriekonferenz"
    ).exists()
    managers = {}
    for body in working_groups("muelheim"):
        assert 15 <= body.memberships.count() <= 20, body
        roles = Counter(body.memberships.values_list("role", flat=True))
        assert roles[Role.CHAIR] == 1 and roles[Role.MANAGER] == 1, body
        assert roles[Role.EXPERT] >= 1, body
        chair = body.memberships.get(role=Role.CHAIR).person
        assert chair.function.startswith("Geschäftsführer")
        assert chair.organization.kind == Organization.Kind.COMPANY
        manager = body.memberships.get(role=Role.MANAGER).person
        assert manager.organization == body.managing_organization
        managers[body.name] = body.managing_organization.name
    assert managers == {
        "Infrastruktur und lokale Standortbedingungen": "Unternehmerverband Mülheimer Wirtschaft",
        "Vernetzung Wirtschaft / Wissenschaft, Bildung, Gründung": (
            "Mülheim & Business GmbH Wirtschaftsförderung"
        ),
        "Standortprofil und Akzeptanz der Industrie": "Stadt Mülheim an der Ruhr",
    }
    sub_groups = Body.objects.filter(initiative=muelheim, kind=Body.Kind.SUB_GROUP)
    assert sub_groups.exists()
    assert all(b.parent.kind == Body.Kind.WORKING_GROUP for b in sub_groups)
    assert Body.objects.get(name="Unterarbeitskreis Breitband/Glasfaser").parent.name == (
        "Infrastruktur und lokale Standortbedingungen"
    )
    names = set(
        Organization.objects.filter(initiative_links__initiative=muelheim).values_list(
            "name", flat=True
        )
    )
    assert {"Hochschule Ruhr West", "IHK zu Essen", "IG Metall Mülheim-Essen-Oberhausen"} <= names

    assert not Person.objects.exclude(email__endswith="@example.org").exists()
    assert not Person.objects.filter(phone="").exclude(organization=None).exists()
