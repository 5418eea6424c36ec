"""Who asks: without a token the public, with a valid bearer token its user. A token
that is not valid (unknown, revoked, expired, its user deactivated) or another scheme
is a 401 problem, never the public answer; guessing is stopped after 30 failures in
10 minutes; rate limits per client and per token answer 429 with Retry-After."""

import datetime

import pytest
from django.utils import timezone

from standort.api.auth import FAILED_CHECKS
from standort.api.models import ApiToken

from .factories import READ, bearer, token_for

pytestmark = pytest.mark.django_db

MEASURES = "/api/v1/initiatives/duisburg/measures"
FAILURES = int(FAILED_CHECKS.rate.split("/")[0])


def _numbers(response):
    assert response.status_code == 200
    return [row["number"] for row in response.json()["results"]]


def test_without_a_token_the_public_data(world, anna, client):
    assert _numbers(client.get(MEASURES)) == [1]
    assert _numbers(client.get(MEASURES, **bearer(token_for(anna, world.initiative)))) == [1, 2]


def _revoked(user, initiative):
    secret = token_for(user, initiative)
    ApiToken.objects.filter(user=user).update(revoked_at=timezone.now())
    return secret


def _expired(user, initiative):
    return token_for(user, initiative, days=-1)


def _of_a_deactivated_user(user, initiative):
    secret = token_for(user, initiative)
    user.is_active = False
    user.save()
    return secret


def _unknown(user, initiative):
    return "std_" + "x" * 43


def _cut_short(user, initiative):
    return token_for(user, initiative)[:-1]


@pytest.mark.parametrize(
    "secret", [_unknown, _cut_short, _revoked, _expired, _of_a_deactivated_user]
)
def test_an_invalid_token_is_refused_not_taken_for_the_public(world, anna, client, secret):
    response = client.get(MEASURES, **bearer(secret(anna, world.initiative)))

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    problem = response.json()
    assert (problem["status"], problem["type"]) == (
        401,
        "http://testserver/api/#problem-unauthorized",
    )
    assert problem["instance"] == MEASURES
    assert "Token" in problem["title"]


def test_a_token_expires_at_the_end_of_its_last_day(world, anna, client):
    secret = token_for(anna, world.initiative, days=0)
    assert client.get(MEASURES, **bearer(secret)).status_code == 200


@pytest.mark.parametrize("header", ["Token {}", "Basic {}", "{}", "Bearer"])
def test_another_scheme_is_refused(world, anna, client, header):
    secret = token_for(anna, world.initiative)
    response = client.get(MEASURES, HTTP_AUTHORIZATION=header.format(secret))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_the_401_speaks_the_readers_language(world, client):
    german = client.get(MEASURES, HTTP_ACCEPT_LANGUAGE="de", **bearer("std_falsch")).json()
    english = client.get(MEASURES, HTTP_ACCEPT_LANGUAGE="en", **bearer("std_wrong")).json()
    assert german["title"] == "Token ungültig"
    assert english["title"] == "Token not valid"
    assert german["detail"] != english["detail"]


def test_guessing_tokens_is_stopped(world, anna, client):
    secret = token_for(anna, world.initiative)
    for guess in range(FAILURES):
        assert client.get(MEASURES, **bearer(f"std_guess{guess}")).status_code == 401

    stopped = client.get(MEASURES, **bearer("std_one_more"))

    assert stopped.status_code == 429
    assert 0 < int(stopped["Retry-After"]) <= 600
    assert stopped["Content-Type"] == "application/problem+json"
    # Stopped is the client, even with a valid token now; another client is not.
    assert client.get(MEASURES, **bearer(secret)).status_code == 429
    assert client.get(MEASURES, REMOTE_ADDR="192.0.2.7", **bearer(secret)).status_code == 200


def test_valid_tokens_do_not_count_as_failures(world, anna, client):
    secret = token_for(anna, world.initiative)
    for _request in range(FAILURES + 1):
        assert client.get(MEASURES, **bearer(secret)).status_code == 200


def test_the_public_are_limited_per_client(world, client, settings):
    settings.API_RATE_PUBLIC = "3/m"
    for _request in range(3):
        assert client.get(MEASURES).status_code == 200

    stopped = client.get(MEASURES)

    assert stopped.status_code == 429
    assert 0 < int(stopped["Retry-After"]) <= 60
    assert stopped.json()["status"] == 429
    assert client.get(MEASURES, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_token_is_limited_on_its_own(world, anna, ben, client, settings):
    settings.API_RATE_TOKEN = "3/m"
    annas, bens = token_for(anna, world.initiative), token_for(ben, world.initiative)
    for _request in range(3):
        assert client.get(MEASURES, **bearer(annas)).status_code == 200

    stopped = client.get(MEASURES, **bearer(annas))

    assert stopped.status_code == 429
    assert 0 < int(stopped["Retry-After"]) <= 60
    # From another address too: it is the token that is counted.
    assert client.get(MEASURES, REMOTE_ADDR="192.0.2.7", **bearer(annas)).status_code == 429
    assert client.get(MEASURES, **bearer(bens)).status_code == 200


def test_the_last_use_is_written_at_most_once_a_minute(world, anna, client):
    secret = token_for(anna, world.initiative, READ)
    token = ApiToken.objects.get()
    assert token.last_used_at is None

    client.get(MEASURES, **bearer(secret))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None and timezone.now() - first < datetime.timedelta(seconds=10)

    client.get(MEASURES, **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == first

    a_minute_ago = first - datetime.timedelta(seconds=61)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=a_minute_ago)
    client.get(MEASURES, **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at > first
    # The last use is no change of the token: its history does not grow with reads.
    assert token.history.count() == 1


def test_without_accept_language_the_token_owners_language(world, anna, client):
    anna.language = "en"
    anna.save()
    secret = token_for(anna, world.initiative)
    row = client.get(MEASURES, **bearer(secret)).json()["results"][0]
    assert row["status_label"] == "adopted"
    assert client.get(MEASURES).json()["results"][0]["status_label"] == "beschlossen"
