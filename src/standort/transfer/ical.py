"""A matching talk as an iCalendar invitation (`meetings.ical`'s calendar and
organizer): one file per participant, naming them as the only attendee."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Event, vCalAddress

from standort.meetings.ical import BERLIN, new_calendar, organizer_of

# A matching talk is an hour, unless the participants agree otherwise in their calendar.
LENGTH = timedelta(hours=1)


def talk_ics(talk, *, method):
    """A function that gives, for one participant (a Person), their .ics (bytes) of the
    talk: "REQUEST" for the invitation and its updates, "CANCEL" when it is called
    off."""
    calendar = new_calendar(method)
    event = Event()
    event.add("uid", f"transfer-talk-{talk.pk}@standort")
    event.add("sequence", talk.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", talk.starts_at.astimezone(BERLIN))
    event.add("dtend", (talk.starts_at + LENGTH).astimezone(BERLIN))
    event.add("summary", f"Abgleich-Gespräch: {talk.company.name} – {talk.institution.name}")
    if talk.place:
        event.add("location", talk.place)
    about = [str(entry) for entry in (talk.need, talk.offer) if entry is not None]
    if about:
        event.add("description", "\n".join(about))
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event.add("organizer", organizer_of(talk))
    calendar.add_component(event)

    def for_person(person):
        event.pop("ATTENDEE", None)
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["CN"] = person.full_name
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["RSVP"] = "FALSE"
        event.add("attendee", attendee)
        return calendar.to_ical()

    return for_person
