"""The measures by goal, in a browser: a visitor groups the public page by goal on a
phone and follows a goal to its measures; Anna builds a report grouped by goal and
reads it on the web; a member sees a measure's goals on its page. Every page passes
axe-core, the HTML checker and the Content-Security-Policy
(standort/browser_fixtures.py)."""

import re

import pytest
from playwright.sync_api import expect

from standort.browser_fixtures import PHONE, fits

from .test_grouping import goals  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_groups_the_public_page_by_goal_on_a_phone(new_ui, goals):  # noqa: F811
    ui = new_ui(*PHONE)
    page = ui.page
    ui.goto("/duisburg/")
    page.get_by_role("link", name="Nach Zielen gruppieren").click()
    ui.check(shot="public-by-goal-phone")
    fits(ui)
    table = page.get_by_role("table", name="Beschlossene Maßnahmen nach Zielen")
    expect(table.get_by_role("row").filter(has_text="Arbeitslosigkeit senken")).to_contain_text("2")
    expect(page.get_by_role("img", name=re.compile("Balkendiagramm"))).to_have_count(1)

    table.get_by_role("link", name="Arbeitslosigkeit senken").click()
    ui.check()
    measures = page.locator("#measures")
    expect(measures).to_contain_text("Jobcenter-Offensive")
    expect(measures).not_to_contain_text("Stadtmarketing")


def test_anna_builds_a_report_grouped_by_goal(ui, goals, anna):  # noqa: F811
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/reports/demand/")
    form = page.get_by_role("main")
    form.get_by_role("radio", name="nach Zielen").check()
    for format in ["Excel (XLSX)", "Word (DOCX)"]:
        form.get_by_role("checkbox", name=format).uncheck()
    ui.check(shot="reports-demand-by-goal")
    form.get_by_role("button", name="Bericht erstellen").click()

    demand = page.get_by_role("region", name="Berichte auf Abruf")
    expect(demand).to_contain_text("nach Zielen gruppiert")
    demand.get_by_role("link", name=re.compile("im Web lesen")).click()
    ui.check(shot="report-by-goal-html")
    expect(page.get_by_role("heading", name="Ampeln je Ziel")).to_be_visible()
    for title in ("Arbeitslosigkeit senken", "Genehmigungen beschleunigen", "Ohne Ziel"):
        expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()
    # The measure serving both goals stands under both.
    expect(page.get_by_role("heading", name=re.compile("Gewerbeflächenpool"))).to_have_count(2)


def test_a_member_sees_the_goals_a_measure_serves(ui, goals, ben):  # noqa: F811
    page = ui.page
    ui.sign_in("ben@example.org", next_path="/duisburg/measures/")
    page.get_by_role("link", name="Gewerbeflächenpool").click()
    ui.check()
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("Dient den Zielen")
    facts.get_by_role("link", name="Genehmigungen beschleunigen").click()
    ui.check()
    expect(ui.heading("Genehmigungen beschleunigen")).to_be_visible()
