"""The rules of the specification on a small record built for each test: lists and
their pages, the filters, the CORS header and the error object, tombstones of what
left the record (a meeting marked internal, a measure kept internal again, a person
who withdrew consent), and a constant number of queries per list."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from standort.core.services import save
from standort.initiatives.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
)
from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory
from standort.meetings.models import AgendaItem, Decision, Meeting, MinutesState
from standort.oparl.objects import moment
from standort.oparl.queries import KINDS
from standort.oparl.tests.crawl import check_object, crawl, get

pytestmark = pytest.mark.django_db

BASE = "http://testserver/oparl/v1"


def populate(initiative, n):
    """`n` objects of every kind in the record of `initiative`: bodies with a
    consenting member each, public measures, and public meetings with a place,
    approved minutes and an agenda item whose decision adopts a measure."""
    start = timezone.now() - datetime.timedelta(days=30)
    made = {"meetings": [], "measures": [], "people": [], "memberships": []}
    for i in range(n):
        group = BodyFactory(initiative=initiative)
        person = PersonFactory(name_is_public=True, initiative=initiative)
        made["people"].append(person)
        made["memberships"].append(MembershipFactory(body=group, person=person))
        measure = MeasureFactory(initiative=initiative, body=group, is_internal=False)
        made["measures"].append(measure)
        meeting = save(
            None,
            Meeting(
                initiative=initiative,
                body=group,
                title=f"Sitzung {i}",
                starts_at=start + datetime.timedelta(days=i),
                ends_at=start + datetime.timedelta(days=i, hours=2),
                location="Rathaus, Raum 1",
                online_url="https://video.example.org/geheim",
                is_public=True,
                minutes_state=MinutesState.APPROVED,
                minutes_approved_at=start + datetime.timedelta(days=i + 1),
            ),
        )
        made["meetings"].append(meeting)
        item = save(None, AgendaItem(meeting=meeting, position=1, title="Bericht"))
        decision = save(None, Decision(agenda_item=item, text="Der Kreis beschließt."))
        decision.adopted_measures.set([measure])
    return made


@pytest.fixture
def record(duisburg):
    return populate(duisburg, 3)


def _list(client, url):
    answer = get(client, url)
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_every_list_pages_with_its_links_and_keeps_its_filters(duisburg, record, client):
    # (The minutes' files were created when the minutes were approved, weeks ago.)
    since = quote(moment(timezone.now() - datetime.timedelta(days=60)), safe="")
    for kind in KINDS:
        url = f"{BASE}/body/{duisburg.pk}/{kind}"
        first = f"{url}?created_since={since}&omit_internal=true&limit=2"
        page = _list(client, first)
        assert page["links"]["first"] == first
        assert page["links"]["self"] == first
        assert page["links"]["next"] == f"{first}&page=2"
        assert page["links"]["last"] == f"{first}&page=2"
        assert "prev" not in page["links"]
        assert page["pagination"] == {
            "totalElements": 3,
            "elementsPerPage": 2,
            "currentPage": 1,
            "totalPages": 2,
        }
        second = _list(client, page["links"]["next"])
        assert second["links"]["prev"] == first
        assert "next" not in second["links"]
        ids = [obj["id"] for obj in page["data"] + second["data"]]
        # In a stable order: by the number that ends each URL.
        assert ids == sorted(set(ids), key=lambda u: int(re.search(r"\d+$", u).group()))
        # omit_internal leaves the embedded lists out.
        for obj in page["data"]:
            assert not isinstance(obj.get("agendaItem"), list) and "membership" not in obj


def test_filters_by_creation_and_change(duisburg, record, client):
    url = f"{BASE}/body/{duisburg.pk}/paper"
    everything = _list(client, url)["data"]
    assert len(everything) == 3
    oldest = min(obj["modified"] for obj in everything)
    newest = max(obj["created"] for obj in everything)
    later = quote(moment(timezone.now() + datetime.timedelta(minutes=1)), safe="")
    assert _list(client, f"{url}?created_since={later}")["data"] == []
    assert _list(client, f"{url}?modified_since={later}")["data"] == []
    assert len(_list(client, f"{url}?created_until={quote(newest, safe='')}")["data"]) == 3
    assert _list(client, f"{url}?modified_until={quote('2000-01-01T00:00:00+01:00')}")["data"] == []
    assert len(_list(client, f"{url}?modified_since={quote(oldest, safe='')}")["data"]) == 3
    # An unencoded "+" of the offset arrives as a space, and is read as meant.
    assert len(_list(client, f"{url}?modified_since={oldest}")["data"]) == 3


@pytest.mark.parametrize(
    "query",
    [
        "created_since=gestern",
        "modified_since=2026-01-01T00:00:00",
        "limit=zwei",
        "page=0",
        "page=01",
    ],
)
def test_a_query_the_list_cannot_answer_is_an_error_object(duisburg, client, query):
    answer = get(client, f"{BASE}/body/{duisburg.pk}/paper?{query}")
    assert answer.status_code == 400
    assert answer.json()["type"] == "https://schema.oparl.org/1.1/Error"


@pytest.mark.parametrize(
    "path",
    [
        "body/{b}/nothing",
        "body/{b}/paper/999999",
        "body/{b}/paper/0{p}",
        "body/{b}/paper/" + "9" * 5000,
        "body/0{b}",
        "body/{b}/file/{p}",
        "body/{b}/paper?page=9",
        "body/999999/paper",
        "meeting/1",
        "",
    ],
)
def test_what_is_not_there_is_a_404_error_object(duisburg, record, client, path):
    measure = record["measures"][0]
    answer = get(client, f"{BASE}/" + path.format(b=duisburg.pk, p=measure.pk))
    assert answer.status_code == 404
    error = answer.json()
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"]


def test_a_trailing_slash_moves_to_the_canonical_url(duisburg, client):
    answer = client.get(f"/oparl/v1/body/{duisburg.pk}/paper/?limit=5")
    assert answer.status_code == 301
    assert answer["Location"] == f"/oparl/v1/body/{duisburg.pk}/paper?limit=5"


def test_only_reading_is_allowed(duisburg):
    client = Client(enforce_csrf_checks=True)
    answer = client.post("/oparl/v1/system")
    assert answer.status_code == 405
    assert answer["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(f"/oparl/v1/body/{duisburg.pk}/paper")
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_the_small_record_crawls_completely(duisburg, record, client):
    crawled = crawl(client, f"{BASE}/system")
    assert len(crawled.of_type("Meeting")) == 3
    assert len(crawled.of_type("Consultation")) == 3
    body = crawled.objects[f"{BASE}/body/{duisburg.pk}"]
    assert body["license"] == "https://www.govdata.de/dl-de/by-2-0"
    assert crawled.objects[f"{BASE}/system"]["license"]
    meeting = crawled.objects[f"{BASE}/body/{duisburg.pk}/meeting/{record['meetings'][0].pk}"]
    assert meeting["location"]["description"] == "Rathaus, Raum 1"
    assert meeting["agendaItem"][0]["resolutionText"] == "Der Kreis beschließt."
    minutes = meeting["resultsProtocol"]
    assert minutes["accessUrl"].endswith(
        f"/duisburg/meetings/{record['meetings'][0].pk}/public-minutes.pdf"
    )
    # The access URL shows the file; only the download URL makes the browser save it.
    shown = client.get(minutes["accessUrl"].removeprefix(settings.SITE_URL))
    assert shown["Content-Type"] == "application/pdf"
    assert shown["Content-Disposition"].startswith("inline")
    saved = client.get(minutes["downloadUrl"].removeprefix(settings.SITE_URL))
    assert saved["Content-Disposition"].startswith("attachment")
    assert b"video.example.org" not in b"".join(crawled.contents)
    paper = crawled.objects[f"{BASE}/body/{duisburg.pk}/paper/{record['measures'][0].pk}"]
    assert paper["standort:status"] == "adopted"
    assert paper["consultation"][0]["meeting"] == meeting["id"]


def _changed_since(client, duisburg, kind, since):
    url = f"{BASE}/body/{duisburg.pk}/{kind}?modified_since={quote(moment(since), safe='')}"
    return {obj["id"]: obj for obj in _list(client, url)["data"]}


def _tombstone_of(client, url, since):
    answer = get(client, url)
    assert answer.status_code == 200
    obj = answer.json()
    check_object(obj)
    assert obj["deleted"] is True and obj["modified"] >= moment(since)
    return obj


def test_a_meeting_marked_internal_again_leaves_as_a_tombstone(duisburg, record, client):
    meeting = record["meetings"][0]
    since = timezone.now().replace(microsecond=0)
    meeting.is_public = False
    save(None, meeting)
    body = f"{BASE}/body/{duisburg.pk}"
    item = meeting.agenda.get()
    for kind, key in [
        ("meeting", meeting.pk),
        ("agendaitem", item.pk),
        ("file", f"minutes-{meeting.pk}"),
        ("location", f"meeting-{meeting.pk}"),
    ]:
        url = f"{body}/{kind}/{key}"
        _tombstone_of(client, url, since)
        assert _changed_since(client, duisburg, kind, since)[url]["deleted"] is True
        assert url not in {obj["id"] for obj in _list(client, f"{body}/{kind}")["data"]}
    # Its decision's consultation is gone too, and the paper that embedded it changed.
    adoption = Decision.adopted_measures.through.objects.get(decision__agenda_item=item)
    _tombstone_of(client, f"{body}/consultation/{adoption.pk}", since)
    paper = _changed_since(client, duisburg, "paper", since)[f"{body}/paper/{adoption.measure_id}"]
    assert "consultation" not in paper


def test_a_measure_kept_internal_again_leaves_as_a_tombstone(duisburg, record, client):
    measure = record["measures"][1]
    since = timezone.now().replace(microsecond=0)
    measure.is_internal = True
    save(None, measure)
    url = f"{BASE}/body/{duisburg.pk}/paper/{measure.pk}"
    tombstone = _tombstone_of(client, url, since)
    assert "name" not in tombstone
    assert _changed_since(client, duisburg, "paper", since)[url]["deleted"] is True
    assert url not in {
        obj["id"] for obj in _list(client, f"{BASE}/body/{duisburg.pk}/paper")["data"]
    }


def test_a_person_who_withdraws_consent_leaves_with_their_memberships(duisburg, record, client):
    person, membership = record["people"][0], record["memberships"][0]
    since = timezone.now().replace(microsecond=0)
    person.name_is_public = False
    save(None, person)
    body = f"{BASE}/body/{duisburg.pk}"
    for kind, pk in (("person", person.pk), ("membership", membership.pk)):
        url = f"{body}/{kind}/{pk}"
        _tombstone_of(client, url, since)
        assert _changed_since(client, duisburg, kind, since)[url]["deleted"] is True
    answer = get(client, f"{body}/person/{person.pk}")
    assert person.last_name.encode() not in answer.content


def test_internal_objects_are_never_tombstones(duisburg, record, client):
    """A meeting or measure that was never public is a 404, with modified_since too."""
    internal = MeasureFactory(initiative=duisburg, is_internal=True, status=Measure.Status.ADOPTED)
    meeting = record["meetings"][2]
    hidden = save(
        None,
        Meeting(
            initiative=duisburg,
            body=meeting.body,
            title="Interne Runde",
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
        ),
    )
    body = f"{BASE}/body/{duisburg.pk}"
    assert get(client, f"{body}/paper/{internal.pk}").status_code == 404
    assert get(client, f"{body}/meeting/{hidden.pk}").status_code == 404
    old = timezone.now() - datetime.timedelta(days=1)
    assert f"{body}/paper/{internal.pk}" not in _changed_since(client, duisburg, "paper", old)
    assert f"{body}/meeting/{hidden.pk}" not in _changed_since(client, duisburg, "meeting", old)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert get(client, url).status_code == 200
    return len(captured)


def test_a_list_reads_the_same_number_of_queries_for_2_and_20_objects(duisburg, muelheim, client):
    populate(duisburg, 2)
    populate(muelheim, 20)
    old = quote(moment(timezone.now() - datetime.timedelta(days=1)), safe="")
    for kind in KINDS:
        for query in ("", f"?modified_since={old}"):
            small = _queries(client, f"{BASE}/body/{duisburg.pk}/{kind}{query}")
            large = _queries(client, f"{BASE}/body/{muelheim.pk}/{kind}{query}")
            assert small == large, (kind, query)
            # The initiative, the count, the page, and the page's objects with what
            # they embed (a person's memberships, a paper's consultations, a
            # meeting's agenda items and their decisions).
            assert small <= 6, (kind, small)


def test_a_kept_list_page_changes_with_the_record(duisburg, record, client):
    url = f"{BASE}/body/{duisburg.pk}/paper"
    first = get(client, url).content
    # Kept: one query, for the initiative with the record's history stamp.
    assert _queries(client, url) == 1
    assert get(client, url).content == first
    measure = record["measures"][0]
    measure.title = "Neuer Titel"
    save(None, measure)
    assert b"Neuer Titel" in get(client, url).content
