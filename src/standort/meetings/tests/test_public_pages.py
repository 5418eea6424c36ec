"""The public record of a public initiative's meetings: a meeting marked public has a
page of its own for everyone without a role (its agenda, and once the minutes are
approved its decisions and the public version of the minutes as PDF), the public
meetings are listed for them, and nobody is named there who did not agree to it.
Members keep their pages; an internal meeting, or any meeting of an initiative that is
not public, is a 404 for outsiders."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from standort.conftest import PERSONAS
from standort.initiatives.models import Body, Membership
from standort.initiatives.tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
)
from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory
from standort.meetings.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    Decision,
    Invitation,
    Meeting,
    MinutesState,
)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
MEMBERS = ["olga", "ben", "stefan", "anna", "paul"]
# No role in Duisburg: nobody, someone signed in, the office of another initiative.
OUTSIDERS = ["anonymous", "eva", "clara"]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Names and details of people who did not agree to be named, and what else is not public.
SECRETS = [
    "Norbert",
    "Nichtgenannt",
    "Agnes",
    "Aufgabe-Meyer",
    "0203 999",
    "meet.example.org",
    "Vertrauliche Verhandlung",
    "Angebote einholen",
    "vorlage.txt",
    "Vertrauliche Runde",
]


def at(year, month, day, hour):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def record(duisburg, anna):
    """The Lenkungskreis of Duisburg: its chair agreed to be named, another member
    did not. A held public meeting with approved minutes, a public meeting whose
    minutes are only circulated, a coming and a cancelled public meeting, and an
    internal one."""
    steering = BodyFactory(
        initiative=duisburg,
        name="Lenkungskreis",
        kind=Body.Kind.STEERING_COMMITTEE,
        description="Steuert den Masterplan.",
    )
    city = OrganizationFactory(name="Stadt Duisburg")
    chair = PersonFactory(
        first_name="Thomas",
        last_name="Berger",
        email="thomas.berger@example.org",
        phone="0203 111",
        organization=city,
        name_is_public=True,
        initiative=duisburg,
    )
    silent = PersonFactory(
        first_name="Norbert",
        last_name="Nichtgenannt",
        email="norbert.nichtgenannt@example.org",
        phone="0203 999",
        organization=city,
        initiative=duisburg,
    )
    owner = PersonFactory(
        first_name="Agnes", last_name="Aufgabe-Meyer", phone="0203 999 1", initiative=duisburg
    )
    MembershipFactory(body=steering, person=chair, role=Membership.Role.CHAIR)
    MembershipFactory(body=steering, person=silent, role=Membership.Role.MEMBER)
    public_measure = MeasureFactory(
        initiative=duisburg,
        number=7,
        title="Breitband für alle Gewerbegebiete",
        status=Measure.Status.ADOPTED,
        is_internal=False,
    )
    internal_measure = MeasureFactory(
        initiative=duisburg,
        number=8,
        title="Vertrauliche Verhandlung",
        status=Measure.Status.ADOPTED,
        is_internal=True,
    )

    def meeting(title, start, **extra):
        return Meeting.objects.create(
            initiative=duisburg,
            body=steering,
            title=title,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            location="Rathaus Duisburg, Ratssaal",
            online_url="https://meet.example.org/lenkungskreis",
            is_public=extra.pop("is_public", True),
            **extra,
        )

    held = meeting(
        "Lenkungskreis Juni",
        at(2026, 6, 19, 18),
        minutes_state=MinutesState.APPROVED,
        minutes_approved_at=at(2026, 6, 29, 9),
        minutes_approved_by=anna,
    )
    first = AgendaItem.objects.create(
        meeting=held, position=1, title="Stand der Umsetzung", presenter=chair, minutes="Bericht."
    )
    second = AgendaItem.objects.create(
        meeting=held, position=2, title="Breitband", presenter=silent, minutes="Aussprache."
    )
    decision = Decision.objects.create(
        agenda_item=second,
        text="Der Lenkungskreis beschließt den Ausbau.",
        votes_yes=9,
        votes_no=1,
        votes_abstain=2,
        measure=internal_measure,
    )
    decision.adopted_measures.set([public_measure, internal_measure])
    ActionItem.objects.create(agenda_item=first, what="Angebote einholen", owner=owner)
    AgendaAttachment.objects.create(
        agenda_item=first,
        file=SimpleUploadedFile("vorlage.txt", b"Vorlage"),
        name="vorlage.txt",
        size=7,
    )
    for person in (chair, silent):
        Invitation.objects.create(meeting=held, person=person, attended=True, response="yes")
    circulated = meeting(
        "Lenkungskreis September", at(2026, 9, 14, 18), minutes_state=MinutesState.CIRCULATED
    )
    item = AgendaItem.objects.create(meeting=circulated, position=1, title="Haushalt")
    Decision.objects.create(agenda_item=item, text="Vorläufiger Beschluss zum Haushalt")
    coming = meeting("Lenkungskreis Frühjahr", at(2030, 3, 18, 18))
    cancelled = meeting("Lenkungskreis abgesagt", at(2030, 2, 11, 18), state="cancelled")
    internal = meeting("Vertrauliche Runde", at(2026, 7, 1, 10), is_public=False)
    return {
        "body": steering,
        "held": held,
        "circulated": circulated,
        "coming": coming,
        "cancelled": cancelled,
        "internal": internal,
        "chair": chair,
    }


def detail(meeting):
    return reverse("meeting_detail", args=[meeting.initiative.slug, meeting.pk])


def minutes_pdf(meeting):
    return reverse("public_minutes_download", args=[meeting.initiative.slug, meeting.pk])


def text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# Who sees what --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_public_meeting_has_a_public_page_for_outsiders_and_members_keep_theirs(
    record, as_persona, persona
):
    response = as_persona(persona).get(detail(record["held"]))
    assert response.status_code == 200
    names = [t.name for t in response.templates]
    if persona in OUTSIDERS:
        assert "meetings/meeting_public.html" in names
        assert "meetings/meeting_detail.html" not in names
    else:
        assert "meetings/meeting_detail.html" in names


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_internal_meeting_is_not_found_for_outsiders(record, as_persona, persona):
    response = as_persona(persona).get(detail(record["internal"]))
    assert response.status_code == (404 if persona in OUTSIDERS else 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_shows_outsiders_the_public_meetings_and_members_all(record, as_persona, persona):
    response = as_persona(persona).get(reverse("meeting_list", args=["duisburg"]))
    assert response.status_code == 200
    page = response.content.decode()
    if persona in OUTSIDERS:
        assert "meetings/meeting_list_public.html" in [t.name for t in response.templates]
        assert "Vertrauliche Runde" not in page
    else:
        assert "meetings/meeting_list.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("persona", OUTSIDERS + ["olga"])
def test_a_non_public_initiative_shows_outsiders_nothing(internal, as_persona, persona):
    """The forum is not public: its meetings, marked public or not, are no one's but its
    members' (Olga takes part in Duisburg only)."""
    body = BodyFactory(initiative=internal, name="Forum", kind=Body.Kind.STEERING_COMMITTEE)
    meeting = Meeting.objects.create(
        initiative=internal,
        body=body,
        title="Forumssitzung",
        starts_at=at(2026, 6, 1, 10),
        ends_at=at(2026, 6, 1, 12),
        is_public=True,
        minutes_state=MinutesState.APPROVED,
        minutes_approved_at=at(2026, 6, 10, 10),
    )
    client = as_persona(persona)
    for url in (
        reverse("meeting_list", args=["forum"]),
        detail(meeting),
        minutes_pdf(meeting),
        reverse("body_list", args=["forum"]),
        reverse("body_detail", args=["forum", body.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_members_of_a_non_public_initiative_get_no_public_minutes(internal, client, paul):
    body = BodyFactory(initiative=internal, name="Forum")
    meeting = Meeting.objects.create(
        initiative=internal,
        body=body,
        title="Forumssitzung",
        starts_at=at(2026, 6, 1, 10),
        ends_at=at(2026, 6, 1, 12),
        is_public=True,
        minutes_state=MinutesState.APPROVED,
        minutes_approved_at=at(2026, 6, 10, 10),
    )
    client.force_login(paul)
    assert client.get(minutes_pdf(meeting)).status_code == 404


def test_another_initiatives_meeting_is_not_found_through_this_address(record, as_persona):
    url = reverse("meeting_detail", args=["muelheim", record["held"].pk])
    for persona in ("anonymous", "clara"):
        assert as_persona(persona).get(url).status_code == 404
    url = reverse("public_minutes_download", args=["muelheim", record["held"].pk])
    assert as_persona("clara").get(url).status_code == 404


# The public page --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_public_page_shows_the_record_and_nothing_else(record, as_persona, persona):
    page = as_persona(persona).get(detail(record["held"])).content.decode()
    for text in (
        "Lenkungskreis Juni",
        "19.06.2026, 18:00–20:00 Uhr",
        "Rathaus Duisburg, Ratssaal",
        "Stand der Umsetzung",
        "Breitband",
        "Thomas Berger",
        "Der Lenkungskreis beschließt den Ausbau.",
        "Ja 9, Nein 1, Enthaltungen 2",
        "7 Breitband für alle Gewerbegebiete",
        reverse("measure_detail", args=["duisburg", 7]),
        reverse("body_detail", args=["duisburg", record["body"].pk]),
        minutes_pdf(record["held"]),
    ):
        assert text in page, text
    for text in SECRETS:
        assert text not in page, text
    # Eva's own address is in the page's header; nobody else's is anywhere.
    assert not [e for e in EMAIL.findall(page) if e != "eva@example.org"]
    assert reverse("minutes_download", args=["duisburg", record["held"].pk]) not in page


def test_decisions_wait_for_the_approved_minutes(record, client):
    page = client.get(detail(record["circulated"])).content.decode()
    assert "Haushalt" in page
    assert "Vorläufiger Beschluss" not in page
    assert "sobald das Protokoll genehmigt ist" in page
    assert minutes_pdf(record["circulated"]) not in page


def test_a_cancelled_public_meeting_says_so(record, client):
    page = client.get(detail(record["cancelled"])).content.decode()
    assert "Diese Sitzung ist abgesagt." in page


def test_the_public_list_runs_from_the_next_meeting_to_the_oldest(record, client):
    response = client.get(reverse("meeting_list", args=["duisburg"]))
    titles = [m.title for m in response.context["page"].object_list]
    assert titles == [
        "Lenkungskreis abgesagt",
        "Lenkungskreis Frühjahr",
        "Lenkungskreis September",
        "Lenkungskreis Juni",
    ]
    page = response.content.decode()
    assert "Nächste Sitzungen" in page and "Vergangene Sitzungen" in page
    assert "meet.example.org" not in page
    assert detail(record["coming"]) in page


def test_the_public_list_says_when_there_is_none(duisburg, client):
    page = client.get(reverse("meeting_list", args=["duisburg"])).content.decode()
    assert "Es gibt noch keine öffentlichen Sitzungen." in page


def test_the_public_list_is_paged(record, client, duisburg):
    for n in range(30):
        Meeting.objects.create(
            initiative=duisburg,
            body=record["body"],
            title=f"Ältere Sitzung {n}",
            starts_at=at(2020, 1, 1, 10) + datetime.timedelta(days=n),
            ends_at=at(2020, 1, 1, 12) + datetime.timedelta(days=n),
            is_public=True,
        )
    first = client.get(reverse("meeting_list", args=["duisburg"]))
    assert len(first.context["page"].object_list) == 25
    second = client.get(reverse("meeting_list", args=["duisburg"]) + "?page=2")
    assert [m.title for m in second.context["page"].object_list][-1] == "Ältere Sitzung 0"


# The public minutes ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_downloads_the_public_minutes_of_a_public_meeting(record, as_persona, persona):
    response = as_persona(persona).get(minutes_pdf(record["held"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "protokoll-oeffentlich-2026-06-19" in response["Content-Disposition"]


@pytest.mark.parametrize("meeting", ["circulated", "coming", "internal"])
@pytest.mark.parametrize("persona", ["anonymous", "ben"])
def test_no_public_minutes_before_approval_nor_of_an_internal_meeting(
    record, as_persona, meeting, persona
):
    assert as_persona(persona).get(minutes_pdf(record[meeting])).status_code == 404


def test_the_public_minutes_name_only_who_agreed(record, client):
    text = " ".join(text_of(client.get(minutes_pdf(record["held"]))).split())
    for expected in (
        "Lenkungskreis Juni",
        "Öffentliche Fassung",
        "Thomas Berger (Stadt Duisburg)",
        "1 weitere teilnehmende Person",
        "Bericht.",
        "Der Lenkungskreis beschließt den Ausbau.",
        "7 Breitband für alle Gewerbegebiete",
        "Rathaus Duisburg, Ratssaal",
    ):
        assert expected in text, expected
    for secret in [*SECRETS, "Anna", "Albers"]:
        assert secret not in text, secret
    assert not EMAIL.findall(text)


def test_the_members_minutes_stay_complete(record, as_persona):
    response = as_persona("ben").get(
        reverse("minutes_download", args=["duisburg", record["held"].pk])
    )
    text = " ".join(text_of(response).split())
    assert "Norbert Nichtgenannt" in text
    assert "Angebote einholen" in text


# Marking a meeting public -------------------------------------------------------------------


def meeting_data(meeting, **changes):
    return {
        "body": meeting.body_id,
        "title": meeting.title,
        "starts_at": "2030-03-18T18:00",
        "ends_at": "2030-03-18T20:00",
        "location": meeting.location,
        "online_url": meeting.online_url,
        "seen_version": meeting.version,
        **changes,
    }


def test_the_planner_marks_a_meeting_public_and_the_history_records_it(record, as_persona, anna):
    meeting = record["coming"]
    client = as_persona("anna")
    form = client.get(reverse("meeting_edit", args=["duisburg", meeting.pk])).context["form"]
    assert form["is_public"].label == "Öffentliche Sitzung"
    response = client.post(
        reverse("meeting_edit", args=["duisburg", meeting.pk]), meeting_data(meeting)
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert not meeting.is_public
    client.post(
        reverse("meeting_edit", args=["duisburg", meeting.pk]),
        meeting_data(meeting, is_public="on"),
    )
    meeting.refresh_from_db()
    assert meeting.is_public
    newest = meeting.history.order_by("-history_id").first()
    assert newest.is_public and newest.history_user == anna
    page = client.get(detail(meeting)).content.decode()
    assert "öffentliche Sitzung" in page


def test_the_member_page_says_whether_a_meeting_is_public(record, as_persona):
    client = as_persona("olga")
    assert "öffentliche Sitzung</span>" in client.get(detail(record["held"])).content.decode()
    page = client.get(detail(record["internal"])).content.decode()
    assert "Interne Sitzung: nicht auf den öffentlichen Seiten." in page


def test_a_meeting_planned_as_public_appears_on_the_public_pages(record, as_persona, client):
    as_persona("anna").post(
        reverse("meeting_create", args=["duisburg"]),
        meeting_data(record["coming"], title="Öffentliche Anhörung", is_public="on"),
    )
    planned = Meeting.objects.get(title="Öffentliche Anhörung")
    client.logout()
    assert client.get(detail(planned)).status_code == 200


# Queries ----------------------------------------------------------------------------------


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def add_meetings(duisburg, body, n, start=0):
    for i in range(start, start + n):
        Meeting.objects.create(
            initiative=duisburg,
            body=body,
            title=f"Sitzung {i}",
            starts_at=at(2021, 1, 4, 10) + datetime.timedelta(days=7 * i),
            ends_at=at(2021, 1, 4, 12) + datetime.timedelta(days=7 * i),
            is_public=True,
        )


def test_the_public_list_costs_the_same_with_2_and_20_meetings(record, duisburg, client):
    """The initiative, the page's meetings with their bodies, their count."""
    url = reverse("meeting_list", args=["duisburg"])
    add_meetings(duisburg, record["body"], 2)
    few = count(client, url)
    add_meetings(duisburg, BodyFactory(initiative=duisburg), 18, start=2)
    many = count(client, url)
    assert len(many) == len(few) == 3, "\n".join(many)


def add_items(meeting, public_measure, n, start=0):
    for i in range(start, start + n):
        item = AgendaItem.objects.create(
            meeting=meeting, position=10 + i, title=f"Punkt {i}", presenter=PersonFactory()
        )
        decision = Decision.objects.create(agenda_item=item, text=f"Beschluss {i}", votes_yes=i)
        decision.adopted_measures.set([public_measure])


def test_the_public_page_costs_the_same_with_2_and_20_items(record, client):
    """The initiative, the meeting with its body, the agenda with its presenters, the
    decisions (with whether the measure they became is public), their public measures."""
    held = record["held"]
    measure = Measure.objects.get(number=7)
    add_items(held, measure, 2)
    few = count(client, detail(held))
    add_items(held, measure, 18, start=2)
    many = count(client, detail(held))
    assert len(many) == len(few) == 5, "\n".join(many)


def test_the_public_minutes_cost_the_same_with_2_and_20_items(record, client):
    held = record["held"]
    measure = Measure.objects.get(number=7)
    add_items(held, measure, 2)
    few = count(client, minutes_pdf(held))
    add_items(held, measure, 18, start=2)
    many = count(client, minutes_pdf(held))
    assert len(many) == len(few), "\n".join(many)


# On the body's public page -------------------------------------------------------------------


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_body_page_lists_its_public_meetings_only(record, as_persona, persona):
    page = (
        as_persona(persona)
        .get(reverse("body_detail", args=["duisburg", record["body"].pk]))
        .content.decode()
    )
    for meeting in ("held", "circulated", "coming", "cancelled"):
        assert detail(record[meeting]) in page, meeting
    assert "19.06.2026, 18:00–20:00 Uhr" in page
    assert "Vertrauliche Runde" not in page
    assert "Thomas Berger" in page
    assert "Norbert" not in page


def test_the_body_page_costs_the_same_with_2_and_20_public_meetings(record, duisburg, client):
    """The initiative, the body, its public members, its next and its past public
    meetings (three of each at most)."""
    url = reverse("body_detail", args=["duisburg", record["body"].pk])
    add_meetings(duisburg, record["body"], 2)
    few = count(client, url)
    add_meetings(duisburg, record["body"], 18, start=2)
    many = count(client, url)
    assert len(many) == len(few) == 5, "\n".join(many)
