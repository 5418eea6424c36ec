"""Reading the catalogue in the browser: filter and sort the list, open a measure and
follow its milestones. Every page passes axe-core (see standort/browser_fixtures.py);
the list and a measure's page are saved to var/screenshots/."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from standort.measures import services
from standort.measures.models import Measure, StatusUpdate

from .factories import MeasureFactory, MilestoneFactory, StatusUpdateFactory, TagFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate


def words(*alternatives):
    return re.compile("^(" + "|".join(re.escape(a) for a in alternatives) + ")$")


@pytest.fixture
def catalogue(measures, anna):
    place = measures["duisburg"]
    today = timezone.localdate()
    leader = MeasureFactory(
        initiative=place.initiative,
        number=3,
        title="Führungsnachwuchs gewinnen",
        kind=Measure.Kind.RECOMMENDATION,
        status=Measure.Status.IN_PROGRESS,
        body=place.other_group,
        due_on=today + 200 * DAY,
        description="Junge Führungskräfte für den Mittelstand gewinnen und halten.",
    )
    leader.tags.add(TagFactory(initiative=place.initiative, name="Bildung"))
    MilestoneFactory(
        measure=leader,
        title="Mentoring-Programm entworfen",
        due_on=today - 60 * DAY,
        completed_on=today - 62 * DAY,
    )
    MilestoneFactory(measure=leader, title="Erste Tandems gestartet", due_on=today - 3 * DAY)
    MilestoneFactory(measure=leader, title="Auswertung", due_on=today + 90 * DAY)
    services.status_update_record(
        actor=anna,
        update=StatusUpdateFactory.build(
            measure=leader,
            traffic_light=StatusUpdate.Light.AMBER,
            progress=35,
            achieved="Zwölf Unternehmen machen mit.",
        ),
    )
    for n in range(10, 14):
        MeasureFactory(
            initiative=place.initiative, number=n, title=f"Kampagne duale Ausbildung {n}"
        )
    return place


def test_filter_and_sort_the_list(ui, catalogue):
    page = ui.page
    ui.sign_in("ben@example.org", next_path="/duisburg/measures/")
    ui.check(shot="measures-01-list")
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(1 + 7)

    # Search with the umlaut typed as "ue".
    apply = words("Filter anwenden", "Apply filter")
    page.get_by_label(words("Suche", "Search")).fill("fuehrung")
    page.get_by_role("button", name=apply).first.click()
    ui.check()
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("Führungsnachwuchs gewinnen")
    # The fields left at "all" do not come along in the address.
    assert page.url.endswith("/duisburg/measures/?q=fuehrung")

    # More filters: the traffic light, kept in the address with the search; the panel
    # has a button of its own.
    page.get_by_text(words("Weitere Filter", "More filters")).click()
    page.get_by_label(words("Ampel", "Traffic light")).select_option("green")
    panel = page.locator(".measure-filter__more")
    panel.get_by_role("button", name=apply).click()
    ui.check(shot="measures-02-no-match")
    expect(page.get_by_role("table")).to_have_count(0)
    assert page.url.endswith("/duisburg/measures/?q=fuehrung&light=green")

    page.get_by_role("link", name=words("Filter zurücksetzen", "Reset filter")).first.click()
    ui.check()
    expect(rows).to_have_count(1 + 7)

    # A status count narrows the list to that status.
    counts = page.get_by_role("navigation", name=re.compile("status", re.I))
    counts.get_by_role("link", name=re.compile("^(in Umsetzung|in progress) 1$")).click()
    ui.check()
    expect(rows).to_have_count(2)
    page.get_by_role("link", name=re.compile("^(alle Status|all statuses)$")).click()
    ui.check()

    # Sorting by number, then the other way round.
    header = page.get_by_role("columnheader", name=re.compile("^(Nr|No)"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    header.get_by_role("link").click()
    ui.check()
    expect(page.get_by_role("columnheader", name=re.compile("^(Nr|No)"))).to_have_attribute(
        "aria-sort", "descending"
    )
    expect(rows.nth(1).get_by_role("cell").first).to_have_text("13")
    expect(rows.last.get_by_role("cell").first).to_have_text("1")


def test_open_a_measure_and_see_its_timeline(ui, catalogue):
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/measures/")
    page.get_by_role("link", name="Führungsnachwuchs gewinnen").click()
    ui.check(shot="measures-03-detail")
    expect(ui.heading("Führungsnachwuchs gewinnen")).to_be_visible()
    description = page.get_by_role("region", name=re.compile("Beschreibung|Description"))
    expect(description).to_contain_text("Junge Führungskräfte für den Mittelstand")
    expect(page.get_by_text("Zwölf Unternehmen machen mit.")).to_be_visible()

    milestones = page.get_by_role("region", name=words("Meilensteine", "Milestones"))
    items = milestones.get_by_role("listitem")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("Mentoring-Programm entworfen")
    expect(items.nth(1)).to_contain_text("Erste Tandems gestartet")
    expect(items.nth(1)).to_contain_text(re.compile("überfällig|overdue"))
    expect(items.nth(2)).to_contain_text("Auswertung")
    # Anna may edit: every milestone has its edit link, and a new one can be added.
    expect(milestones.get_by_role("link", name=re.compile("Auswertung"))).to_be_visible()
    # Above the list, the same milestones on a time line, today marked.
    chart = milestones.get_by_role("img", name=words("Die Meilensteine auf einer Zeitachse"))
    expect(chart).to_be_visible()
    expect(chart.locator(".chart__today")).to_have_count(1)
    expect(milestones.locator(".chart__milestone--missed")).to_have_count(1)

    page.get_by_role("link", name="Bildung").click()
    ui.check()
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(2)


def test_a_partner_finds_their_measure_on_the_home(ui, catalogue):
    page = ui.page
    ui.sign_in("stefan@example.org", next_path="/duisburg/")
    ui.check(shot="measures-04-home")
    # The catalogue in short: 7 live measures, one of them in progress, a link each.
    summary = page.get_by_role("region", name=words("Maßnahmen", "Measures"))
    expect(summary).to_contain_text("7")
    # The count of a status links to its measures (the counts per traffic light
    # beside it are named "in Umsetzung, gefährdet" and so on).
    in_progress = re.compile(r"^\d+ (in Umsetzung|in progress)$")
    expect(summary.get_by_role("link", name=in_progress)).to_have_attribute(
        "href", "/duisburg/measures/?status=in_progress"
    )
    mine = page.get_by_role("region", name=re.compile("Meine Maßnahmen|My measures"))
    mine.get_by_role("link", name=re.compile("Breitband bis 2020")).click()
    ui.check()
    expect(ui.heading("Breitband bis 2020")).to_be_visible()


def test_the_list_fits_a_laptop_and_scrolls_on_a_phone(ui, catalogue):
    """At 1280 px every column is in view, "Fällig am" and the overdue marks too; at
    390 px the table scrolls in its own box, says so, and number and title stay
    readable."""
    page = ui.page
    MilestoneFactory(measure=catalogue.measure, title="Ausschreibung", due_on=TODAY() - DAY)
    ui.sign_in("ben@example.org", next_path="/duisburg/measures/")
    ui.check(shot="measures-05-list-1280")
    table = page.locator(".measure-table")
    box = page.locator(".measure-table__scroll")
    assert table.evaluate("t => t.offsetWidth") <= box.evaluate("b => b.clientWidth")
    due = page.get_by_role("columnheader").last
    expect(due).to_be_in_viewport()
    expect(page.locator(".measure-filter__more select").first).to_be_hidden()  # panel shut
    expect(page.locator(".table-scroll-hint")).to_be_hidden()
    # Measure 1 is due later, a milestone of it is late: which is said, not "overdue".
    row = page.get_by_role("row").filter(has_text="Breitband bis 2020")
    expect(row.locator(".overdue--milestone")).to_be_visible()
    expect(row.locator(".overdue--due")).to_have_count(0)

    page.set_viewport_size({"width": 390, "height": 844})
    ui.check(shot="measures-06-list-390")
    expect(page.locator(".table-scroll-hint")).to_be_visible()
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    title = page.get_by_role("link", name="Führungsnachwuchs gewinnen")
    title.scroll_into_view_if_needed()
    left, right = title.evaluate(
        "a => [a.getBoundingClientRect().left, a.getBoundingClientRect().right]"
    )
    assert left >= 0 and right <= 390
    number = page.get_by_role("row").filter(has_text="Führungsnachwuchs").get_by_role("cell").first
    expect(number).to_be_in_viewport()


def test_the_filter_panel_has_kern_selects(ui, catalogue):
    page = ui.page
    ui.sign_in("ben@example.org", next_path="/duisburg/measures/?status=in_progress")
    panel = page.locator(".measure-filter__more")
    expect(panel).to_have_attribute("open", "")
    selects = panel.locator("select")
    wrapped = panel.locator(".kern-form-input__select-wrapper > select.kern-form-input__select")
    expect(wrapped).to_have_count(selects.count())
    # KERN draws the select as a box with an arrow: its wrapper has a height.
    assert wrapped.first.evaluate("s => s.parentElement.getBoundingClientRect().height") >= 40
    # The organisation is typed; its box lines up with the selects beside it (within
    # their borders) although its label and hint take two more lines.
    organization = panel.get_by_label(re.compile("Organisation"))
    bottom = "e => e.getBoundingClientRect().bottom"
    assert abs(organization.evaluate(bottom) - wrapped.nth(4).evaluate(bottom)) <= 4
    ui.check(shot="measures-07-filters")
    row = page.get_by_role("row").filter(has_text="Führungsnachwuchs")
    name = row.get_by_role("cell").nth(3).locator(".meta").inner_text()  # the owner's
    # Typed in other case to show the filter ignores it; SQLite folds only ASCII
    # letters, so a fragment with an umlaut (Faker's names have some) is typed as is.
    fragment = name[1:5]
    organization.fill(fragment.upper() if fragment.isascii() else fragment)
    panel.get_by_role("button", name="Filter anwenden").click()
    ui.check()
    expect(page.get_by_role("row").filter(has_text="Führungsnachwuchs")).to_be_visible()
    organization = page.locator(".measure-filter__more").get_by_label(re.compile("Organisation"))
    organization.fill("keine solche Organisation")
    page.locator(".measure-filter__more").get_by_role("button", name="Filter anwenden").click()
    ui.check()
    expect(page.get_by_text("Keine Maßnahme entspricht dem Filter.")).to_be_visible()
