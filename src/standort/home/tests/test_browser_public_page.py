"""The public page on a phone (390 × 844 px): each measure a card with its number,
title, status, progress, traffic light and organisation, each value under its label,
nothing cut and nothing scrolling sideways; a screen reader still reads a table whose
cells have their column's header. And the office releasing a new measure for it.
Every visited page passes axe-core and the HTML checker (standort/browser_fixtures.py)."""

import re

import pytest
from playwright.sync_api import expect

from standort.browser_fixtures import PHONE, fits

from .test_public_page import public, sub_group  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(public, sub_group):  # noqa: F811 - the fixtures
    """test_public_page's story: two working groups, Mittelstand with a sub-group and
    a dropped measure, and a measure of no group."""


def _label(cell):
    """What the card shows before a cell's value (its ::before content, without the
    alternative text after the slash, which is empty: decoration), or None."""
    content = cell.evaluate("e => getComputedStyle(e, '::before').content")
    if content == "none":
        return None
    shown, _slash, alternative = content.partition(" / ")
    assert alternative == '""', content
    return "".join(re.findall(r'"([^"]*)"', shown)).strip()


def _ax_cells(page):
    """(role, name) of the cells and headers in Chromium's accessibility tree: what a
    screen reader is given."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return {
        (node["role"]["value"], node.get("name", {}).get("value", ""))
        for node in nodes
        if node.get("role", {}).get("value") in {"cell", "columnheader", "table"}
    }


def test_a_visitor_reads_the_public_page_on_a_phone_as_cards(new_ui, plan):
    ui = new_ui(*PHONE)
    page = ui.page
    ui.goto("/duisburg/", shot="public-06-phone-cards")
    fits(ui)
    progress = page.get_by_role("region", name="Stand der Umsetzung")

    row = progress.get_by_role("row").filter(has_text="Breitband für alle Gewerbegebiete")
    assert row.evaluate("e => getComputedStyle(e).display") == "grid"
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
    # The column headers are out of sight; each value stands under its label.
    header = progress.get_by_role("columnheader", name="Ampel").first
    assert header.evaluate("e => e.closest('thead').getBoundingClientRect().width") <= 1
    cells = row.get_by_role("cell")
    expect(cells.nth(0)).to_have_text("1")
    assert _label(cells.nth(0)) == "Nr."
    expect(cells.nth(1)).to_have_text("Breitband für alle Gewerbegebiete")
    assert _label(cells.nth(2)) == "Status"
    expect(cells.nth(2)).to_have_text("in Umsetzung")
    assert _label(cells.nth(3)) == "Fortschritt"
    expect(cells.nth(3)).to_contain_text("35 %")
    assert _label(cells.nth(4)) == "Ampel"
    expect(cells.nth(4)).to_have_text("verzögert")
    assert _label(cells.nth(5)) == "Verantwortliche Organisation"
    expect(cells.nth(5)).to_have_text("Hafen Duisburg AG")
    for cell in cells.all():
        cell_box = cell.bounding_box()
        assert cell_box["x"] + cell_box["width"] <= box["x"] + box["width"] + 1

    # The dropped measure with its reason; the sub-group's under its working group.
    dropped = progress.get_by_role("row").filter(has_text="Verworfene Idee")
    expect(dropped).to_contain_text("verworfen")
    expect(dropped).to_contain_text("Begründung: Der Hafen übernimmt die Aufgabe selbst.")
    expect(
        progress.get_by_role("heading", name="Unterarbeitskreis Gründung", level=4)
    ).to_be_visible()

    # For a screen reader the cards are still a table with its headers.
    tree = _ax_cells(page)
    assert ("table", "Beschlossene Maßnahmen: Arbeitskreis Mittelstand") in tree
    assert ("columnheader", "Ampel") in tree
    assert ("cell", "Hafen Duisburg AG") in tree
    # The repeated label is decoration: no cell is named by it.
    assert not [name for role, name in tree if role == "cell" and name.startswith("Status")]


def test_the_summary_by_working_group_is_cards_too(new_ui, plan):
    ui = new_ui(*PHONE)
    ui.goto("/duisburg/")
    table = ui.page.get_by_role("table", name="Beschlossene Maßnahmen nach Arbeitskreisen")
    row = table.get_by_role("row").filter(has_text="Arbeitskreis Mittelstand")
    assert row.evaluate("e => getComputedStyle(e).display") == "grid"
    # The sub-group is counted in its working group, not beside it.
    expect(table.get_by_role("row").filter(has_text="Unterarbeitskreis")).to_have_count(0)
    expect(row.get_by_role("cell").first).to_have_text("4")


def test_a_wide_screen_keeps_the_table(ui, plan):
    ui.goto("/duisburg/", shot="public-07-wide")
    row = ui.page.get_by_role("row").filter(has_text="Breitband für alle Gewerbegebiete")
    assert row.evaluate("e => getComputedStyle(e).display") == "table-row"
    header = ui.page.get_by_role("columnheader", name="Ampel").first
    expect(header).to_be_visible()
    assert _label(row.get_by_role("cell").nth(2)) is None


def test_the_embed_on_a_phone_shows_cards(new_ui, plan):
    ui = new_ui(*PHONE)
    ui.goto("/duisburg/embed/")
    fits(ui)
    row = ui.page.get_by_role("row").filter(has_text="Gründungslotsen")
    assert row.evaluate("e => getComputedStyle(e).display") == "grid"


def test_the_office_releases_a_new_measure_for_the_public_page(new_ui, plan, anna):
    office = new_ui()
    office.sign_in("anna@example.org", next_path="/duisburg/measures/new/")
    page = office.page
    page.get_by_label("Titel").fill("Hafenbahn reaktivieren")
    page.get_by_label("Status").select_option(label="beschlossen")
    expect(page.get_by_label("Auf der öffentlichen Seite zeigen")).not_to_be_checked()
    page.get_by_role("button", name="Speichern").click()
    office.check()
    expect(page.get_by_text("Öffentliche Seite: nicht gezeigt, nur intern")).to_be_visible()

    visitor = new_ui(*PHONE)
    visitor.goto("/duisburg/")
    expect(visitor.page.get_by_text("Hafenbahn reaktivieren")).to_have_count(0)

    page.get_by_role("button", name="Auf der öffentlichen Seite zeigen").click()
    office.check()
    expect(page.get_by_text("Öffentliche Seite: gezeigt")).to_be_visible()
    visitor.goto("/duisburg/")
    expect(
        visitor.page.get_by_role("row").filter(has_text="Hafenbahn reaktivieren")
    ).to_be_visible()
