"""Invitations by mail with the meeting as .ics; a change sends an update with the
same UID and a higher SEQUENCE, a cancellation a CANCEL. Each invitee's file names the
organizer and that invitee alone as attendee; the download names nobody."""

import datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from standort.accounts.tests.factories import UserFactory
from standort.initiatives.tests.factories import BodyFactory, MembershipFactory, PersonFactory
from standort.meetings import ical, services
from standort.meetings.models import AgendaItem, Invitation, Meeting

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def meeting(duisburg, anna):
    body = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand", kind="working_group")
    for name in ("Jörg", "Ömer"):
        MembershipFactory(
            body=body,
            person=PersonFactory(
                initiative=duisburg, first_name=name, email=f"{name.lower()}@example.org"
            ),
        )
    MembershipFactory(
        body=body,
        person=PersonFactory(initiative=duisburg, first_name="Ehemalig", email="alt@example.org"),
        ends_on=datetime.date(2026, 1, 31),
    )
    meeting = services.meeting_save(
        actor=anna,
        meeting=Meeting(
            initiative=duisburg,
            body=body,
            title="Sitzung Frühjahr",
            starts_at=datetime.datetime(2027, 3, 16, 10, 0, tzinfo=BERLIN),
            ends_at=datetime.datetime(2027, 3, 16, 12, 0, tzinfo=BERLIN),
            location="Rathaus, Saal 1",
        ),
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Gründerzentrum")
    return meeting


def _calendar_of(message):
    (name, content, mimetype), *_rest = message.attachments
    assert name.endswith(".ics")
    return mimetype, Calendar.from_ical(content)


def test_members_of_the_day_are_invited_with_a_calendar_file(
    meeting, anna, mailoutbox, django_capture_on_commit_callbacks
):
    guest = PersonFactory(
        initiative=meeting.initiative, first_name="Gast", email="gast@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=anna, meeting=meeting, guests=[guest])
    assert sorted(m.to[0] for m in mailoutbox) == [
        "gast@example.org",
        "jörg@example.org",
        "ömer@example.org",
    ]
    message = mailoutbox[0]
    assert "Sitzung Frühjahr" in message.subject
    assert "1. Gründerzentrum" in message.body
    assert "Dienstag, 16.03.2027, 10:00–12:00" in message.body
    assert "/link/m" in message.body
    mimetype, calendar = _calendar_of(message)
    assert "method=REQUEST" in mimetype
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"{meeting.ical_uid}@standort"
    assert Invitation.objects.get(person=guest).is_guest
    # Inviting again reaches nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=anna, meeting=meeting)
    assert len(mailoutbox) == 3


def test_a_new_time_sends_an_update_and_a_cancellation_a_cancel(
    meeting, anna, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=anna, meeting=meeting)
    meeting.refresh_from_db()
    mailoutbox.clear()
    meeting.starts_at += datetime.timedelta(days=1)
    meeting.ends_at += datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_save(actor=anna, meeting=meeting)
    assert len(mailoutbox) == 2
    _mimetype, calendar = _calendar_of(mailoutbox[0])
    (event,) = calendar.walk("VEVENT")
    assert int(event["sequence"]) == 1
    assert event.decoded("dtstart").day == 17
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=anna, meeting=meeting)
    assert len(mailoutbox) == 2
    mimetype, calendar = _calendar_of(mailoutbox[0])
    assert "method=CANCEL" in mimetype
    (event,) = calendar.walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 2
    assert str(event["uid"]) == f"{meeting.ical_uid}@standort"


def test_sending_the_invitations_again_and_again_is_limited(
    meeting, client, anna, mailoutbox, django_capture_on_commit_callbacks
):
    """Each click sends a mail to everyone not yet invited, and reminders to all who
    have not answered: five per meeting and hour (issue 14, item 4)."""
    from django.urls import reverse

    from standort.meetings.views.meetings import MEETING_MAILS

    client.force_login(anna)
    url = reverse("meeting_invite", args=["duisburg", meeting.pk])
    allowed = int(MEETING_MAILS[1].rate.split("/")[0])
    with django_capture_on_commit_callbacks(execute=True):
        for _click in range(allowed):
            assert client.post(url).status_code == 302
        refused = client.post(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert len(mailoutbox) == 2  # the first click invited both; later ones nobody new


def test_the_invitation_page_shows_who_gets_what_before_sending(meeting, client, anna, mailoutbox):
    """Sending 12 mails took one click, without preview or personal note (issue 14,
    item 16)."""
    from django.urls import reverse

    client.force_login(anna)
    url = reverse("meeting_invite", args=["duisburg", meeting.pk])
    page = client.get(url, headers={"accept-language": "de"}).content.decode()
    assert "2 Personen erhalten eine Einladung per E-Mail" in page
    assert "Jörg" in page and "Ömer" in page and "Ehemalig" not in page
    assert "Sitzung Frühjahr" in page and "Gründerzentrum" in page  # the mail's preview
    assert "[Ihr persönlicher Link]" in page
    note = "Bitte bringen Sie die Zahlen mit."
    preview = client.post(url, {"note": note, "preview": "1"}).content.decode()
    assert note in preview
    assert not mailoutbox
    meeting.refresh_from_db()
    assert meeting.invited_at is None


def test_the_personal_note_goes_out_with_every_invitation(
    meeting, client, anna, mailoutbox, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    client.force_login(anna)
    url = reverse("meeting_invite", args=["duisburg", meeting.pk])
    note = "Bitte bringen Sie die Zahlen mit."
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"note": note, "send": "1"}).status_code == 302
    assert len(mailoutbox) == 2
    assert all(note in message.body for message in mailoutbox)
    # Invited already: the page says so and offers nothing to send.
    page = client.get(url, headers={"accept-language": "de"}).content.decode()
    assert "Alle sind bereits eingeladen." in page


def test_a_note_longer_than_allowed_is_refused_at_the_field(
    meeting, client, anna, mailoutbox, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    client.force_login(anna)
    url = reverse("meeting_invite", args=["duisburg", meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"note": "x" * 2001, "send": "1"})
    assert response.status_code == 200
    assert "höchstens 2000 Zeichen" in response.content.decode()
    assert not mailoutbox


# Who organizes and who is invited, in each invitee's calendar file (issue 14, item 18)


def _addresses(event, name):
    """The addresses of property `name` (ORGANIZER, ATTENDEE) of an event, as a list."""
    found = event.get(name, [])
    return found if isinstance(found, list) else [found]


def test_each_calendar_file_names_the_office_as_organizer_and_its_invitee_alone(
    meeting, anna, mailoutbox, django_capture_on_commit_callbacks
):
    guest = PersonFactory(
        initiative=meeting.initiative,
        first_name="Gast",
        last_name="Geber",
        email="gast@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=anna, meeting=meeting, guests=[guest])
    _name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    assert len(mailoutbox) == 3
    for message in mailoutbox:
        _mimetype, calendar = _calendar_of(message)
        (event,) = calendar.walk("VEVENT")
        (organizer,) = _addresses(event, "ORGANIZER")
        assert str(organizer) == "mailto:anna@example.org"  # Duisburg's project office
        assert organizer.params["CN"] == "Anna Albers"
        assert organizer.params["SENT-BY"] == f"mailto:{sender}"  # who sends the mails
        (attendee,) = _addresses(event, "ATTENDEE")  # only the mail's own recipient
        invitation = Invitation.objects.select_related("person").get(
            meeting=meeting, person__email=message.to[0]
        )
        assert str(attendee) == f"mailto:{message.to[0]}"
        assert attendee.params["CN"] == invitation.person.full_name
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"
        expected_role = "OPT-PARTICIPANT" if invitation.is_guest else "REQ-PARTICIPANT"
        assert attendee.params["ROLE"] == expected_role
        others = {m.to[0] for m in mailoutbox} - {message.to[0]}
        assert not any(address in message.attachments[0][1] for address in others)
    guest_mail = next(m for m in mailoutbox if m.to == ["gast@example.org"])
    (attendee,) = _addresses(_calendar_of(guest_mail)[1].walk("VEVENT")[0], "ATTENDEE")
    assert attendee.params["CN"] == "Gast Geber"
    assert attendee.params["ROLE"] == "OPT-PARTICIPANT"


def test_an_update_carries_the_answer_and_a_cancellation_asks_for_none(
    meeting, anna, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=anna, meeting=meeting)
    answers = {"jörg@example.org": "yes", "ömer@example.org": "maybe"}
    for email, response in answers.items():
        services.invitation_answer(
            invitation=Invitation.objects.get(meeting=meeting, person__email=email),
            response=response,
        )
    meeting.refresh_from_db()
    mailoutbox.clear()
    meeting.starts_at += datetime.timedelta(hours=1)
    meeting.ends_at += datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_save(actor=anna, meeting=meeting)
    partstat = {}
    for message in mailoutbox:
        (attendee,) = _addresses(_calendar_of(message)[1].walk("VEVENT")[0], "ATTENDEE")
        partstat[str(attendee)] = attendee.params["PARTSTAT"]
    assert partstat == {
        "mailto:jörg@example.org": "ACCEPTED",
        "mailto:ömer@example.org": "TENTATIVE",
    }
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=anna, meeting=meeting)
    for message in mailoutbox:
        event = _calendar_of(message)[1].walk("VEVENT")[0]
        (attendee,) = _addresses(event, "ATTENDEE")
        assert str(attendee) == f"mailto:{message.to[0]}"
        assert attendee.params["RSVP"] == "FALSE"
        assert str(_addresses(event, "ORGANIZER")[0]) == "mailto:anna@example.org"


def test_without_an_office_the_planner_organizes_and_else_the_sender(
    muelheim, mailoutbox, django_capture_on_commit_callbacks
):
    planner = UserFactory(email="planer@example.org", first_name="Paula", last_name="Plan")
    body = BodyFactory(initiative=muelheim, name="Arbeitskreis Industrie")
    MembershipFactory(body=body, person=PersonFactory(initiative=muelheim, email="m@example.org"))
    meeting = services.meeting_save(
        actor=planner,
        meeting=Meeting(
            initiative=muelheim,
            body=body,
            title="Auftakt",
            starts_at=datetime.datetime(2027, 3, 16, 10, 0, tzinfo=BERLIN),
            ends_at=datetime.datetime(2027, 3, 16, 12, 0, tzinfo=BERLIN),
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=planner, meeting=meeting)
    (organizer,) = _addresses(_calendar_of(mailoutbox[0])[1].walk("VEVENT")[0], "ORGANIZER")
    assert str(organizer) == "mailto:planer@example.org"
    assert organizer.params["CN"] == "Paula Plan"

    Meeting.objects.filter(pk=meeting.pk).update(created_by=None)
    meeting.refresh_from_db()
    name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = ical.organizer_of(meeting)
    assert str(organizer) == f"mailto:{sender}"
    assert organizer.params["CN"] == (name or muelheim.name)
    assert "SENT-BY" not in organizer.params


def test_the_download_names_nobody(meeting, anna, client, django_capture_on_commit_callbacks):
    """Anyone who sees the meeting downloads it, observers too, who see no addresses."""
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=anna, meeting=meeting)
    client.force_login(anna)
    response = client.get(reverse("meeting_calendar", args=["duisburg", meeting.pk]))
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert "ATTENDEE" not in event and "ORGANIZER" not in event
    assert b"@example.org" not in response.content
