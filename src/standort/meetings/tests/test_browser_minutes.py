"""After the meeting: Anna (office) records attendance, writes the minutes of an
agenda item with a decision, turns the decision into a measure and circulates the
minutes; Ben, the chair, approves them and finds the PDF; Ben ticks off his action
item on the dashboard and subscribes to his calendar feed."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from standort.initiatives.models import Membership
from standort.initiatives.tests.factories import BodyFactory, MembershipFactory
from standort.measures.models import Measure
from standort.meetings.models import ActionItem, AgendaItem, Invitation, Meeting, MinutesState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BERLIN = ZoneInfo("Europe/Berlin")


def test_minutes_decision_measure_and_approval(new_ui, duisburg, anna, ben):
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand", kind="working_group")
    MembershipFactory(body=group, person=ben.person, role=Membership.Role.CHAIR)
    meeting = Meeting.objects.create(
        initiative=duisburg,
        body=group,
        title="AK-Sitzung Herbst",
        starts_at=datetime.datetime(2026, 11, 17, 16, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2026, 11, 17, 18, 0, tzinfo=BERLIN),
        state=Meeting.State.INVITED,
        invited_at=datetime.datetime(2026, 11, 1, 9, 0, tzinfo=BERLIN),
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Gründerzentrum")
    Invitation.objects.create(meeting=meeting, person=ben.person, response="yes")
    url = f"/duisburg/meetings/{meeting.pk}/"

    office = new_ui()
    page = office.page
    office.sign_in("anna@example.org", next_path=url)
    page.get_by_role("link", name="Anwesenheit erfassen").click()
    office.check(shot="minutes-attendance")
    page.get_by_role("radio", name="anwesend").check()
    page.get_by_role("button", name="Speichern").click()
    office.check()

    page.get_by_role("link", name=re.compile("^Protokoll, Beschlüsse und Aufgaben")).click()
    office.check(shot="minutes-agenda-item")
    page.get_by_role("link", name="Protokoll schreiben").click()
    office.check(shot="minutes-form")
    page.get_by_label(re.compile("^Protokoll")).fill(
        "Der Arbeitskreis hat **drei Standorte** geprüft.\n\n- Hochfeld\n- Ruhrort"
    )
    page.get_by_role("button", name="Speichern").click()
    office.check()
    expect(page.locator(".minutes-text strong")).to_have_text("drei Standorte")

    page.get_by_role("link", name="Beschluss erfassen").click()
    office.check(shot="minutes-decision-form")
    page.get_by_label(re.compile("^Beschluss")).fill("Gründerzentrum in Hochfeld einrichten")
    page.get_by_label(re.compile("^Ja-Stimmen|^Stimmen dafür")).fill("11")
    page.get_by_role("button", name="Speichern").click()
    office.check()

    page.get_by_role("link", name="Aufgabe hinzufügen").click()
    office.check()
    page.get_by_label(re.compile("^Was")).fill("Mietangebot einholen")
    page.get_by_label(re.compile("^Wer")).select_option(label="Ben Brandt")
    page.get_by_role("button", name="Speichern").click()
    office.check(shot="minutes-detail-draft")

    page.get_by_role("button", name="Beschluss → Maßnahme").click()
    office.check(shot="minutes-decision-measure")
    measure = Measure.objects.get(title="Gründerzentrum in Hochfeld einrichten")
    assert measure.status == Measure.Status.PROPOSED
    assert measure.decisions.get().agenda_item == item

    office.goto(url)
    page.get_by_role("button", name="Protokoll in Umlauf geben").click()
    office.check()

    chair = new_ui()
    chair.sign_in("ben@example.org", next_path=url)
    chair.page.get_by_role("link", name="Protokoll genehmigen").click()
    chair.check(shot="minutes-approve-confirm")
    expect(chair.page.get_by_text("nicht mehr geändert werden")).to_be_visible()
    chair.page.get_by_role("button", name="Protokoll genehmigen").click()
    chair.check(shot="minutes-approved")
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.APPROVED
    expect(chair.page.get_by_role("link", name="Protokoll als PDF")).to_be_visible()
    chair.goto(f"{url}agenda/{item.pk}/")
    expect(chair.page.get_by_role("link", name="Protokoll schreiben")).to_have_count(0)

    chair.goto("/duisburg/", shot="minutes-my-action-items")
    chair.page.get_by_role("button", name="„Mietangebot einholen“ als erledigt markieren").click()
    chair.check()
    assert ActionItem.objects.get().done_at is not None

    chair.goto("/duisburg/meetings/")
    chair.page.get_by_role("link", name="Im Kalender abonnieren").click()
    chair.check()
    chair.page.get_by_role("button", name="Meine Kalender-Adresse erzeugen").click()
    chair.check(shot="meetings-calendar-feed")
    expect(chair.page.get_by_label("Ihre persönliche Adresse")).to_have_value(re.compile("/link/c"))
