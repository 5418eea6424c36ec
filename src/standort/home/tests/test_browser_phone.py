"""On a phone (390 × 844 px), with the demo's data: every page fits the width without
sideways page scroll (wide tables scroll in their own box), and the header folds into
a menu (issue 14, item 17: header and navigation took 550 of 844 px; the reviews list
was 437 px wide)."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from standort.browser_fixtures import PHONE, fits
from standort.core.tenancy import across_initiatives
from standort.meetings.models import Meeting
from standort.reviews.models import ReviewCycle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_the_office_pages_fit_a_phone(new_ui, demo):
    with across_initiatives():
        meeting = Meeting.objects.filter(initiative__slug="duisburg").order_by("pk").first()
        review = ReviewCycle.objects.filter(initiative__slug="duisburg").order_by("pk").first()
    ui = new_ui(*PHONE)
    ui.sign_in("buero@example.org", "standort-demo", next_path="/duisburg/")
    fits(ui)
    for path in [
        "/",
        "/duisburg/measures/",
        "/duisburg/measures/1/",
        "/duisburg/measures/1/edit/",
        "/duisburg/bodies/",
        "/duisburg/people/",
        "/duisburg/organizations/",
        "/duisburg/meetings/",
        f"/duisburg/meetings/{meeting.pk}/",
        "/duisburg/reviews/",
        f"/duisburg/reviews/{review.pk}/",
        "/duisburg/reports/",
        "/duisburg/roles/",
        "/duisburg/measures/fields/",
        "/accounts/notifications/",
    ]:
        ui.goto(path)
        fits(ui)


def test_the_header_folds_into_a_menu(new_ui, demo):
    ui = new_ui(*PHONE)
    ui.sign_in("buero@example.org", "standort-demo", next_path="/duisburg/")
    page = ui.page
    menu = page.get_by_role("button", name="Menü")
    measures = page.get_by_role("navigation", name="Initiative").get_by_role(
        "link", name="Maßnahmen"
    )
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(measures).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 150  # of 844
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    ui.check()
    measures.click()
    ui.check()
    expect(ui.heading("Maßnahmen")).to_be_visible()


def test_a_wide_screen_shows_the_links_without_a_menu(ui, demo):
    ui.sign_in("buero@example.org", "standort-demo", next_path="/duisburg/")
    expect(ui.page.get_by_role("button", name="Menü")).to_be_hidden()
    nav = ui.page.get_by_role("navigation", name="Initiative")
    expect(nav.get_by_role("link", name="Maßnahmen")).to_be_visible()


def test_the_public_page_fits_a_phone(new_ui, demo):
    ui = new_ui(*PHONE)
    ui.goto("/muelheim/")
    fits(ui)


def test_a_member_compares_two_closed_reviews_on_a_phone(new_ui, demo):
    """Mülheim's spring 2018 and spring 2019 reviews side by side: projects that moved
    either way, each a card with the reason its owner gave."""
    from standort.reviews.demo import SPRING_2018, SPRING_2019

    ui = new_ui(*PHONE)
    ui.sign_in("mitglied@example.org", "standort-demo", next_path="/muelheim/reports/compare/")
    page = ui.page
    for label, title in (("Früherer Stand", SPRING_2018), ("Späterer Stand", SPRING_2019)):
        choice = page.get_by_label(label)
        choice.select_option(choice.locator("option", has_text=title).get_attribute("value"))
    page.get_by_role("button", name="Vergleichen").click()
    ui.check(shot="compare-two-reviews-phone")
    fits(ui)
    figures = page.locator(".compare-figures")
    counts = {
        verdict: int(figures.locator("li", has_text=verdict).locator("span").inner_text())
        for verdict in ("besser", "schlechter")
    }
    assert counts["besser"] >= 10 and counts["schlechter"] >= 2
    expect(page.locator(".compare-row--worse").first).to_be_visible()
