"""Anna writes Duisburg's Erklärung zur Barrierefreiheit; a visitor without an account
finds it from the footer. Every page passes axe-core, the CSP and the HTML checker
(standort/browser_fixtures.py)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_writes_the_statement_and_a_visitor_reads_it(new_ui, duisburg, anna):
    office = new_ui()
    office.sign_in("anna@example.org", next_path="/duisburg/")
    office.page.get_by_role("link", name="Erklärung zur Barrierefreiheit").click()
    office.check()
    expect(office.page.get_by_text("Muster – bitte anpassen")).to_be_visible()
    office.page.get_by_role("link", name="Bearbeiten").click()
    office.check()

    page = office.page
    page.get_by_label("teilweise vereinbar").check()
    page.get_by_label(re.compile("^Nicht barrierefreie Inhalte")).fill(
        "Die PDF-Berichte vor 2020 sind nicht barrierefrei: ihre Umarbeitung wäre eine "
        "unverhältnismäßige Belastung. Auf Anfrage senden wir sie als Text."
    )
    page.get_by_label(re.compile("^Erklärung erstellt am")).fill("2026-11-24")
    page.get_by_label("Prüfung durch Dritte").check()
    page.get_by_label(re.compile("^E-Mail-Adresse für Rückmeldungen")).fill(
        "barrierefrei@masterplan-duisburg.example.org"
    )
    page.get_by_label(re.compile("^Telefon für Rückmeldungen")).fill("0203 283-0")
    page.get_by_role("button", name="Speichern").click()
    office.check()
    saved = "Die Erklärung zur Barrierefreiheit wurde gespeichert."
    expect(page.get_by_text(saved)).to_be_visible()

    visitor = new_ui()
    visitor.goto("/duisburg/")
    footer = visitor.page.get_by_role("contentinfo")
    footer.get_by_role("link", name="Erklärung zur Barrierefreiheit").click()
    visitor.check(shot="accessibility-statement")
    main = visitor.page.get_by_role("main")
    expect(visitor.heading("Erklärung zur Barrierefreiheit")).to_be_visible()
    expect(main).to_contain_text("mit den Anforderungen der BITV 2.0 teilweise vereinbar")
    expect(main).to_contain_text("am 24.11.2026 erstellt")
    expect(main).to_contain_text("Prüfung durch Dritte")
    expect(main).to_contain_text("unverhältnismäßige Belastung")
    expect(main).to_contain_text("Ombudsstelle für barrierefreie Informationstechnik")
    expect(
        main.get_by_role("link", name="barrierefrei@masterplan-duisburg.example.org")
    ).to_have_attribute("href", "mailto:barrierefrei@masterplan-duisburg.example.org")
    expect(main.get_by_text("Muster – bitte anpassen")).to_have_count(0)
    expect(main.get_by_role("link", name="Bearbeiten")).to_have_count(0)


def test_the_platforms_privacy_sample_passes_the_checks(ui, duisburg):
    """The longest sample, with its headings, lists and code, as a visitor sees it."""
    ui.goto("/")
    ui.page.get_by_role("contentinfo").get_by_role("link", name="Datenschutzerklärung").click()
    ui.check(shot="privacy-sample")
    expect(ui.page.get_by_text("Muster – bitte anpassen")).to_be_visible()
