"""The benchmark harness must not rot: the generator runs with tiny sizes in the test
database, and the Server-Timing middleware reports time and queries."""

from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from bench.generate import TINY, generate
from standort.core.bench import ServerTimingMiddleware
from standort.initiatives.models import InitiativeRole, Membership


def test_generator_creates_the_requested_installation(db):
    installation = generate(TINY)

    counts = installation.counts
    assert counts["Initiative"] == TINY.initiatives
    assert counts["Person"] == TINY.persons
    assert counts["Organization"] == TINY.organizations
    assert counts["Body"] == TINY.bodies
    assert counts["Membership"] == TINY.memberships
    # Everyone takes part somewhere, some in a second initiative.
    assert TINY.persons < counts["InitiativePerson"] <= TINY.persons * 2
    assert counts["InitiativeOrganization"] > 0
    assert counts["InitiativeRole"] == TINY.users + 2
    assert counts["User"] == TINY.users + 1

    bench, small = installation.bench, installation.small
    assert bench.people.count() == TINY.bench_persons
    assert small.people.count() == TINY.small_persons
    assert bench.bodies.count() == TINY.bench_bodies
    assert Membership.objects.filter(body__initiative=bench).count() == TINY.bench_memberships
    assert installation.bench_body.memberships.count() == TINY.bench_body_members
    assert installation.small_body.memberships.count() == TINY.small_body_members
    # Members are participants of the body's initiative.
    assert not Membership.objects.exclude(
        person__initiative_links__initiative=installation.bench_body.initiative
    ).filter(body=installation.bench_body)
    user = installation.user
    assert user.person is not None
    assert InitiativeRole.objects.get(initiative=bench, user=user).role == "office"
    assert InitiativeRole.objects.get(initiative=small, user=user).role == "office"


def test_server_timing_header_counts_queries(db):
    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse("ok")

    response = ServerTimingMiddleware(view)(RequestFactory().get("/"))

    header = response["Server-Timing"]
    assert header.startswith("total;dur=")
    assert ", cpu;dur=" in header
    assert header.endswith('desc="2 queries"')
