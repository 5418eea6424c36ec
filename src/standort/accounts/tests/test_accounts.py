"""Signing in, locking out, resetting a password, choosing a language."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from standort.accounts.tests.factories import PASSWORD

LOGIN = "/accounts/login/"


def sign_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def test_the_e_mail_address_may_be_typed_in_any_case(client, anna):
    response = sign_in(client, "  ANNA@Example.ORG".strip())
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(anna.pk)


def test_a_wrong_password_is_refused_in_german(client, anna):
    response = sign_in(client, "anna@example.org", "falsch")
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "E-Mail-Adresse oder Passwort" in response.content.decode()


def test_five_failed_attempts_block_the_sixth_even_with_the_right_password(client, anna, ben):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "anna@example.org", "geraten")
    assert SESSION_KEY not in client.session

    blocked = sign_in(client, "anna@example.org")

    assert blocked.status_code == 429
    assert SESSION_KEY not in client.session
    assert "vorübergehend gesperrt" in blocked.content.decode()
    # The lock is for Anna's account from this address, not for everyone there.
    assert sign_in(client, "ben@example.org").status_code == 302


@pytest.mark.parametrize(
    "spelling",
    [
        "Anna@example.org",
        "ANNA@EXAMPLE.ORG",
        " anna@example.org",
        "anna@example.org ",
        "\tAnna@Example.org \n",
    ],
)
def test_a_lockout_holds_for_every_spelling_of_the_address(client, anna, spelling):
    """Issue 14, 3: each spelling counted as an address of its own and signed in."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "anna@example.org", "geraten")
    blocked = sign_in(client, spelling)
    assert blocked.status_code == 429
    assert SESSION_KEY not in client.session


def test_failures_in_different_spellings_add_up(client, anna):
    spellings = ["anna@example.org", "Anna@example.org", " ANNA@example.org", "anna@EXAMPLE.org "]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, spellings[attempt % len(spellings)], "geraten")
    assert sign_in(client, "anna@example.org").status_code == 429


def test_a_new_account_is_stored_under_the_normalised_address(db):
    from standort.accounts.models import User

    user = User.objects.create_user(" Neu@Example.ORG ", "geheim-und-lang-2026")
    assert user.email == "neu@example.org"
    assert User.objects.get_by_natural_key("NEU@example.org ") == user


def test_four_failed_attempts_do_not_block(client, anna):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "anna@example.org", "geraten").status_code == 200
    assert sign_in(client, "anna@example.org").status_code == 302


def test_a_password_reset_mail_is_sent_and_its_link_works(client, anna, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "Anna@example.org"})

    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.to == ["anna@example.org"]
    assert "Guten Tag," in mail.body
    link = re.search(r"https?://\S+/accounts/reset/\S+/", mail.body).group(0)
    confirm = client.get(link, follow=True)
    assert confirm.status_code == 200
    assert 'name="new_password1"' in confirm.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/",
        "/accounts/reset/done/",
    ],
)
def test_the_password_reset_pages_are_ours_not_the_admins(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "admin/base_site.html" not in [t.name for t in response.templates]
    assert "base.html" in [t.name for t in response.templates]
    assert html_lang(response) == "de"


def test_no_reset_mail_for_an_unknown_address(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


# Language -----------------------------------------------------------------------------


def html_lang(response):
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


def test_pages_are_german_by_default(client, db):
    response = client.get("/")
    assert html_lang(response) == "de"
    assert "Zum Inhalt springen" in response.content.decode()


def test_a_visitor_switches_to_english_with_a_cookie(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/")
    assert html_lang(page) == "en"
    assert "Skip to content" in page.content.decode()


def test_a_signed_in_user_keeps_the_language_in_the_profile(client, ben):
    client.force_login(ben)

    client.post(reverse("set_language"), {"language": "en", "next": "/duisburg/"})

    ben.refresh_from_db()
    assert ben.language == "en"
    assert html_lang(client.get("/duisburg/")) == "en"
    # On another device, without the cookie, the profile decides.
    client.cookies.clear()
    client.force_login(ben)
    assert html_lang(client.get("/duisburg/")) == "en"


@pytest.mark.parametrize("language", ["xx", ""])
def test_an_unknown_language_changes_nothing(client, ben, language):
    client.force_login(ben)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    ben.refresh_from_db()
    assert ben.language == "de"
    assert html_lang(client.get("/")) == "de"


def test_the_profile_saves_the_language(client, ben):
    client.force_login(ben)

    response = client.post(
        reverse("profile"), {"first_name": "Ben", "last_name": "Brandt", "language": "en"}
    )

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    ben.refresh_from_db()
    assert ben.language == "en"
    page = client.get(reverse("profile"))
    assert html_lang(page) == "en"
    assert "Your profile has been saved." in page.content.decode()
