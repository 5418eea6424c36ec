"""The API's page for people in the browser: a visitor follows the footer's link from an
initiative's public page, reads it in German, switches to English, and opens the
interactive documentation; on a desktop screen and on a phone's."""

import re

import pytest
from playwright.sync_api import expect

from standort.browser_fixtures import PHONE, fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "screen",
    [pytest.param(None, id="desktop"), pytest.param(PHONE, id="phone")],
)
def test_a_visitor_finds_the_api_page_and_its_documentation(new_ui, duisburg, screen):
    ui = new_ui(*screen) if screen else new_ui()
    page = ui.page
    suffix = "-phone" if screen else ""

    ui.goto("/duisburg/")
    page.get_by_role("contentinfo").locator('a[href="/api/"]').click()
    ui.check(shot=f"api-guide{suffix}")
    if screen:
        fits(ui)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    contents = page.get_by_role("navigation", name="Inhalt")
    contents.locator('a[href="#examples"]').click()
    expect(page.locator("#examples")).to_be_in_viewport()
    ui.check()
    expect(page.locator("#opendata ~ ul")).to_contain_text("Masterplan Wirtschaft Duisburg")

    if screen:
        # On a phone the header's links wait in its folded menu.
        page.get_by_role("button", name="Menü").click()
    page.get_by_role("button", name="English").click()
    ui.check(shot=f"api-guide-en{suffix}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="The JSON API")).to_be_visible()
    if screen:
        fits(ui)

    page.locator('#api ~ p a[href="/api/v1/docs"]').click()
    # Swagger UI is not our markup to hold to axe-core; what it loads must still pass
    # the Content-Security-Policy.
    ui.check_policy()
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(
        page.locator(".opblock-summary-path", has_text=re.compile(r"/\{slug\}/measures$"))
    ).not_to_have_count(0)
    if screen:
        fits(ui)
