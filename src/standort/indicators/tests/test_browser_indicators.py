"""Goals, indicators and industrial areas in the browser: Anna creates an indicator and
imports its values (a file with faults first), Ben reads a goal with its measure and
indicator, Anna looks at the map of the areas (also on a phone) and imports a GeoJSON
file, and she adds an area with a location typed as GeoJSON.

The assertions hold to ids, URLs, roles, numbers and data values: the wording of the
pages may change between German and English."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from standort.indicators import services
from standort.indicators.models import Goal, Indicator, Observation, Site
from standort.measures.tests.factories import MeasureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE = "form.form-page button[type=submit]"


def _submit(ui, *, shot=None):
    ui.page.locator(SAVE).click()
    ui.check(shot=shot)


def _csv(*rows):
    return ("\n".join(";".join(row) for row in rows) + "\n").encode()


def _rows(table):
    """The table's body as a list of rows, each a list of its cells' texts."""
    return [
        [text.strip() for text in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


def _square(lon, lat, size=0.01):
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon, lat],
                [lon + size, lat],
                [lon + size, lat + size],
                [lon, lat + size],
                [lon, lat],
            ]
        ],
    }


# 1. An indicator, its values from a file ----------------------------------------------


def test_anna_creates_an_indicator_and_imports_its_values(ui, duisburg, muelheim, anna, clara):
    # Mülheim measures a figure of the same name: the import must not touch it.
    theirs = services.indicator_save(
        actor=clara, indicator=Indicator(initiative=muelheim, name="Arbeitslosenquote", unit="%")
    )
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/indicators/new/")
    ui.check(shot="indicators-form")
    page.locator("#id_name").fill("Arbeitslosenquote")
    page.locator("#id_unit").fill("%")
    page.locator("#id_higher_is_better").uncheck()
    page.locator("#id_target_value").fill("9,5")
    page.locator("#id_target_on").fill("2030-12-31")
    _submit(ui)
    indicator = Indicator.objects.get(initiative=duisburg, name="Arbeitslosenquote")
    expect(page).to_have_url(re.compile(rf"/duisburg/indicators/{indicator.pk}/$"))
    expect(ui.heading("Arbeitslosenquote")).to_be_visible()
    assert indicator.unit == "%"
    assert indicator.target_value == Decimal("9.5")
    assert indicator.target_on == datetime.date(2030, 12, 31)
    assert indicator.higher_is_better is False
    expect(page.locator("dl.facts")).to_contain_text("9,5 %")
    expect(page.locator("dl.facts")).to_contain_text("31.12.2030")
    expect(page.locator("svg[role=img]")).to_have_count(0)

    # From the empty indicator to the import page.
    page.locator('a[href="/duisburg/indicators/import/"]').first.click()
    ui.check(shot="indicators-import")
    expect(page).to_have_url(re.compile(r"/duisburg/indicators/import/$"))
    faulty = _csv(
        ["Kennzahl", "Stichtag", "Wert", "Anmerkung"],
        ["Arbeitslosenquote", "31.12.2016", "12,5", "Bundesagentur für Arbeit"],
        ["Arbeitslosigkeit", "31.12.2017", "11,9", ""],
        ["Arbeitslosenquote", "2018", "elf", ""],
    )
    page.locator("#id_file").set_input_files(
        {"name": "werte.csv", "mimeType": "text/csv", "buffer": faulty}
    )
    _submit(ui, shot="indicators-import-errors")
    expect(page).to_have_url(re.compile(r"/duisburg/indicators/import/$"))
    problems = page.locator("#import-problems")
    expect(problems).to_have_attribute("role", "alert")
    faults = problems.locator("li")
    expect(faults).to_have_count(2)
    # Each fault names its row (as a spreadsheet numbers it) and the value at fault.
    expect(faults.nth(0)).to_contain_text("3")
    expect(faults.nth(0)).to_contain_text("Arbeitslosigkeit")
    expect(faults.nth(1)).to_contain_text("4")
    expect(faults.nth(1)).to_contain_text("elf")
    assert not Observation.objects.exists()

    good = _csv(
        ["Kennzahl", "Stichtag", "Wert", "Anmerkung"],
        ["Arbeitslosenquote", "31.12.2016", "12,5", "Bundesagentur für Arbeit"],
        ["arbeitslosenquote", "31.12.2017", "11,9", ""],
        ["Arbeitslosenquote", "2018", "10,75", ""],
    )
    page.locator("#id_file").set_input_files(
        {"name": "werte.csv", "mimeType": "text/csv", "buffer": good}
    )
    _submit(ui, shot="indicators-list-imported")
    expect(page).to_have_url(re.compile(r"/duisburg/indicators/$"))
    stored = list(
        Observation.objects.filter(indicator=indicator)
        .order_by("observed_on")
        .values_list("observed_on", "value", "note")
    )
    assert stored == [
        (datetime.date(2016, 12, 31), Decimal("12.5"), "Bundesagentur für Arbeit"),
        (datetime.date(2017, 12, 31), Decimal("11.9"), ""),
        (datetime.date(2018, 12, 31), Decimal("10.75"), ""),
    ]
    assert not Observation.objects.filter(indicator=theirs).exists()
    # The list shows the newest value.
    expect(page.locator("table.kern-table tbody tr")).to_have_count(1)
    expect(page.locator("table.kern-table tbody tr")).to_contain_text("10,75")

    page.locator(f'a[href="/duisburg/indicators/{indicator.pk}/"]').click()
    ui.check(shot="indicators-detail")
    chart = page.locator("svg[role=img]")
    expect(chart).to_have_count(1)
    expect(chart).to_have_attribute("aria-labelledby", "indicator-chart")
    caption = page.locator("figure figcaption#indicator-chart")
    expect(caption).to_contain_text("Arbeitslosenquote")
    expect(caption).to_contain_text("9,5")
    expect(chart).to_have_accessible_name(caption.inner_text())
    # A dot per value and the dashed target line.
    expect(chart.locator("circle")).to_have_count(3)
    expect(chart.locator("line[stroke-dasharray]")).to_have_count(1)
    values = page.get_by_role("table", name=re.compile("Arbeitslosenquote"))
    assert [row[:2] for row in _rows(values)] == [
        ["31.12.2018", "10,75"],
        ["31.12.2017", "11,9"],
        ["31.12.2016", "12,5"],
    ]


# 2. A goal with its measure and indicator ----------------------------------------------


def test_ben_reads_a_goal_with_its_measure_and_indicator(ui, duisburg, anna, ben):
    measure = MeasureFactory(initiative=duisburg, number=7, title="Gründerzentrum", progress=40)
    MeasureFactory(initiative=duisburg, number=8, title="Anderswo", progress=90)
    goal = services.goal_save(
        actor=anna,
        goal=Goal(initiative=duisburg, title="Rückenwind für die Industrie"),
        measures=[measure],
    )
    services.goal_save(actor=anna, goal=Goal(initiative=duisburg, title="Leeres Ziel"))
    indicator = services.indicator_save(
        actor=anna,
        indicator=Indicator(
            initiative=duisburg,
            name="Beschäftigte in der Industrie",
            unit="Personen",
            goal=goal,
            target_value=Decimal(19000),
            target_on=datetime.date(2025, 12, 31),
        ),
    )
    for year, value in ((2016, 18000), (2017, 18250)):
        services.observation_save(
            actor=anna,
            observation=Observation(
                indicator=indicator, observed_on=datetime.date(year, 12, 31), value=value
            ),
        )

    page = ui.page
    ui.sign_in("ben@example.org", next_path="/duisburg/goals/")
    ui.check(shot="indicators-goals")
    expect(page).to_have_url(re.compile(r"/duisburg/goals/$"))
    # A member reads, the office keeps: no link to a new goal.
    expect(page.locator('a[href="/duisburg/goals/new/"]')).to_have_count(0)
    expect(page.locator(".goal-list__item")).to_have_count(2)
    page.locator(f'a[href="/duisburg/goals/{goal.pk}/"]').click()
    ui.check(shot="indicators-goal-detail")
    expect(page).to_have_url(re.compile(rf"/duisburg/goals/{goal.pk}/$"))
    expect(ui.heading("Rückenwind für die Industrie")).to_be_visible()
    expect(page.locator(f'a[href="/duisburg/goals/{goal.pk}/edit/"]')).to_have_count(0)

    # The measure that serves it with its progress; not the other one.
    measure_link = page.locator('a[href="/duisburg/measures/7/"]')
    expect(measure_link).to_be_visible()
    expect(page.locator('a[href="/duisburg/measures/8/"]')).to_have_count(0)
    progress = page.locator("progress")
    expect(progress).to_have_count(1)
    expect(progress).to_have_attribute("value", "40")
    expect(progress).to_have_attribute("max", "100")
    expect(progress).to_have_accessible_name(re.compile(r"\b7\b"))

    # The indicator: its newest value, its chart, its values as a table.
    chart_id = f"goal-chart-{indicator.pk}"
    chart = page.locator(f'svg[role=img][aria-labelledby="{chart_id}"]')
    expect(chart).to_be_visible()
    expect(chart.locator("circle")).to_have_count(2)
    expect(page.locator(f"figcaption#{chart_id}")).to_contain_text("Beschäftigte in der Industrie")
    expect(page.locator(".goal-indicator")).to_contain_text("18.250")
    page.locator(".goal-indicator details summary").click()
    values = page.get_by_role("table", name=re.compile("Beschäftigte in der Industrie"))
    assert _rows(values) == [["31.12.2016", "18.000"], ["31.12.2017", "18.250"]]

    # Keyboard: from the top of the page, Tab reaches the measure and then the indicator.
    indicator_href = f"/duisburg/indicators/{indicator.pk}/"
    page.locator("body").focus()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
        if reached[-1] == indicator_href:
            break
    assert reached[-1] == indicator_href, f"Tab did not reach the indicator: {reached}"
    assert "/duisburg/measures/7/" in reached
    assert reached.index("/duisburg/measures/7/") < len(reached) - 1
    with page.expect_navigation():
        page.keyboard.press("Enter")
    ui.check()
    expect(page).to_have_url(re.compile(rf"{indicator_href}$"))
    expect(ui.heading("Beschäftigte in der Industrie")).to_be_visible()
    expect(page.locator(f'dl.facts a[href="/duisburg/goals/{goal.pk}/"]')).to_be_visible()


# 3. The map of the industrial areas --------------------------------------------------


def test_anna_sees_the_map_of_the_areas_and_imports_geojson(ui, duisburg, anna):
    def site(name, geometry, **fields):
        return services.site_save(
            actor=anna,
            site=Site(initiative=duisburg, name=name, geometry=geometry, **fields),
        )

    site("Logport I", _square(6.66, 51.39), area_ha=Decimal(265), free_ha=Decimal(12))
    site(
        "Kaßlerfeld",
        {"type": "Point", "coordinates": [6.745, 51.445]},
        area_ha=Decimal("40.5"),
        fibre=Site.Fibre.PLANNED,
    )
    site(
        "Rheinhausen",
        _square(6.70, 51.40, 0.02),
        area_ha=Decimal(120),
        free_ha=Decimal("7.25"),
        fibre=Site.Fibre.AVAILABLE,
    )
    site("Walsum", None, area_ha=Decimal(30))

    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/areas/")
    ui.check(shot="indicators-areas")
    drawing = page.locator("svg.site-map__drawing")
    expect(drawing).to_have_attribute("role", "img")
    expect(drawing).to_have_attribute("aria-labelledby", "site-map")
    expect(page.locator("figcaption#site-map")).to_have_count(1)
    # A numbered pin per located area (sorted by name: 1 Kaßlerfeld, 2 Logport I,
    # 3 Rheinhausen, 4 Walsum without location), an outline per polygon.
    expect(drawing.locator("circle")).to_have_count(3)
    expect(drawing.locator("path")).to_have_count(2)
    assert drawing.locator("text").all_text_contents() == ["1", "2", "3"]
    expect(page.locator("ul.chart-legend li")).to_have_count(3)
    table = page.locator("table.kern-table")
    rows = _rows(table)
    assert [row[:4] for row in rows] == [
        ["1", "Kaßlerfeld", "40,5", "0"],
        ["2", "Logport I", "265", "12"],
        ["3", "Rheinhausen", "120", "7,25"],
        ["4", "Walsum", "30", "0"],
    ]

    # On a phone the page does not scroll sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    ui.check(shot="indicators-areas-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page is {width} px wide at 390 px"
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator('a[href="/duisburg/areas/import/"]').click()
    ui.check(shot="indicators-areas-import")
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": "Duisburg-Nord",
                    "area_ha": "25,5",
                    "free_ha": 4.5,
                    "glasfaser": "geplant",
                },
                "geometry": _square(6.78, 51.48),
            }
        ],
    }
    page.locator("#id_file").set_input_files(
        {
            "name": "gebiete.geojson",
            "mimeType": "application/geo+json",
            "buffer": json.dumps(geojson).encode(),
        }
    )
    _submit(ui, shot="indicators-areas-imported")
    expect(page).to_have_url(re.compile(r"/duisburg/areas/$"))
    new = Site.objects.get(initiative=duisburg, name="Duisburg-Nord")
    assert (new.area_ha, new.free_ha, new.fibre) == (
        Decimal("25.5"),
        Decimal("4.5"),
        Site.Fibre.PLANNED,
    )
    assert new.geometry["type"] == "Polygon"
    rows = _rows(page.locator("table.kern-table"))
    assert len(rows) == 5
    assert rows[0][:4] == ["1", "Duisburg-Nord", "25,5", "4,5"]
    expect(page.locator(f'table a[href="/duisburg/areas/{new.pk}/"]')).to_be_visible()
    expect(page.locator("svg.site-map__drawing circle")).to_have_count(4)


# 4. An area with a location typed as GeoJSON ----------------------------------------------


def test_anna_adds_an_area_with_a_geojson_location(ui, duisburg, anna):
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/areas/new/")
    ui.check(shot="indicators-area-form")
    page.locator("#id_name").fill("Logport VI")
    page.locator("#id_area_ha").fill("12,5")
    page.locator("#id_free_ha").fill("3")
    page.locator("#id_fibre").select_option("available")
    page.locator("#id_location").fill('{"type": "Point", "coordinates": [6.70, 51.40]}')
    _submit(ui, shot="indicators-area-detail")
    site = Site.objects.get(initiative=duisburg, name="Logport VI")
    expect(page).to_have_url(re.compile(rf"/duisburg/areas/{site.pk}/$"))
    expect(ui.heading("Logport VI")).to_be_visible()
    assert site.geometry == {"type": "Point", "coordinates": [6.7, 51.4]}
    assert (site.area_ha, site.free_ha, site.fibre) == (
        Decimal("12.5"),
        Decimal("3"),
        Site.Fibre.AVAILABLE,
    )
    drawing = page.locator("svg.site-map__drawing")
    expect(drawing).to_have_attribute("aria-labelledby", "site-map")
    expect(drawing.locator("circle")).to_have_count(1)
    expect(page.locator("dl.facts")).to_contain_text("12,5 ha")

    ui.goto("/duisburg/areas/new/")
    page.locator("#id_name").fill("Angerpark")
    page.locator("#id_area_ha").fill("8,25")
    page.locator("#id_note").fill("Beispieldaten")
    broken = '{"type": "Point", "coordinates": [6.7, 51.4]'
    page.locator("#id_location").fill(broken)
    _submit(ui, shot="indicators-area-form-invalid")
    expect(page).to_have_url(re.compile(r"/duisburg/areas/new/$"))
    location = page.locator("#id_location")
    expect(location).to_have_attribute("aria-invalid", "true")
    expect(location).to_have_attribute("aria-describedby", re.compile(r"\bid_location_error\b"))
    error = page.locator(".kern-form-input", has=location).locator("#id_location_error")
    expect(error).to_be_visible()
    expect(error).to_have_text(re.compile("JSON"))
    expect(location).to_have_accessible_description(re.compile("JSON"))
    # Only the location is at fault, and everything typed is kept.
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)
    expect(location).to_have_value(broken)
    expect(page.locator("#id_name")).to_have_value("Angerpark")
    expect(page.locator("#id_area_ha")).to_have_value("8,25")
    expect(page.locator("#id_note")).to_have_value("Beispieldaten")
    assert not Site.objects.filter(name="Angerpark").exists()
