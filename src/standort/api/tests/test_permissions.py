"""Every operation of the API, for every asker and token scope.

Duisburg is public: without a token anyone reads what its public pages show (measure
1, released; not measure 2, internal; the public meeting, not the internal one). With
a token, its user reads what their role shows them on the pages, in the token's
initiative only: Clara's token is Mülheim's, so Duisburg is not there for it (404).
Writing needs a token (401 without), one for reading and writing (403 with a read
token), and the right of the pages (403 for Olga, Ben and Stefan): the office (Anna),
the platform admin (Paul) and Carl, who chairs the group of measure 1, may.

A refused request writes nothing. The table names every operation of the API."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client

from standort.api.v1 import api
from standort.measures.models import Measure, Milestone

from .factories import READ, READ_WRITE, bearer, send, token_for

pytestmark = pytest.mark.django_db

# Who asks, and with a token for which initiative (None: without a token).
ASKERS = {
    "anonymous": None,
    "olga": "duisburg",  # observer
    "ben": "duisburg",  # member
    "stefan": "duisburg",  # steering committee
    "anna": "duisburg",  # office
    "carl": "duisburg",  # member who chairs the group of measure 1
    "clara": "muelheim",  # Mülheim's office, with a token for Mülheim
    "paul": "duisburg",  # platform admin
}


BASE = "/api/v1/initiatives"
SEES_DUISBURG = frozenset({"olga", "ben", "stefan", "anna", "carl", "paul"})
KEEPS_MEASURE_1 = frozenset({"anna", "carl", "paul"})
ADDS_MEASURES = KEEPS_MEASURE_1
NEXT_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


@dataclass(frozen=True)
class Op:
    name: str
    method: str
    path: Callable  # place → the address below /api/v1/initiatives
    body: Callable | None = None  # place → JSON sent
    anonymous: int = 200  # a read: what the public get
    readers: frozenset = SEES_DUISBURG  # a read: who reads it with a token
    allowed: frozenset = frozenset()  # a write: who may, with a read-write token
    ok: int = 200  # a write: the answer to those allowed
    anywhere: bool = False  # not of one initiative: every token reads it
    label: str = ""

    def __str__(self):
        return f"{self.method}-{self.name}{'-' + self.label if self.label else ''}"

    @property
    def writes(self):
        return self.method != "GET"


def _slug(place):
    return place.initiative.slug


def _measure(place):
    return f"/{_slug(place)}/measures/{place.measure.number}"


def _milestone(place):
    return f"{_measure(place)}/milestones/{place.milestone.pk}"


def _new_measure(place):
    return {"title": "Gründerzentrum Hochfeld", "kind": "project", "body_id": place.group.pk}


def _report(place):
    return {"traffic_light": "green", "progress": 50, "achieved": "Vergabe erfolgt."}


TABLE = [
    Op("initiative_list", "GET", lambda p: "", anywhere=True),
    Op("initiative_detail", "GET", lambda p: f"/{_slug(p)}"),
    Op("body_list", "GET", lambda p: f"/{_slug(p)}/bodies"),
    Op("body_detail", "GET", lambda p: f"/{_slug(p)}/bodies/{p.group.pk}"),
    Op("membership_list", "GET", lambda p: f"/{_slug(p)}/memberships"),
    Op("measure_list", "GET", lambda p: f"/{_slug(p)}/measures"),
    Op("measure_detail", "GET", _measure),
    Op(
        "measure_detail",
        "GET",
        lambda p: f"/{_slug(p)}/measures/{p.other_measure.number}",
        anonymous=404,
        label="internal",
    ),
    Op(
        "measure_create",
        "POST",
        lambda p: f"/{_slug(p)}/measures",
        _new_measure,
        allowed=ADDS_MEASURES,
        ok=201,
    ),
    Op(
        "measure_change",
        "PATCH",
        _measure,
        lambda p: {"goal": "Alle Gewerbegebiete"},
        allowed=KEEPS_MEASURE_1,
    ),
    Op(
        "measure_change",
        "PATCH",
        lambda p: f"/{_slug(p)}/measures/{p.other_measure.number}",
        lambda p: {"goal": "Neues Image"},
        allowed=frozenset({"anna", "paul"}),
        label="other-group",
    ),
    Op(
        "measure_status",
        "POST",
        lambda p: f"{_measure(p)}/status",
        lambda p: {"status": "in_progress"},
        allowed=KEEPS_MEASURE_1,
    ),
    Op(
        "milestone_create",
        "POST",
        lambda p: f"{_measure(p)}/milestones",
        lambda p: {"title": "Vergabe", "due_on": NEXT_MONTH},
        allowed=KEEPS_MEASURE_1,
        ok=201,
    ),
    Op("milestone_detail", "GET", _milestone),
    Op(
        "milestone_change",
        "PATCH",
        _milestone,
        lambda p: {"title": "Vergabe erteilt"},
        allowed=KEEPS_MEASURE_1,
    ),
    Op("milestone_delete", "DELETE", _milestone, allowed=KEEPS_MEASURE_1, ok=204),
    Op("status_update_list", "GET", lambda p: f"{_measure(p)}/status-updates"),
    # No status review runs: nobody can report, whoever asks.
    Op(
        "status_report",
        "POST",
        lambda p: f"{_measure(p)}/status-report",
        _report,
        allowed=SEES_DUISBURG,
        ok=409,
        label="no-review-running",
    ),
    Op(
        "review_list",
        "GET",
        lambda p: f"/{_slug(p)}/reviews",
        anonymous=401,
        readers=frozenset({"stefan", "anna", "paul"}),
    ),
    Op("meeting_list", "GET", lambda p: f"/{_slug(p)}/meetings"),
    Op("meeting_detail", "GET", lambda p: f"/{_slug(p)}/meetings/{p.meeting.pk}"),
    Op(
        "meeting_detail",
        "GET",
        lambda p: f"/{_slug(p)}/meetings/{p.internal_meeting.pk}",
        anonymous=404,
        label="internal",
    ),
    Op("decision_list", "GET", lambda p: f"/{_slug(p)}/decisions"),
    Op("idea_list", "GET", lambda p: f"/{_slug(p)}/ideas", anonymous=401),
    Op("idea_detail", "GET", lambda p: f"/{_slug(p)}/ideas/{p.idea.pk}", anonymous=401),
    Op("comment_list", "GET", lambda p: f"/{_slug(p)}/comments", anonymous=401),
    Op("indicator_list", "GET", lambda p: f"/{_slug(p)}/indicators", anonymous=401),
    Op("goal_list", "GET", lambda p: f"/{_slug(p)}/goals"),
    Op("offer_list", "GET", lambda p: f"/{_slug(p)}/transfer/offers"),
    Op("offer_detail", "GET", lambda p: f"/{_slug(p)}/transfer/offers/{p.offer.pk}"),
    Op("need_list", "GET", lambda p: f"/{_slug(p)}/transfer/needs"),
    Op("need_detail", "GET", lambda p: f"/{_slug(p)}/transfer/needs/{p.need.pk}"),
]
SCOPES = [None, READ, READ_WRITE]
CASES = [
    pytest.param(
        op,
        scope,
        id=f"{op}-{scope or 'no-token'}",
    )
    for op in TABLE
    for scope in SCOPES
]


def test_the_table_names_every_operation():
    """Each operation of the description (its id is the view's module and name) is in
    the table."""
    described = {
        (method.upper(), operation["operationId"].split("_endpoints_", 1)[1].split("_", 1)[1])
        for operations in api.get_openapi_schema()["paths"].values()
        for method, operation in operations.items()
    }
    assert {(op.method, op.name) for op in TABLE} == described


def expected(op, scope, persona):
    if scope is None or persona == "anonymous":
        return 401 if op.writes else op.anonymous
    if op.anywhere:
        return 200
    if ASKERS[persona] != "duisburg":
        return 404
    if not op.writes:
        return 200 if persona in op.readers else 403
    if scope == READ or persona not in op.allowed:
        return 403
    return op.ok


def written():
    """What a write may have changed: the measures and milestones with their versions
    and the history records of both."""
    return (
        sorted(Measure.objects.values_list("pk", "version", "status")),
        sorted(Milestone.objects.values_list("pk", "version")),
        Measure.history.count(),
        Milestone.history.count(),
    )


def _send(client, op, place, secret):
    body = op.body(place) if op.body else None
    return send(client, op.method, BASE + op.path(place), body, secret, HTTP_IF_MATCH="*")


def ask_everyone(op, scope, place, request):
    """{persona: status}, {persona: whether the request wrote}. Each asks inside a
    transaction that is rolled back, so each meets the same data, with an empty cache
    so that no rate limit counts another's requests."""
    secrets = {}
    for persona, slug in ASKERS.items():
        if scope is not None and slug is not None:
            user = request.getfixturevalue(persona)
            initiative = request.getfixturevalue("measures")[slug].initiative
            secrets[persona] = token_for(user, initiative, scope)
    client = Client()
    answers, wrote = {}, {}
    for persona in ASKERS:
        with transaction.atomic():
            for each in caches.all():
                each.clear()
            before = written()
            response = _send(client, op, place, secrets.get(persona))
            answers[persona] = response.status_code
            wrote[persona] = written() != before
            if response.status_code >= 400:
                assert response["Content-Type"] == "application/problem+json"
                assert response.json()["status"] == response.status_code
            transaction.set_rollback(True)
    return answers, wrote


@pytest.mark.parametrize(("op", "scope"), CASES)
def test_duisburg(world, request, op, scope):
    answers, wrote = ask_everyone(op, scope, world, request)

    assert answers == {p: expected(op, scope, p) for p in ASKERS}
    assert wrote == {p: answers[p] in (201, 204) or op.writes and answers[p] == 200 for p in ASKERS}


# The forum's place has measures, milestones and bodies, nothing else.
FORUM_READS = [
    op
    for op in TABLE
    if not op.writes
    and op.anonymous == 200
    and op.name.split("_")[0] in {"initiative", "body", "membership", "measure", "milestone"}
]


@pytest.mark.parametrize("op", FORUM_READS, ids=[str(op) for op in FORUM_READS])
def test_the_forum_is_there_only_for_its_own_token(measures, anna, paul, client, op):
    """The forum is not public: without a token and with Duisburg's token it does not
    exist; Paul's token for the forum reads it."""
    forum = measures["forum"]
    url = BASE + op.path(forum)
    annas = token_for(anna, measures["duisburg"].initiative, READ_WRITE)
    pauls = token_for(paul, forum.initiative, READ)

    if op.name == "initiative_list":
        listed = [
            [row["slug"] for row in client.get(url, **bearer(secret)).json()["results"]]
            for secret in (None, annas, pauls)
        ]
        assert listed == [
            ["duisburg", "muelheim"],
            ["duisburg", "muelheim"],
            ["duisburg", "forum", "muelheim"],
        ]
        return
    answers = [client.get(url, **bearer(secret)).status_code for secret in (None, annas, pauls)]
    assert answers == [404, 404, 200]


def test_writing_in_the_forum_needs_its_own_token(measures, anna, paul, client):
    forum = measures["forum"]
    url = f"{BASE}/forum/measures/{forum.measure.number}"
    annas = token_for(anna, measures["duisburg"].initiative, READ_WRITE)
    pauls = token_for(paul, forum.initiative, READ_WRITE)

    def patch(secret):
        return client.patch(
            url,
            {"goal": "Vertraulich"},
            content_type="application/json",
            HTTP_IF_MATCH="*",
            **bearer(secret),
        ).status_code

    assert [patch(None), patch(annas)] == [401, 404]
    assert Measure.objects.get(pk=forum.measure.pk).goal == ""
    assert patch(pauls) == 200


@pytest.mark.parametrize(
    "path",
    [
        lambda m: f"/duisburg/measures/{m['muelheim'].measure.number}",
        lambda m: f"/duisburg/measures/1/milestones/{m['muelheim'].milestone.pk}",
        lambda m: f"/duisburg/measures/{m['muelheim'].measure.number}/status-updates",
        lambda m: f"/duisburg/bodies/{m['muelheim'].group.pk}",
    ],
    ids=["measure", "milestone", "status-updates", "body"],
)
def test_muelheims_objects_through_duisburg_are_not_found(measures, anna, client, path):
    secret = token_for(anna, measures["duisburg"].initiative, READ_WRITE)
    assert client.get(BASE + path(measures), **bearer(secret)).status_code == 404


@pytest.fixture
def evas(world, eva):
    """A token of someone without a role in the initiative: the form offers none, but a
    token stays valid after its user's role ends."""
    return bearer(token_for(eva, world.initiative, READ_WRITE))


def test_a_token_without_role_reads_as_the_public(world, client, evas):
    measures = client.get(f"{BASE}/duisburg/measures", **evas).json()["results"]
    assert [row["number"] for row in measures] == [1]
    assert client.get(f"{BASE}/duisburg/measures/2", **evas).status_code == 404
    assert client.get(f"{BASE}/duisburg/ideas", **evas).status_code == 403


def test_a_token_without_role_may_not_write(world, client, evas):
    answer = client.patch(
        f"{BASE}/duisburg/measures/1",
        {"goal": "x"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
        **evas,
    )
    assert answer.status_code == 403
