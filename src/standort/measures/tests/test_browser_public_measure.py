"""A visitor reads a public measure's page on a phone (390 × 844 px, issue 15, point 7):
from the public overview to the measure, its facts, the milestones on a timeline and
the status history, each readable without scrolling sideways, and back to the
overview. Every visited page passes axe-core and the HTML checker
(standort/browser_fixtures.py)."""

import pytest
from playwright.sync_api import expect

from standort.browser_fixtures import PHONE, fits

from .test_public_measure import plan  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _within_screen(locator):
    for box in (item.bounding_box() for item in locator.all()):
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0], box


def test_a_visitor_reads_a_public_measure_on_a_phone(new_ui, plan):  # noqa: F811
    owner = plan[4].owner
    owner.name_is_public = True
    owner.save()
    ui = new_ui(*PHONE)
    page = ui.page
    ui.goto("/duisburg/")
    page.get_by_role("link", name="Gründerzentrum am Innenhafen").click()
    ui.check(shot="public-measure-phone")
    fits(ui)
    expect(ui.heading("Gründerzentrum am Innenhafen")).to_be_visible()
    expect(page).to_have_url(ui.url("/duisburg/measures/4/"))
    expect(page.get_by_text("Stand: ")).to_be_visible()

    facts = page.locator(".public-facts")
    expect(facts).to_contain_text("Hafen Duisburg AG")
    expect(facts).to_contain_text("Hannelore Hafenmeister")
    expect(facts).to_contain_text("Sparkasse Duisburg")
    expect(facts).to_contain_text("Unterarbeitskreis Gründung")
    _within_screen(facts.locator("dd"))

    milestones = page.get_by_role("region", name="Meilensteine")
    items = milestones.get_by_role("list").get_by_role("listitem")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("Mietvertrag")
    expect(items.nth(0)).to_contain_text("erledigt am")
    expect(items.nth(1)).to_contain_text("überfällig")
    expect(items.nth(2)).to_contain_text("offen")
    _within_screen(items)

    updates = page.get_by_role("region", name="Sachstände").get_by_role("listitem")
    expect(updates).to_have_count(2)
    expect(updates.first).to_contain_text("Umbau begonnen.")
    expect(updates.first).to_contain_text("45 %")
    _within_screen(updates)

    page.get_by_role("navigation", name="Sie sind hier").get_by_role(
        "link", name="Masterplan Wirtschaft Duisburg"
    ).click()
    ui.check()
    expect(ui.heading("Masterplan Wirtschaft Duisburg")).to_be_visible()


def test_a_dropped_measure_reads_as_dropped(new_ui, plan):  # noqa: F811
    ui = new_ui(*PHONE)
    ui.goto("/duisburg/measures/8/")
    fits(ui)
    expect(ui.page.get_by_role("note")).to_contain_text(
        "Diese Maßnahme wurde verworfen. Begründung: Der Hafen übernimmt die Aufgabe selbst."
    )
