"""The API's HTTP manners: ETags with 304 for reads (lists too) that vary by token and
language, cursor pagination that walks a whole list both ways, the list's filters
(the initiative's own, the tag, only for readers with a role), and query counts that
do not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from standort.initiatives.tests.factories import BodyFactory, InitiativeFactory
from standort.measures.models import Measure
from standort.measures.tests.catalogue import duisburg_catalogue
from standort.measures.tests.factories import (
    MeasureFactory,
    MilestoneFactory,
    PartnershipFactory,
    TagFactory,
)

from .factories import bearer, token_for

pytestmark = pytest.mark.django_db

BASE = "/api/v1/initiatives/duisburg"


@pytest.fixture
def catalogue(world):
    """Duisburg's measures 1 to 5 (see measures/tests/catalogue.py); 1, 3 and 4 public."""
    place = duisburg_catalogue({"duisburg": world})
    Measure.objects.filter(initiative=world.initiative, number__in=[3, 4]).update(is_internal=False)
    return place


@pytest.fixture
def annas(world, anna):
    return bearer(token_for(anna, world.initiative))


# ETags ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/measures/1", "/measures", "", "/measures/1/status-updates"])
def test_a_read_has_an_etag_and_answers_304_when_it_is_unchanged(world, client, annas, path):
    for headers in ({}, annas):
        first = client.get(BASE + path, **headers)
        assert first.status_code == 200
        etag = first["ETag"]
        assert etag.startswith('"') and etag.endswith('"')
        assert {"Authorization", "Accept-Language"} <= {v.strip() for v in first["Vary"].split(",")}

        again = client.get(BASE + path, HTTP_IF_NONE_MATCH=etag, **headers)

        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == etag
        assert again["Cache-Control"] == first["Cache-Control"]
        assert client.get(BASE + path, HTTP_IF_NONE_MATCH='"other"', **headers).status_code == 200


def test_the_etag_changes_with_the_object_and_the_reader(world, client, annas):
    public = client.get(f"{BASE}/measures/1")
    member = client.get(f"{BASE}/measures/1", **annas)
    assert public["ETag"] != member["ETag"]
    assert public["Cache-Control"] == "public, no-cache"
    assert member["Cache-Control"] == "private, no-cache"
    english = client.get(f"{BASE}/measures/1", HTTP_ACCEPT_LANGUAGE="en", **annas)
    assert english.json()["status_label"] == "adopted"
    assert english["ETag"] != member["ETag"]

    Measure.objects.filter(pk=world.measure.pk).update(goal="Neu")
    changed = client.get(f"{BASE}/measures/1", HTTP_IF_NONE_MATCH=member["ETag"], **annas)
    assert changed.status_code == 200
    assert changed["ETag"] != member["ETag"]


def test_a_problem_has_no_etag(world, client):
    missing = client.get(f"{BASE}/measures/999")
    assert missing.status_code == 404
    assert not missing.has_header("ETag")


# Pagination -----------------------------------------------------------------------------


def _walk(client, url, direction, headers):
    pages = []
    while url:
        response = client.get(url, **headers)
        assert response.status_code == 200
        page = response.json()
        pages.append(page)
        url = page[direction]
    return pages


def test_the_cursor_walks_the_whole_list_both_ways(catalogue, client, annas):
    for number in range(6, 10):
        MeasureFactory(initiative=catalogue.initiative, number=number, body=catalogue.group)
    expected = [1, 2, 3, 4, 6, 7, 8, 9]  # 5 is archived

    forward = _walk(client, f"{BASE}/measures?page_size=2", "next", annas)

    assert [[row["number"] for row in page["results"]] for page in forward] == [
        [1, 2],
        [3, 4],
        [6, 7],
        [8, 9],
    ]
    assert forward[0]["previous"] is None
    backward = _walk(client, forward[-1]["previous"], "previous", annas)
    assert [row["number"] for page in reversed(backward) for row in page["results"]] == expected[:6]
    # The public walk the public ones.
    public = _walk(client, f"{BASE}/measures?page_size=2", "next", {})
    assert [row["number"] for page in public for row in page["results"]] == [1, 3, 4]


