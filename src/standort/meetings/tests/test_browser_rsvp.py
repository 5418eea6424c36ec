"""An invitee follows the link in the invitation mail on a phone and answers."""

import re

import pytest
from playwright.sync_api import expect

from standort.meetings.models import Invitation

from .test_invitations import meeting  # noqa: F401 – the shared fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_answer_an_invitation_from_the_mail(new_ui, meeting, anna, mailoutbox):  # noqa: F811
    from standort.meetings import services

    services.meeting_invite(actor=anna, meeting=meeting)
    message = next(m for m in mailoutbox if m.to == ["jörg@example.org"])
    link = next(line.strip() for line in message.body.splitlines() if "/link/" in line)
    invitee = new_ui()
    page = invitee.page
    page.set_viewport_size({"width": 390, "height": 844})
    invitee.goto("/link/" + link.split("/link/", 1)[1], shot="meetings-rsvp")
    expect(page.get_by_role("heading", name="Sitzung Frühjahr")).to_be_visible()
    page.get_by_role("button", name=re.compile("Ja, ich komme")).click()
    invitee.check(shot="meetings-rsvp-answered")
    expect(page.get_by_text("Vielen Dank")).to_be_visible()
    assert Invitation.objects.get(person__email="jörg@example.org").response == "yes"
