"""The crawl of issue 18: from /oparl/v1/system through every list, every page and
every object by its own URL, on the demo (with some of its meetings made public);
again after a meeting is deleted, and with `modified_since`. What is not public never
shows: internal meetings and measures, people who did not consent, e-mail addresses,
an initiative that is not public."""

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.utils import timezone

from standort.core.services import delete
from standort.core.tenancy import initiative_scope
from standort.initiatives.models import Membership, Person
from standort.initiatives.queries import public_bodies, public_memberships, public_people
from standort.initiatives.tests.factories import BodyFactory, InitiativeFactory
from standort.measures.dashboard import public_measures
from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory
from standort.meetings.models import AgendaItem, Decision, Meeting, MinutesState
from standort.meetings.queries import public_meetings
from standort.oparl.objects import moment
from standort.oparl.tests.crawl import crawl, get

pytestmark = pytest.mark.django_db

BASE = f"{settings.SITE_URL}/oparl/v1"
SYSTEM = f"{BASE}/system"
E_MAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")


def _expected(initiative):
    """The URLs of every object of the initiative's public record, by type, as the
    apps' queries define the record."""
    body = f"{BASE}/body/{initiative.pk}"
    with initiative_scope(initiative):
        meetings = list(public_meetings(initiative).values_list("pk", "minutes_state", "location"))
        measures = set(public_measures(initiative).values_list("pk", flat=True))
        approved = [pk for pk, state, _place in meetings if state == MinutesState.APPROVED]
        adoptions = Decision.adopted_measures.through.objects.filter(
            decision__agenda_item__meeting__in=approved, measure__in=measures
        )
        urls = {
            "Organization": [
                f"organization/{pk}"
                for pk in public_bodies(initiative).values_list("pk", flat=True)
            ],
            "Person": [
                f"person/{pk}" for pk in public_people(initiative).values_list("pk", flat=True)
            ],
            "Membership": [
                f"membership/{pk}"
                for pk in public_memberships(initiative).values_list("pk", flat=True)
            ],
            "Meeting": [f"meeting/{pk}" for pk, _state, _place in meetings],
            "AgendaItem": [
                f"agendaitem/{pk}"
                for pk in AgendaItem.objects.filter(
                    meeting__in=[m[0] for m in meetings]
                ).values_list("pk", flat=True)
            ],
            "Paper": [f"paper/{pk}" for pk in measures],
            "Consultation": [f"consultation/{pk}" for pk in adoptions.values_list("pk", flat=True)],
            "File": [f"file/minutes-{pk}" for pk in approved],
            "Location": [f"location/meeting-{pk}" for pk, _state, place in meetings if place],
        }
    return {kind: {f"{body}/{path}" for path in paths} for kind, paths in urls.items()}


def _found(crawled, initiative):
    body = f"{BASE}/body/{initiative.pk}/"
    return {
        kind: {url for url in crawled.of_type(kind) if url.startswith(body)}
        for kind in (
            "Organization",
            "Person",
            "Membership",
            "Meeting",
            "AgendaItem",
            "Paper",
            "Consultation",
            "File",
            "Location",
        )
    }


def test_the_whole_record_is_reachable_valid_and_nothing_else(demo, client):
    crawled = crawl(client, SYSTEM)
    assert set(crawled.answers.values()) == {200}
    # Every object of a list answers the same at its own URL.
    for url, obj in crawled.listed.items():
        assert crawled.objects[url] == obj, url
    duisburg, muelheim = demo["duisburg"], demo["muelheim"]
    assert set(crawled.of_type("Body")) == {
        f"{BASE}/body/{duisburg.pk}",
        f"{BASE}/body/{muelheim.pk}",
    }
    for initiative in (duisburg, muelheim):
        expected = _expected(initiative)
        assert _found(crawled, initiative) == expected
        assert all(expected.values()), "the demo fills every kind"
    # Mülheim's conference adopted its 33 projects: one consultation each.
    assert len(_expected(muelheim)["Consultation"]) == 33
    _nothing_private_in(crawled, demo)


