"""The meeting pages: who may see and plan them, the list, the .ics download, and
a chair planning the meetings of their own body only."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from standort.conftest import PERSONAS
from standort.core.testing import assert_access
from standort.initiatives.models import Membership
from standort.initiatives.tests.factories import BodyFactory, MembershipFactory
from standort.meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
EVERYONE = {"olga", "ben", "stefan", "anna", "paul"}
PLANNERS = {"anna", "paul"}
# Duisburg is public: everyone else reads the list of its public meetings (a
# meeting's own page is the members', or 404 for an internal one: test_public_pages.py).
OUTSIDERS = {"anonymous", "eva", "clara"}


@pytest.fixture
def meeting(duisburg):
    body = BodyFactory(initiative=duisburg, name="Lenkungskreis", kind="steering_committee")
    meeting = Meeting.objects.create(
        initiative=duisburg,
        body=body,
        title="Sitzung Frühjahr",
        starts_at=datetime.datetime(2030, 3, 16, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2030, 3, 16, 12, 0, tzinfo=BERLIN),
        location="Rathaus",
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Stand der Umsetzung")
    return meeting


VIEWS = [
    ("meeting_list", lambda m: {}, "get", EVERYONE | OUTSIDERS),
    ("meeting_create", lambda m: {}, "get", PLANNERS),
    ("meeting_calendar", lambda m: {"pk": m.pk}, "get", EVERYONE),
    ("meeting_edit", lambda m: {"pk": m.pk}, "get", PLANNERS),
    ("meeting_cancel", lambda m: {"pk": m.pk}, "get", PLANNERS),
    ("meeting_invite", lambda m: {"pk": m.pk}, "post", PLANNERS),
    ("agenda_item_create", lambda m: {"pk": m.pk}, "get", PLANNERS),
    (
        "agenda_item_delete",
        lambda m: {"pk": m.pk, "item_pk": m.agenda.get().pk},
        "post",
        PLANNERS,
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "kwargs", "method", "allowed"), VIEWS, ids=[v[0] for v in VIEWS])
def test_who_may_use_each_view(meeting, as_persona, persona, name, kwargs, method, allowed):
    url = reverse(name, kwargs={"initiative_slug": "duisburg", **kwargs(meeting)})
    response = getattr(as_persona(persona), method)(url)
    assert_access(response, persona, allowed)


@pytest.mark.parametrize(
    ("name", "kwargs", "method", "allowed"), VIEWS[2:], ids=[v[0] for v in VIEWS[2:]]
)
def test_another_initiatives_meeting_is_not_found(
    meeting, as_persona, muelheim, name, kwargs, method, allowed
):
    url = reverse(name, kwargs={"initiative_slug": "muelheim", **kwargs(meeting)})
    assert getattr(as_persona("paul"), method)(url).status_code == 404


def test_a_chair_plans_the_meetings_of_their_own_body_only(meeting, ben, as_persona, duisburg):
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand", kind="working_group")
    MembershipFactory(body=group, person=ben.person, role=Membership.Role.CHAIR)
    client = as_persona("ben")
    form = client.get(reverse("meeting_create", args=["duisburg"])).context["form"]
    assert list(form.fields["body"].queryset) == [group]
    response = client.post(
        reverse("meeting_create", args=["duisburg"]),
        {
            "body": group.pk,
            "title": "AK-Sitzung",
            "starts_at": "2030-04-01T16:00",
            "ends_at": "2030-04-01T18:00",
        },
    )
    planned = Meeting.objects.get(title="AK-Sitzung")
    assert response["Location"] == planned.get_absolute_url()
    assert planned.starts_at == datetime.datetime(2030, 4, 1, 16, 0, tzinfo=BERLIN)
    # The steering committee's meeting is not his to change.
    assert client.get(reverse("meeting_edit", args=["duisburg", meeting.pk])).status_code == 403


def test_the_end_before_the_start_is_refused_next_to_the_field(meeting, as_persona):
    response = as_persona("anna").post(
        reverse("meeting_create", args=["duisburg"]),
        {
            "body": meeting.body.pk,
            "title": "Verdreht",
            "starts_at": "2030-04-01T16:00",
            "ends_at": "2030-04-01T15:00",
        },
    )
    assert 'id="id_ends_at_error"' in response.content.decode()


def test_upcoming_and_past_meetings(meeting, as_persona, duisburg):
    Meeting.objects.create(
        initiative=duisburg,
        body=meeting.body,
        title="Sitzung 2020",
        starts_at=datetime.datetime(2020, 3, 16, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2020, 3, 16, 12, 0, tzinfo=BERLIN),
    )
    client = as_persona("ben")
    upcoming = client.get(reverse("meeting_list", args=["duisburg"]))
    assert [m.title for m in upcoming.context["listing"].page.object_list] == ["Sitzung Frühjahr"]
    past = client.get(reverse("meeting_list", args=["duisburg"]) + "?when=past")
    assert [m.title for m in past.context["listing"].page.object_list] == ["Sitzung 2020"]


def test_the_ics_download_is_a_calendar(meeting, as_persona):
    response = as_persona("ben").get(reverse("meeting_calendar", args=["duisburg", meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["uid"]) == f"{meeting.ical_uid}@standort"
    assert event.decoded("dtstart") == datetime.datetime(2030, 3, 16, 10, 0, tzinfo=BERLIN)


def test_the_list_needs_the_same_queries_for_many_meetings(meeting, as_persona, duisburg):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_persona("ben")
    url = reverse("meeting_list", args=["duisburg"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(1, 15):
        Meeting.objects.create(
            initiative=duisburg,
            body=BodyFactory(initiative=duisburg),
            title=f"Sitzung {day}",
            starts_at=datetime.datetime(2030, 5, day, 10, 0, tzinfo=BERLIN),
            ends_at=datetime.datetime(2030, 5, day, 12, 0, tzinfo=BERLIN),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
