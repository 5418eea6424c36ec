"""The API's description: OpenAPI 3.1, valid, with its interactive documentation served
from our own static files; and Schemathesis, which sends what the description allows
to every operation (without a token, with a read token, with the office's read-write
token) and holds each answer to it: no server error, the declared status codes,
content types and schemas."""

import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from standort.api import auth
from standort.core.throttle import Limit

from .factories import READ, READ_WRITE, token_for

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/openapi.json"


def test_the_description_is_openapi_3_1_and_valid(client):
    response = client.get(SCHEMA)
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    # Against the OpenAPI 3.1 meta-schema: raises on an invalid document.
    schemathesis.openapi.from_dict(document).validate()


CONFIG = schemathesis.Config.from_dict(
    {
        # Duisburg's measure 1 (public, with a milestone and a status update): the
        # generated values reach the forms and the queries, not only the 404s.
        "parameters": {"slug": "duisburg", "number": 1},
        "generation": {"max-examples": 10, "deterministic": True},
    }
)


@pytest.fixture(params=["public", READ, READ_WRITE])
def secret(request, world, anna, settings, monkeypatch):
    # Schemathesis asks often and sends invalid tokens on purpose: no rate limit here.
    settings.API_RATE_PUBLIC = settings.API_RATE_TOKEN = "100000/m"
    monkeypatch.setattr(auth, "FAILED_CHECKS", Limit("api-token-failures", "100000/m"))
    if request.param == "public":
        return None
    return token_for(anna, world.initiative, request.param)


_django = get_wsgi_application()


def DJANGO(environ, start_response):  # noqa: N802
    """The site as a WSGI server runs it, inside the test's transaction: a server always
    names the client's address, which Schemathesis's in-process calls leave out; and,
    as Django's test client does, the connection is not closed at the end of a request
    (that would end the test's transaction on PostgreSQL)."""
    environ.setdefault("REMOTE_ADDR", "127.0.0.1")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = _django(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Loaded as the tests are collected (the description needs no database). Not through
# `schemathesis.pytest.from_fixture`: its lazy schema sets `Node._nodeid`, which
# pytest 9 no longer has.
schema = schemathesis.openapi.from_wsgi(SCHEMA, lambda e, r: DJANGO(e, r), config=CONFIG)


CHECKS = [
    checks.not_a_server_error,
    checks.response_schema_conformance,
    checks.status_code_conformance,
    checks.content_type_conformance,
]


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_every_answer_matches_the_description(case, secret):
    # Writes without a version are refused (428) before their input is looked at.
    headers = {"If-Match": "*"}
    if secret:
        headers["Authorization"] = f"Bearer {secret}"
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS)


def test_a_body_that_is_not_json_is_a_problem(world, anna, client):
    secret = token_for(anna, world.initiative, READ_WRITE)
    response = client.post(
        "/api/v1/initiatives/duisburg/measures",
        b"{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response["Content-Type"] == "application/problem+json"
    assert response.status_code in (400, 422)
    described = client.get(SCHEMA).json()["paths"]["/api/v1/initiatives/{slug}/measures"]
    assert str(response.status_code) in described["post"]["responses"]


def test_the_interactive_documentation_uses_our_own_files(client, settings):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert SCHEMA in page or "openapi.json" in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources
    assert not [url for url in sources if url.startswith(("http:", "https:", "//"))]
    for url in sources:
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0]), url
