"""Meetings as iCalendar (RFC 5545) with the `icalendar` package: one meeting as an
invitation, its update (same UID, higher SEQUENCE) or its cancellation, and a feed.

Only the invitation mails name people: each invitee's calendar file names its
ORGANIZER and that invitee as the one ATTENDEE (`invitation_ics`). The download of a
meeting and the calendar feed name nobody: anyone who sees the meeting downloads it,
observers too, who see no one's e-mail address (initiatives.see_contact_details); and
without an organizer a calendar app files it as an appointment, not as an invitation
waiting for an answer."""

from datetime import timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress

from standort.initiatives.queries import office_contact

from .models import Invitation

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Standort//Sitzungen//DE"

# An invitee's answer (through the personal link) as their participation status.
PARTSTAT = {
    Invitation.Response.NONE: "NEEDS-ACTION",
    Invitation.Response.YES: "ACCEPTED",
    Invitation.Response.NO: "DECLINED",
    Invitation.Response.MAYBE: "TENTATIVE",
}


def new_calendar(method=None):
    """An empty calendar of ours with Berlin's time zone (other apps' invitations too)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    # The time zone definition, so that every calendar app places Berlin times right.
    first = timezone.now() - timedelta(days=366 * 3)
    calendar.add_component(Timezone.from_tzid("Europe/Berlin", first_date=first.date()))
    return calendar


def _event(meeting, *, cancelled=False, agenda=None):
    event = Event()
    event.add("uid", f"{meeting.ical_uid}@standort")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(BERLIN))
    event.add("dtend", meeting.ends_at.astimezone(BERLIN))
    event.add("summary", f"{meeting.body.name}: {meeting.title}")
    if meeting.location:
        event.add("location", meeting.location)
    agenda = meeting.agenda.all() if agenda is None else agenda
    description = [f"{item.position}. {item.title}" for item in agenda]
    if meeting.online_url:
        event.add("url", meeting.online_url)
        description.append(meeting.online_url)
    if description:
        event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if cancelled or meeting.is_cancelled else "CONFIRMED")
    return event


def meeting_ics(meeting, *, method=None):
    """One meeting as an .ics file (bytes) that names nobody: None for the download,
    "REQUEST" or "CANCEL" for the same as the mails send it but without organizer and
    invitee (`invitation_ics` adds them)."""
    calendar = new_calendar(method)
    calendar.add_component(_event(meeting, cancelled=method == "CANCEL"))
    return calendar.to_ical()


def organizer_of(meeting):
    """The ORGANIZER of the meeting's invitations (or of another appointment with an
    `initiative_id` and a `created_by`, such as a matching talk): the initiative's project office
    (`office_contact`, the first person of its office, whom the answer page names for
    questions as well), or, in an initiative without an office, whoever planned the
    meeting. A person rather than the mails' sender (DEFAULT_FROM_EMAIL, often a
    no-reply address): the answers calendar apps send back to the organizer ("Accept")
    reach someone who reads them, although the platform counts only the answer given
    through the personal link. The mails come from the sender, so SENT-BY names it, as
    acting on the organizer's behalf. Without either person the sender itself organizes,
    under the initiative's name."""
    contact = office_contact(meeting.initiative_id)
    if contact is None and meeting.created_by_id is not None:
        creator = meeting.created_by
        contact = {"name": creator.get_full_name() or creator.email, "email": creator.email}
    sender_name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if contact is None or not contact["email"]:
        contact = {"name": sender_name or meeting.initiative.name, "email": sender}
    organizer = vCalAddress(f"mailto:{contact['email']}")
    organizer.params["CN"] = contact["name"]
    if sender and sender.lower() != contact["email"].lower():
        organizer.params["SENT-BY"] = f"mailto:{sender}"
    return organizer


def attendee_of(invitation, *, rsvp=True):
    """The invitee as ATTENDEE: name and address, their answer so far as PARTSTAT, a
    member of the body as required, a guest as optional participant; RSVP asks their
    calendar app to answer."""
    person = invitation.person
    attendee = vCalAddress(f"mailto:{person.email}")
    attendee.params["CN"] = person.full_name
    attendee.params["ROLE"] = "OPT-PARTICIPANT" if invitation.is_guest else "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = PARTSTAT.get(invitation.response, "NEEDS-ACTION")
    attendee.params["RSVP"] = "TRUE" if rsvp else "FALSE"
    return attendee


def invitation_ics(meeting, *, method, agenda=None):
    """The meeting as the invitation mails send it, built once: a function that gives,
    for one invitation, its invitee's .ics (bytes) with the ORGANIZER (`organizer_of`)
    and that invitee as the only ATTENDEE (no one learns the others' addresses).
    `method` "REQUEST" (invitation, update, reminder) or "CANCEL"; `agenda` the
    meeting's agenda items, if read already."""
    calendar = new_calendar(method)
    event = _event(meeting, cancelled=method == "CANCEL", agenda=agenda)
    event.add("organizer", organizer_of(meeting))
    calendar.add_component(event)
    rsvp = method != "CANCEL"

    def for_invitation(invitation):
        event.pop("ATTENDEE", None)
        event.add("attendee", attendee_of(invitation, rsvp=rsvp))
        return calendar.to_ical()

    return for_invitation


def feed_ics(meetings, *, name):
    """A calendar feed of several meetings (bytes)."""
    calendar = new_calendar()
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()
