"""Invitations by mail with the meeting as .ics; a change sends an update with the
same UID and a higher SEQUENCE, a cancellation a CANCEL."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from standort.initiatives.tests.factories import BodyFactory, MembershipFactory, PersonFactory
from standort.meetings import services
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
