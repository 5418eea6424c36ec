"""The chart of bars per group: one source for the page and the PDF. Its picture is
named for a screen reader and its table holds the same figures as its segments."""

import re

from django.template import Context, Template

from standort.core.charts import Bar, GroupChart, Row
from standort.core.pdf import layout

CHART = GroupChart(
    caption="Status and lights per group",
    title="Bars: measures per group by status and light.",
    row_header="Group",
    legend=[("Status", [("adopted", "adopted"), ("done", "done")]), ("Light", [("green", "on")])],
    rows=[
        Row(
            "Harbour",
            [
                Bar("Status", [("adopted", "adopted", 3), ("done", "done", 0)], 3),
                Bar("Light", [("green", "on", 2)], 2),
            ],
        ),
        Row(
            "No group",
            [
                Bar("Status", [("adopted", "adopted", 1), ("done", "done", 4)], 5),
                Bar("Light", [("green", "on", 5)], 5),
            ],
            typed=False,
        ),
    ],
)


def render():
    return Template('{% load charts %}{% group_bars chart "c" %}').render(Context({"chart": CHART}))


def test_the_picture_names_itself_and_its_table_holds_its_figures():
    html = render()
    assert 'role="img" aria-labelledby="c"' in html
    assert '<title id="c">Bars: measures per group by status and light.</title>' in html
    segments = re.findall(r"<title>(\w+) – (\w+): (\d+)</title>", html)
    assert segments == [
        ("Status", "adopted", "3"),
        ("Light", "on", "2"),
        ("Status", "adopted", "1"),
        ("Status", "done", "4"),
        ("Light", "on", "5"),
    ]
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>(.*?)</tr>', html)
    assert [(name, re.findall(r">(\d+)</td>", cells)) for name, cells in rows] == [
        ("Harbour", ["3", "0", "2"]),
        ("No group", ["1", "4", "5"]),
    ]


def test_the_pdf_draws_it():
    document = layout(f"<!DOCTYPE html><html lang='en'><body>{render()}</body></html>")
    assert len(document.pages) == 1
