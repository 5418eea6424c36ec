"""Personal API tokens on the pages: made from the profile, shown once, stored as a
SHA-256 digest, valid for at most a year, at most 20 active at a time, revoked after
a confirmation; each user sees and revokes only their own."""

import datetime
import hashlib
import logging

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from standort.api.models import ApiToken
from standort.api.services import ACTIVE_TOKENS

from .factories import READ, READ_WRITE, token_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
LIST = reverse("api_tokens")
NEW = reverse("api_token_create")


def _revoke_url(token):
    return reverse("api_token_revoke", args=[token.pk])


def _form(duisburg, **changes):
    return {
        "name": "Projektliste IHK",
        "initiative": duisburg.pk,
        "scope": READ_WRITE,
        "expires_on": (TODAY() + 30 * DAY).isoformat(),
        **changes,
    }


def _all_stored_text():
    """Every value of every column of the tokens' table and its history, as text."""
    with connection.cursor() as cursor:
        rows = []
        for table in (ApiToken._meta.db_table, ApiToken.history.model._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
            rows.extend(cursor.fetchall())
    return " ".join(str(value) for row in rows for value in row)


def test_a_token_is_shown_once_and_only_its_digest_is_stored(client, anna, duisburg):
    client.force_login(anna)
    response = client.post(NEW, _form(duisburg))

    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("std_") and len(secret) > 40
    assert secret in response.content.decode()
    token = ApiToken.objects.get()
    assert (token.user, token.initiative, token.name, token.scope) == (
        anna,
        duisburg,
        "Projektliste IHK",
        READ_WRITE,
    )
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in _all_stored_text()
    assert secret[4:] not in _all_stored_text()
    # Its label tells it apart without revealing it.
    assert token.label == f"std_{secret[4:12]}…"
    # Not shown again: the list names it by its label only.
    listed = client.get(LIST).content.decode()
    assert secret not in listed
    assert token.label in listed
    assert response.headers["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize(
    ("days", "error"),
    [(-1, "Vergangenheit"), (366, "höchstens ein Jahr")],
    ids=["past", "more-than-a-year"],
)
def test_the_expiry_is_at_most_a_year_ahead_and_not_past(client, anna, duisburg, days, error):
    client.force_login(anna)
    response = client.post(NEW, _form(duisburg, expires_on=(TODAY() + days * DAY).isoformat()))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["expires_on"]
    assert error in response.context["form"].errors["expires_on"][0]
    assert not ApiToken.objects.exists()


def test_a_year_from_today_is_the_last_day_allowed(client, anna, duisburg):
    client.force_login(anna)
    client.post(NEW, _form(duisburg, expires_on=(TODAY() + 365 * DAY).isoformat()))
    assert ApiToken.objects.get().expires_on == TODAY() + 365 * DAY


def test_a_token_is_only_for_an_initiative_one_takes_part_in(client, anna, duisburg, muelheim):
    client.force_login(anna)
    form = client.get(NEW).context["form"]
    assert list(form.fields["initiative"].queryset) == [duisburg]

    response = client.post(NEW, _form(duisburg, initiative=muelheim.pk))
    assert list(response.context["form"].errors) == ["initiative"]
    assert not ApiToken.objects.exists()


def test_someone_without_a_role_is_sent_back_to_the_list(client, eva):
    client.force_login(eva)
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"] == LIST


def test_at_most_twenty_tokens_are_active(client, anna, duisburg):
    for n in range(ACTIVE_TOKENS):
        token_for(anna, duisburg, name=f"Token {n}")
    # Revoked and expired tokens do not count.
    revoked = ApiToken.objects.first()
    revoked.revoked_at = timezone.now()
    revoked.save()
    token_for(anna, duisburg, name="Abgelaufen", days=-1)
    token_for(anna, duisburg, name="Der zwanzigste")
    client.force_login(anna)

    response = client.post(NEW, _form(duisburg, name="Einer zu viel"))

    assert response.status_code == 200
    assert "20" in " ".join(response.context["form"].non_field_errors())
    assert not ApiToken.objects.filter(name="Einer zu viel").exists()


def test_revoking_is_confirmed_first_then_logged(client, anna, duisburg, caplog):
    token_for(anna, duisburg, name="Tabelle")
    token = ApiToken.objects.get()
    client.force_login(anna)

    confirm = client.get(_revoke_url(token))
    assert confirm.status_code == 200
    assert token.label in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None

    with caplog.at_level(logging.INFO, logger="standort.services"):
        response = client.post(_revoke_url(token))

    assert response.status_code == 302
    assert response["Location"] == LIST
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert f"revoked API token #{token.pk}" in caplog.text
    assert token.history.first().history_user == anna
    # Revoked, it is listed so and cannot be revoked again.
    listed = client.get(LIST).content.decode()
    assert "widerrufen am" in listed
    assert _revoke_url(token) not in listed


def test_the_list_shows_expiry_and_last_use(client, anna, duisburg):
    token_for(anna, duisburg, name="Nie benutzt")
    token_for(anna, duisburg, name="Abgelaufen", days=-2)
    token_for(anna, duisburg, name="Benutzt")
    used = ApiToken.objects.get(name="Benutzt")
    ApiToken.objects.filter(pk=used.pk).update(
        last_used_at=datetime.datetime(2026, 11, 24, 9, 30, tzinfo=datetime.UTC)
    )
    client.force_login(anna)

    page = client.get(LIST).content.decode()

    assert "24.11.2026 10:30" in page  # Berlin time
    assert "nie" in page
    assert "abgelaufen" in page
    expired = ApiToken.objects.get(name="Abgelaufen")
    assert _revoke_url(expired) not in page
    assert _revoke_url(used) in page


def test_the_profile_shows_the_token_section(client, anna, duisburg):
    token_for(anna, duisburg)
    token_for(anna, duisburg, scope=READ, days=-1)
    client.force_login(anna)

    page = client.get(reverse("profile")).content.decode()

    assert 'id="api-tokens-heading"' in page
    assert "Sie haben 1 gültiges Token für die API." in page
    assert f'href="{LIST}"' in page


@pytest.mark.parametrize("url", [LIST, NEW, reverse("api_token_revoke", args=[1])])
def test_the_token_pages_need_a_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_nobody_sees_or_revokes_anothers_token(client, anna, ben, duisburg):
    token_for(anna, duisburg, name="Annas Liste")
    token = ApiToken.objects.get()
    client.force_login(ben)

    assert "Annas Liste" not in client.get(LIST).content.decode()
    assert client.get(_revoke_url(token)).status_code == 404
    assert client.post(_revoke_url(token)).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
