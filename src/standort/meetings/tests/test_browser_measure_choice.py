"""Anna (office) links a measure to an agenda item: she narrows the long list of
measures by typing, hears how many match, ticks one with the keyboard and finds the
link on the meeting's page; the form works on a phone and without JavaScript
(issue 14, item 13)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from standort.accounts.tests.factories import PASSWORD
from standort.initiatives.tests.factories import BodyFactory
from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory
from standort.meetings.models import AgendaItem, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BERLIN = ZoneInfo("Europe/Berlin")
PHONE = {"width": 390, "height": 844}
TITLES = [
    "Gründerzentrum Innenhafen",
    "Breitband für Gewerbegebiete",
    "Flächenpool Logistik",
    "Logistik-Campus Rheinhausen",
    "Fachkräfteoffensive Pflege und Logistik",
    "Standortmarketing international",
    "Familienfreundliche Unternehmen",
    "Schnellere Baugenehmigungen",
    "Gewerbesteuer im Vergleich",
    "Wasserstoff-Region Duisburg",
    "Ausbildungsbotschafter",
    "Ansiedlungsmanagement aus einer Hand",
    "Wissenschaftstransfer mit der Universität",
    "Image-Kampagne „Duisburg ist echt“",
    "Kinderbetreuung zu Randzeiten",
]


@pytest.fixture
def steering(duisburg):
    return BodyFactory(initiative=duisburg, name="Lenkungskreis", kind="steering_committee")


@pytest.fixture
def meeting(duisburg, steering):
    return Meeting.objects.create(
        initiative=duisburg,
        body=steering,
        title="Lenkungskreis Frühjahr",
        starts_at=datetime.datetime(2030, 3, 18, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2030, 3, 18, 12, 0, tzinfo=BERLIN),
        location="Rathaus",
    )


@pytest.fixture
def measures(duisburg, steering):
    return [
        MeasureFactory(
            initiative=duisburg,
            body=steering,
            number=number,
            title=title,
            status=Measure.Status.PROPOSED,
        )
        for number, title in enumerate(TITLES, start=1)
    ]


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_anna_finds_and_ticks_a_measure_with_the_keyboard(new_ui, anna, meeting, measures):
    office = new_ui()
    page = office.page
    office.sign_in("anna@example.org", next_path=meeting.get_absolute_url())
    page.get_by_role("link", name="Tagesordnungspunkt hinzufügen").click()
    office.check(shot="measure-choice-desktop")
    page.get_by_label(re.compile("^Titel")).fill("Logistik")

    choice = page.get_by_role("group", name=re.compile("^Maßnahmen"))
    search = choice.get_by_role("searchbox", name="Maßnahmen filtern")
    matches = choice.get_by_role("status")
    search.press_sequentially("logistik")
    expect(matches).to_have_text("3 Treffer")
    expect(choice.get_by_role("checkbox")).to_have_count(3)
    expect(choice.get_by_role("checkbox", name="2 Breitband für Gewerbegebiete")).to_be_hidden()
    search.press_sequentially(" campus")
    expect(matches).to_have_text("1 Treffer")

    # From the filter the next Tab lands on the one box left; Space ticks it.
    search.press("Tab")
    campus = choice.get_by_role("checkbox", name="4 Logistik-Campus Rheinhausen")
    expect(campus).to_be_focused()
    page.keyboard.press("Space")
    expect(campus).to_be_checked()
    expect(choice.get_by_text("1 ausgewählt", exact=True)).to_be_visible()
    office.check(shot="measure-choice-filtered")

    # Enter in the filter does not send the form; a filter matching nothing says so.
    search.fill("zzz")
    search.press("Enter")
    expect(matches).to_have_text("Keine Treffer")
    expect(choice.get_by_text(re.compile("davon 1 durch den Filter ausgeblendet"))).to_be_visible()
    search.fill("")
    expect(choice.get_by_role("checkbox")).to_have_count(len(TITLES))
    office.check()

    page.get_by_role("button", name="Speichern").click()
    office.check()
    expect(page.get_by_role("link", name="4 Logistik-Campus Rheinhausen")).to_be_visible()
    assert list(AgendaItem.objects.get(title="Logistik").measures.all()) == [measures[3]]


def test_the_decision_form_on_a_phone(new_ui, anna, meeting, measures):
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Beschlüsse")
    item.measures.set([measures[0]])
    office = new_ui()
    page = office.page
    page.set_viewport_size(PHONE)
    office.sign_in("anna@example.org", next_path=meeting.get_absolute_url())
    office.goto(
        f"/duisburg/meetings/{meeting.pk}/agenda/{item.pk}/edit/", shot="measure-choice-phone"
    )
    assert _no_sideways_scroll(page)
    choice = page.get_by_role("group", name=re.compile("^Maßnahmen"))
    # What the item already has comes first.
    expect(choice.get_by_role("checkbox").first).to_have_accessible_name(
        "1 Gründerzentrum Innenhafen"
    )
    expect(choice.get_by_role("checkbox").first).to_be_checked()
    expect(choice.get_by_text("1 ausgewählt", exact=True)).to_be_visible()

    office.goto(
        f"/duisburg/meetings/{meeting.pk}/agenda/{item.pk}/decisions/new/",
        shot="measure-choice-decision-phone",
    )
    assert _no_sideways_scroll(page)
    page.get_by_label(re.compile("^Beschluss")).fill("Der Lenkungskreis beschließt das Projekt.")
    adopted = page.get_by_role("group", name=re.compile("^Beschlossene Maßnahmen"))
    adopted.get_by_role("searchbox", name="Maßnahmen filtern").fill("wasserstoff")
    expect(adopted.get_by_role("status")).to_have_text("1 Treffer")
    # A tap on the label ticks the box, as on a phone.
    adopted.get_by_text("10 Wasserstoff-Region Duisburg").click()
    page.get_by_role("button", name="Speichern").click()
    office.check()
    measures[9].refresh_from_db()
    assert measures[9].status == Measure.Status.ADOPTED


def test_without_javascript_every_box_shows_and_is_sent(
    playwright_browser, live_server, anna, meeting, measures
):
    context = playwright_browser.new_context(locale="de-DE", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/?next={meeting.get_absolute_url()}")
        page.get_by_label("E-Mail-Adresse").fill("anna@example.org")
        page.get_by_label(re.compile("^Passwort$")).fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.get_by_role("link", name="Tagesordnungspunkt hinzufügen").click()
        choice = page.get_by_role("group", name=re.compile("^Maßnahmen"))
        expect(choice.get_by_role("searchbox")).to_have_count(0)
        expect(choice.get_by_role("checkbox")).to_have_count(len(TITLES))
        page.get_by_label(re.compile("^Titel")).fill("Ohne Skript")
        choice.get_by_role("checkbox", name="15 Kinderbetreuung zu Randzeiten").check()
        page.get_by_role("button", name="Speichern").click()
        expect(page.get_by_role("link", name="15 Kinderbetreuung zu Randzeiten")).to_be_visible()
    finally:
        context.close()
