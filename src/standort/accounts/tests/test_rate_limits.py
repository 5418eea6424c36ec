"""Rate limits on sign-in, password reset and the pages that check a token of the
address (issue 14, item 4): per address and per client, answered with 429, a page in
German and Retry-After. Before, 30 password resets sent 30 mails to one inbox."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from standort.accounts.tests.factories import PASSWORD
from standort.accounts.urls import RESET, SIGN_IN, TOKEN_PAGES

pytestmark = pytest.mark.django_db


def _allowed(limit):
    return int(limit.rate.split("/")[0])


def _assert_refused(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "zu oft angefragt" in response.content.decode()


def test_password_resets_of_one_address_are_limited_in_any_spelling(client, anna, mailoutbox):
    spellings = ["anna@example.org", "Anna@Example.org", " ANNA@example.org "]
    for attempt in range(_allowed(RESET[0])):
        response = client.post(reverse("password_reset"), {"email": spellings[attempt % 3]})
        assert response.status_code == 302
    _assert_refused(client.post(reverse("password_reset"), {"email": "anna@example.org"}))
    assert len(mailoutbox) == _allowed(RESET[0])


def test_password_resets_from_one_client_are_limited_across_addresses(client, db):
    for number in range(_allowed(RESET[1])):
        response = client.post(reverse("password_reset"), {"email": f"n{number}@example.org"})
        assert response.status_code == 302
    _assert_refused(client.post(reverse("password_reset"), {"email": "neu@example.org"}))
    # Another client may still ask for one.
    other = client.post(
        reverse("password_reset"), {"email": "neu@example.org"}, REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 302


def test_sign_ins_of_one_address_are_limited(client, anna):
    login = reverse("login")
    for _attempt in range(_allowed(SIGN_IN[0])):
        client.post(login, {"username": "Anna@example.org", "password": PASSWORD})
        client.logout()
    refused = client.post(login, {"username": "anna@example.org", "password": PASSWORD})
    _assert_refused(refused)
    assert SESSION_KEY not in client.session


def test_sign_ins_from_one_client_are_limited_across_addresses(client, db):
    login = reverse("login")
    for number in range(_allowed(SIGN_IN[1])):
        response = client.post(login, {"username": f"n{number}@example.org", "password": "x"})
        assert response.status_code == 200
    _assert_refused(client.post(login, {"username": "neu@example.org", "password": "x"}))


def test_guessing_invitation_links_is_limited(client, db):
    for number in range(_allowed(TOKEN_PAGES[0])):
        response = client.get(reverse("accept_invitation", args=["MQ", f"geraten-{number}"]))
        assert response.status_code == 410
    _assert_refused(client.get(reverse("accept_invitation", args=["MQ", "noch-einmal"])))
