"""Meetings as iCalendar (RFC 5545) with the `icalendar` package: one meeting as an
invitation, its update (same UID, higher SEQUENCE) or its cancellation, and a feed."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Standort//Sitzungen//DE"


def _calendar(method=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    # The time zone definition, so that every calendar app places Berlin times right.
    first = timezone.now() - timedelta(days=366 * 3)
    calendar.add_component(Timezone.from_tzid("Europe/Berlin", first_date=first.date()))
    return calendar


def _event(meeting, *, cancelled=False):
    event = Event()
    event.add("uid", f"{meeting.ical_uid}@standort")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(BERLIN))
    event.add("dtend", meeting.ends_at.astimezone(BERLIN))
    event.add("summary", f"{meeting.body.name}: {meeting.title}")
    if meeting.location:
        event.add("location", meeting.location)
    description = [f"{item.position}. {item.title}" for item in meeting.agenda.all()]
    if meeting.online_url:
        event.add("url", meeting.online_url)
        description.append(meeting.online_url)
    if description:
        event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if cancelled or meeting.is_cancelled else "CONFIRMED")
    return event


def meeting_ics(meeting, *, method=None):
    """One meeting as an .ics file (bytes). `method` "REQUEST" for an invitation or
    update, "CANCEL" for a cancellation, None for a plain download."""
    calendar = _calendar(method)
    calendar.add_component(_event(meeting, cancelled=method == "CANCEL"))
    return calendar.to_ical()


def feed_ics(meetings, *, name):
    """A calendar feed of several meetings (bytes)."""
    calendar = _calendar()
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()
