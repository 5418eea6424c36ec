"""Anna plans a meeting of a working group, adds an agenda item and sends the
invitations; a member answers from the mail; Anna sees the answer. A member finds a
working group's measures and meetings on its page."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from standort.initiatives.tests.factories import BodyFactory, MembershipFactory, PersonFactory
from standort.measures.tests.factories import MeasureFactory
from standort.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_invite_and_answer(new_ui, duisburg, anna, mailoutbox):
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand", kind="working_group")
    MembershipFactory(
        body=group,
        person=PersonFactory(
            initiative=duisburg, first_name="Jörg", last_name="Groß", email="joerg@example.org"
        ),
    )
    office = new_ui()
    page = office.page
    office.sign_in("anna@example.org", next_path="/duisburg/meetings/")
    office.check(shot="meetings-list-empty")
    page.get_by_role("link", name="Sitzung planen").click()
    office.check(shot="meetings-form")
    page.get_by_label(re.compile("^Gremium")).select_option(label="Arbeitskreis Mittelstand")
    page.get_by_label(re.compile("^Titel")).fill("AK-Sitzung Frühjahr")
    page.get_by_label(re.compile("^Beginn")).fill("2030-03-16T16:00")
    page.get_by_label(re.compile("^Ende")).fill("2030-03-16T18:00")
    page.get_by_label(re.compile("^Ort")).fill("IHK, Raum 2")
    page.get_by_role("button", name="Speichern").click()
    office.check()
    page.get_by_role("link", name="Tagesordnungspunkt hinzufügen").click()
    office.check()
    page.get_by_label(re.compile("^Titel")).fill("Gründerzentrum")
    page.get_by_role("button", name="Speichern").click()
    office.check()
    # Nothing is sent before the office has seen who gets what (issue 14, item 16).
    page.get_by_role("link", name="Einladungen senden").click()
    office.check(shot="meetings-invite-confirm")
    expect(
        page.get_by_role("heading", name="1 Person erhält eine Einladung per E-Mail")
    ).to_be_visible()
    page.get_by_label(re.compile("^Persönliche Nachricht")).fill("Diesmal mit dem Gründerzentrum.")
    page.get_by_role("button", name="Vorschau aktualisieren").click()
    office.check()
    expect(page.locator(".mail-preview")).to_contain_text("Diesmal mit dem Gründerzentrum.")
    assert not mailoutbox
    page.get_by_role("button", name="1 Einladung senden").click()
    office.check(shot="meetings-detail-invited")
    meeting = Meeting.objects.get(title="AK-Sitzung Frühjahr")
    assert meeting.invited_at is not None
    (message,) = mailoutbox
    assert "Diesmal mit dem Gründerzentrum." in message.body
    link = next(line.strip() for line in message.body.splitlines() if "/link/" in line)

    invitee = new_ui()
    invitee.goto("/link/" + link.split("/link/", 1)[1])
    invitee.page.get_by_role("button", name="Ja, ich komme").click()
    invitee.check()

    office.goto(f"/duisburg/meetings/{meeting.pk}/", shot="meetings-detail-answered")
    expect(page.get_by_role("cell", name="ja", exact=True)).to_be_visible()
    office.goto("/duisburg/meetings/", shot="meetings-list")
    expect(page.get_by_role("link", name="AK-Sitzung Frühjahr")).to_be_visible()


def test_a_working_group_page_shows_its_measures_and_meetings(ui, duisburg, ben):
    """Issue 14, item 18: from the group's page to its measures and its meetings."""
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Häfen", kind="working_group")
    MeasureFactory(initiative=duisburg, number=4, title="Glasfaser", body=group)
    MeasureFactory(initiative=duisburg, number=5, title="Anderswo")
    start = datetime.datetime(2030, 3, 16, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    Meeting.objects.create(
        initiative=duisburg,
        body=group,
        title="Frühjahrssitzung",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    page = ui.page
    ui.sign_in("ben@example.org", next_path=f"/duisburg/bodies/{group.pk}/")
    ui.check(shot="body-measures-and-meetings")
    expect(page.get_by_role("heading", name="Maßnahmen (1)")).to_be_visible()
    expect(page.get_by_role("link", name="Glasfaser")).to_be_visible()
    expect(page.get_by_role("link", name="Frühjahrssitzung")).to_be_visible()
    expect(page.get_by_text("16.03.2030, 10:00")).to_be_visible()
    page.get_by_role("link", name="Diese Maßnahmen in der Maßnahmenliste").click()
    ui.check()
    expect(page.get_by_role("link", name="Glasfaser")).to_be_visible()
    expect(page.get_by_role("link", name="Anderswo")).to_have_count(0)
