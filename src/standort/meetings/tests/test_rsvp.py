"""Answering an invitation through the personal link: yes, no or maybe, changeable
until the meeting; a cancelled meeting's link says so; a link never answers for
someone else."""

import datetime

import pytest
from django.utils import timezone

from standort.meetings import services
from standort.meetings.models import Invitation

from .test_invitations import meeting  # noqa: F401 – the shared fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(meeting, anna, mailoutbox, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=anna, meeting=meeting)
    found = {}
    for message in mailoutbox:
        line = next(line for line in message.body.splitlines() if "/link/" in line)
        found[message.to[0]] = "/link/" + line.split("/link/", 1)[1].strip()
    return found


def test_the_invitee_answers_and_changes_their_mind(links, client):
    path = links["jörg@example.org"]
    page = client.get(path)
    assert page.status_code == 200
    assert "Sitzung Frühjahr" in page.content.decode()
    assert "Gründerzentrum" in page.content.decode()
    assert "Dienstag, 16.03.2027, 10:00–12:00" in page.content.decode()
    assert client.post(path, {"response": "yes"}).status_code == 302
    invitation = Invitation.objects.get(person__email="jörg@example.org")
    assert invitation.response == "yes"
    client.post(path, {"response": "maybe"})
    invitation.refresh_from_db()
    assert invitation.response == "maybe"
    # Ömer's answer is untouched.
    assert Invitation.objects.get(person__email="ömer@example.org").response == ""


def test_a_made_up_answer_changes_nothing(links, client):
    path = links["jörg@example.org"]
    client.post(path, {"response": "always"})
    assert Invitation.objects.get(person__email="jörg@example.org").response == ""


def test_a_cancelled_meeting_ends_the_links(links, client, meeting, anna):  # noqa: F811
    services.meeting_cancel(actor=anna, meeting=meeting)
    response = client.get(links["jörg@example.org"])
    assert response.status_code == 410
    assert "anna@example.org" in response.content.decode()


def test_a_past_meeting_ends_the_links(links, client):
    Invitation.objects.update(link_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(links["jörg@example.org"]).status_code == 410


def test_tampered_and_item_links_are_unknown(links, client):
    path = links["jörg@example.org"]
    assert client.get(path[:-2] + "x/").status_code == 404
    assert client.get(path + "1/").status_code == 404