@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param("%%%", id="not-base64"),
        pytest.param("cD1hYmM=", id="not-a-number"),
    ],
)
def test_a_cursor_not_made_by_the_api_is_invalid_input(world, client, cursor):
    response = client.get(f"{BASE}/measures", {"cursor": cursor})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["cursor"]


# Filters --------------------------------------------------------------------------------


def _numbers(client, headers, **params):
    response = client.get(f"{BASE}/measures", params, **headers)
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("params", "members", "public"),
    [
        ({}, [1, 2, 3, 4], [1, 3, 4]),
        ({"status": "in_progress"}, [3], [3]),
        ({"status": "done"}, [4], [4]),
        ({"q": "Glasfaser"}, [4], [4]),
        ({"overdue": "true"}, [3], [3]),
        ({"archived": "true"}, [5], [1, 3, 4]),  # the archive is the initiative's own
    ],
    ids=["all", "in-progress", "done", "search", "overdue", "archived"],
)
def test_the_list_filters_as_its_page(catalogue, client, annas, params, members, public):
    assert _numbers(client, annas, **params) == members
    assert _numbers(client, {}, **params) == public


def test_the_body_filter(catalogue, client, annas):
    group = catalogue.group.pk
    assert _numbers(client, annas, body=group) == [1, 4]
    assert _numbers(client, {}, body=group) == [1, 4]


def test_a_body_of_another_initiative_filters_to_nothing(catalogue, client, annas):
    others = BodyFactory(initiative=InitiativeFactory())
    assert _numbers(client, annas, body=others.pk) == []
    assert _numbers(client, {}, body=others.pk) == []


def test_the_tag_filters_for_members_only(catalogue, client, annas):
    tag = catalogue.tag.pk  # "Bildung", on measure 3
    assert _numbers(client, annas, tag=tag) == [3]
    assert _numbers(client, {}, tag=tag) == [1, 3, 4]


def test_an_unknown_filter_value_is_invalid_input(world, client):
    response = client.get(f"{BASE}/measures", {"status": "unbekannt"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["status"]


# Query counts -----------------------------------------------------------------------------


def _queries(client, url, headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


def _grow(world, extra):
    """`extra` more measures of Duisburg, public, each with a milestone, a partner, a tag
    and an accepted status update; measure 1 with `extra` more milestones, partners and
    tags."""
    initiative = world.initiative
    first = Measure.objects.filter(initiative=initiative).order_by("-number").first().number
    for n in range(extra):
        measure = MeasureFactory(
            initiative=initiative, number=first + n + 1, body=world.group, is_internal=False
        )
        MilestoneFactory(measure=measure)
        PartnershipFactory(measure=measure)
        measure.tags.add(TagFactory(initiative=initiative))
        MilestoneFactory(measure=world.measure)
        PartnershipFactory(measure=world.measure)
        world.measure.tags.add(TagFactory(initiative=initiative))


@pytest.mark.parametrize("reader", ["public", "member"])
@pytest.mark.parametrize("path", ["/measures", "/measures/1", "/measures/1/status-updates"])
def test_the_query_count_does_not_grow_with_the_data(world, client, annas, reader, path):
    headers = annas if reader == "member" else {}
    _grow(world, 1)
    # The token's first use of the minute is written down (auth.token_used).
    client.get(BASE + path, **headers)
    few = _queries(client, BASE + path, headers)
    _grow(world, 18)
    assert _queries(client, BASE + path, headers) == few


def test_is_overdue_and_next_milestone_in_the_list(world, client, annas):
    MilestoneFactory(
        measure=world.measure,
        title="Verpasst",
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    row = client.get(f"{BASE}/measures", **annas).json()["results"][0]
    assert row["number"] == 1
    assert row["is_overdue"] is True
    assert (
        row["next_milestone_on"] == (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    )
