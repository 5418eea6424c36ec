"""Rate limits (issue 14, item 4): guessing personal links is stopped after a few
misses, with a page in the reader's language, status 429 and Retry-After; the
counters live in the cache, in Redis where CACHE_URL names it."""

import secrets

import pytest
from django.core.cache import caches
from django.urls import reverse

from standort.core.views import LINK_FAILURES

pytestmark = pytest.mark.django_db

MISSES = int(LINK_FAILURES.rate.split("/")[0])


def _guess(client, **extra):
    return client.get(reverse("personal_link", args=[f"r{secrets.token_hex(20)}"]), **extra)


def _guess_until_stopped(client, **extra):
    for _guess_number in range(MISSES):
        assert _guess(client, **extra).status_code == 404
    return _guess(client, **extra)


def test_guessing_personal_links_is_stopped_with_429_and_retry_after(client):
    stopped = _guess_until_stopped(client)
    assert stopped.status_code == 429
    assert 0 < int(stopped["Retry-After"]) <= 600
    assert "zu oft" in stopped.content.decode()
    # Another client is not stopped by this one's guesses.
    assert _guess(client, REMOTE_ADDR="192.0.2.7").status_code == 404


def test_the_429_page_speaks_the_readers_language(client):
    stopped = _guess_until_stopped(client, HTTP_ACCEPT_LANGUAGE="en")
    assert stopped.status_code == 429
    assert "too often" in stopped.content.decode()


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")


def test_the_counters_live_in_redis_when_cache_url_names_it(client, settings):
    _redis_or_skip()
    prefix = f"throttle-test-{secrets.token_hex(4)}"
    # As CACHE_URL sets them both (settings.py).
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
        for alias in ("default", "ratelimit")
    }
    redis_cache = caches["ratelimit"]
    try:
        assert _guess_until_stopped(client).status_code == 429
        # What stopped the guesses is in Redis, where every server process reads it.
        server = redis_cache._cache.get_client()
        assert server.keys(f"{prefix}:*")
    finally:
        redis_cache.clear()


def test_a_flood_of_kept_pages_does_not_reset_the_counters(client):
    """The counters live apart from the pages kept in the cache: filling that (it keeps
    300 entries in a process) leaves them."""
    assert _guess_until_stopped(client).status_code == 429
    for n in range(1000):
        caches["default"].set(f"kept-page-{n}", "x")
    assert _guess(client).status_code == 429
