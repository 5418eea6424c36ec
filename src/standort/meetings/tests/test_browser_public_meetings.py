"""A visitor without an account follows the public record: from the initiative's public
page to its public meetings, into the Lenkungskreis' meeting of June with its agenda
and decisions, on to the body and its members who agreed to be named, and back to
download the public minutes, on a desk and on a phone (390 × 844 px). Every visited
page passes axe-core and the HTML checker (standort/browser_fixtures.py)."""

import pytest
from playwright.sync_api import expect

from standort.browser_fixtures import PHONE, fits

from .test_public_pages import record  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", [(1280, 900), PHONE], ids=["desk", "phone"])
def test_a_visitor_follows_the_public_record(new_ui, record, size):  # noqa: F811
    ui = new_ui(*size)
    page = ui.page
    ui.goto("/duisburg/")
    section = page.get_by_role("region", name="Gremien und Sitzungen")
    expect(section).to_contain_text("Lenkungskreis Frühjahr")
    section.get_by_role(
        "link", name="Alle öffentlichen Sitzungen mit Beschlüssen und Protokollen"
    ).click()
    ui.check(shot=f"public-meetings-{size[0]}")
    fits(ui)
    expect(ui.heading("Öffentliche Sitzungen")).to_be_visible()
    expect(page.get_by_text("Vertrauliche Runde")).to_have_count(0)

    page.get_by_role("link", name="Lenkungskreis Juni").click()
    ui.check(shot=f"public-meeting-{size[0]}")
    fits(ui)
    expect(ui.heading("Lenkungskreis Juni")).to_be_visible()
    expect(page.get_by_text("19.06.2026, 18:00–20:00 Uhr")).to_be_visible()
    agenda = page.get_by_role("region", name="Tagesordnung")
    expect(agenda).to_contain_text("Der Lenkungskreis beschließt den Ausbau.")
    expect(agenda).to_contain_text("Thomas Berger")
    expect(agenda).not_to_contain_text("Norbert")

    page.locator("dl.facts").get_by_role("link", name="Lenkungskreis").click()
    ui.check(shot=f"public-body-{size[0]}")
    fits(ui)
    expect(ui.heading("Lenkungskreis")).to_be_visible()
    members = page.get_by_role("region", name="Mitglieder")
    expect(members).to_contain_text("Thomas Berger, Stadt Duisburg")
    expect(members).not_to_contain_text("Nichtgenannt")
    page.get_by_role("region", name="Öffentliche Sitzungen").get_by_role(
        "link", name="Lenkungskreis Juni"
    ).click()
    ui.check()

    with page.expect_download() as download:
        page.get_by_role("link", name="Protokoll als PDF").click()
    saved = download.value
    assert saved.suggested_filename.startswith("protokoll-oeffentlich-2026-06-19")
    with open(saved.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