def _nothing_private_in(crawled, demo):
    contents = b"\n".join(crawled.contents)
    assert not E_MAIL.search(contents), E_MAIL.search(contents)
    seen = set(crawled.objects)
    internal_meetings = Meeting.objects.filter(is_public=False, initiative__in=demo.values())
    assert internal_meetings.exists()
    for meeting in internal_meetings:
        assert f"{BASE}/body/{meeting.initiative_id}/meeting/{meeting.pk}" not in seen
    internal_measures = Measure.objects.filter(is_internal=True, initiative__in=demo.values())
    assert internal_measures.exists()
    for measure in internal_measures:
        assert f"{BASE}/body/{measure.initiative_id}/paper/{measure.pk}" not in seen
    unnamed = Person.objects.filter(name_is_public=False, memberships__isnull=False).distinct()
    assert unnamed.exists()
    for person in unnamed:
        assert f'"familyName":"{person.last_name}"'.encode() not in contents or (
            Person.objects.filter(last_name=person.last_name, name_is_public=True).exists()
        ), person
        for initiative in demo.values():
            assert f"{BASE}/body/{initiative.pk}/person/{person.pk}" not in seen
    for membership in Membership.objects.filter(person__name_is_public=False):
        url = f"{BASE}/body/{membership.body.initiative_id}/membership/{membership.pk}"
        assert url not in seen


def test_a_deleted_meeting_stays_as_a_tombstone(demo, client):
    muelheim = demo["muelheim"]
    with initiative_scope(muelheim):
        meeting = (
            public_meetings(muelheim)
            .filter(minutes_state=MinutesState.APPROVED)
            .exclude(location="")
            .first()
        )
        items = list(meeting.agenda.values_list("pk", flat=True))
    before = timezone.now().replace(microsecond=0)
    body = f"{BASE}/body/{muelheim.pk}"
    gone = {
        f"{body}/meeting/{meeting.pk}",
        f"{body}/file/minutes-{meeting.pk}",
        f"{body}/location/meeting-{meeting.pk}",
        *(f"{body}/agendaitem/{pk}" for pk in items),
    }
    delete(None, meeting)

    # Without modified_since the lists leave it out, and its URLs still answer.
    crawled = crawl(client, SYSTEM)
    assert not gone & set(crawled.objects)
    for url in gone:
        answer = get(client, url)
        assert answer.status_code == 200
        tombstone = answer.json()
        assert tombstone["deleted"] is True and tombstone["id"] == url
        assert tombstone["modified"] >= moment(before)

    # A harvester asking what changed since learns of it, and of nothing older.
    # (It knows the bodies from its first crawl: none of them changed since.)
    since = quote(moment(before), safe="")
    changed = crawl(client, body, params=f"modified_since={since}")
    assert gone <= changed.deleted()
    assert set(changed.answers.values()) == {200}
    for first_page, ids in changed.lists.items():
        if "modified_since" not in first_page:
            continue
        for url in ids:
            assert changed.listed[url]["modified"] >= moment(before), url


def test_an_initiative_that_is_not_public_has_no_record(demo, client):
    forum = InitiativeFactory(slug="forum", is_public=False)
    group = BodyFactory(initiative=forum)
    measure = MeasureFactory(initiative=forum, body=group, is_internal=False)
    answer = get(client, f"{BASE}/body")
    assert f"{BASE}/body/{forum.pk}" not in {body["id"] for body in answer.json()["data"]}
    for path in (
        "",
        "/paper",
        "/organization",
        f"/paper/{measure.pk}",
        f"/organization/{group.pk}",
    ):
        answer = get(client, f"{BASE}/body/{forum.pk}{path}")
        assert answer.status_code == 404
        assert answer.json()["type"] == "https://schema.oparl.org/1.1/Error"
        assert forum.name.encode() not in answer.content
