"""iCalendar output parsed back: UID, SEQUENCE, time zone, update and cancellation."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from standort.initiatives.tests.factories import BodyFactory
from standort.meetings import services
from standort.meetings.ical import feed_ics, meeting_ics
from standort.meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def meeting(duisburg, anna):
    body = BodyFactory(initiative=duisburg, name="Lenkungskreis", kind="steering_committee")
    meeting = services.meeting_save(
        actor=anna,
        meeting=Meeting(
            initiative=duisburg,
            body=body,
            title="Sitzung Frühjahr",
            starts_at=datetime.datetime(2027, 3, 16, 10, 0, tzinfo=BERLIN),
            ends_at=datetime.datetime(2027, 3, 16, 12, 30, tzinfo=BERLIN),
            location="Rathaus Duisburg, Saal 1",
        ),
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Stand der Umsetzung")
    AgendaItem.objects.create(meeting=meeting, position=2, title="Beschluss Glasfaser")
    return meeting


def _event(data):
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_a_meeting_as_ics_with_berlin_time(meeting):
    calendar, event = _event(meeting_ics(meeting, method="REQUEST"))
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == f"{meeting.ical_uid}@standort"
    assert int(event["sequence"]) == 0
    start = event.decoded("dtstart")
    assert start == datetime.datetime(2027, 3, 16, 10, 0, tzinfo=BERLIN)
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(event["summary"]) == "Lenkungskreis: Sitzung Frühjahr"
    assert "2. Beschluss Glasfaser" in str(event["description"])


def test_a_new_time_after_the_invitation_raises_the_sequence(meeting, anna):
    meeting.invited_at = meeting.created_at
    meeting = services.meeting_save(actor=anna, meeting=meeting)
    assert meeting.sequence == 0  # nothing the calendar shows has changed
    meeting.starts_at += datetime.timedelta(hours=1)
    meeting.ends_at += datetime.timedelta(hours=1)
    meeting = services.meeting_save(actor=anna, meeting=meeting)
    _calendar, event = _event(meeting_ics(meeting, method="REQUEST"))
    assert int(event["sequence"]) == 1
    assert str(event["uid"]) == f"{meeting.ical_uid}@standort"
    assert event.decoded("dtstart").hour == 11


def test_a_cancellation_keeps_the_uid_and_says_cancelled(meeting, anna):
    services.meeting_cancel(actor=anna, meeting=meeting)
    calendar, event = _event(meeting_ics(meeting, method="CANCEL"))
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1
    with pytest.raises(services.DomainError):
        services.meeting_save(actor=anna, meeting=meeting)


def test_the_end_must_follow_the_start(meeting, anna):
    meeting.ends_at = meeting.starts_at
    with pytest.raises(services.DomainError):
        services.meeting_save(actor=anna, meeting=meeting)


def test_a_feed_holds_every_meeting(meeting, anna):
    second = Meeting.objects.create(
        initiative=meeting.initiative,
        body=meeting.body,
        title="Sitzung Herbst",
        starts_at=meeting.starts_at + datetime.timedelta(days=180),
        ends_at=meeting.ends_at + datetime.timedelta(days=180),
    )
    calendar = Calendar.from_ical(feed_ics([meeting, second], name="Meine Sitzungen"))
    uids = {str(e["uid"]) for e in calendar.walk("VEVENT")}
    assert uids == {f"{meeting.ical_uid}@standort", f"{second.ical_uid}@standort"}
    assert str(calendar["x-wr-calname"]) == "Meine Sitzungen"
