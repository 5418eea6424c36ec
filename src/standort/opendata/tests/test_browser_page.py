"""A visitor finds what the open data offer, on a computer and on a phone (390 × 844
px): the data sets with their files, the columns of one, the licence and the source to
name; a file downloads under a name that says the moment its figures are from. Every
page passes axe-core and the HTML checker (standort/browser_fixtures.py)."""

import re

import pytest
from playwright.sync_api import expect

from standort.browser_fixtures import PHONE, fits
from standort.measures.tests.test_public_measure import plan  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", [(1280, 900), PHONE], ids=["computer", "phone"])
def test_a_visitor_reads_what_the_open_data_offer(new_ui, plan, size):  # noqa: F811
    ui = new_ui(*size)
    page = ui.page
    ui.goto("/duisburg/opendata/", shot=f"opendata-{size[0]}")
    fits(ui)
    expect(ui.heading("Offene Daten")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"^Stand: \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr"))
    ).to_be_visible()
    licence = page.get_by_role("region", name="Lizenz")
    expect(
        licence.get_by_role("link", name="Datenlizenz Deutschland – Namensnennung – Version 2.0")
    ).to_have_attribute("href", "https://www.govdata.de/dl-de/by-2-0")
    expect(licence).to_contain_text("Quelle: Masterplan Wirtschaft Duisburg, http")

    measures = page.get_by_role("region", name="Maßnahmen", exact=True)
    expect(measures.get_by_role("link", name="Maßnahmen als CSV")).to_be_visible()
    expect(measures.get_by_role("link", name="Maßnahmen als JSON")).to_be_visible()
    measures.locator("summary", has_text="Die Spalten von „Maßnahmen“").click()
    columns = measures.get_by_role("table", name="Die Spalten von „Maßnahmen“")
    expect(columns.get_by_role("row", name=re.compile("^owner "))).to_contain_text(
        "nur wenn sie der öffentlichen Nennung zugestimmt hat"
    )
    ui.check()
    fits(ui)
    for name in ["Meilensteine", "Sachstandsverlauf", "Ziele"]:
        expect(page.get_by_role("region", name=name, exact=True)).to_be_visible()

    with page.expect_download() as download:
        measures.get_by_role("link", name="Maßnahmen als CSV").click()
    assert re.fullmatch(r"duisburg-measures-\d{8}-\d{4}\.csv", download.value.suggested_filename)
    with open(download.value.path(), encoding="utf-8") as saved:
        assert saved.readline().startswith("number,title,")
    machines = page.get_by_role("region", name="Für Datenportale und Programme")
    expect(machines.get_by_role("link", name="Feldbeschreibung")).to_have_attribute(
        "href", re.compile(r"/duisburg/opendata/datapackage\.json$")
    )
