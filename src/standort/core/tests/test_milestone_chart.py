"""The milestone timeline: a shape and a colour per state, today marked, the figures in
a table beside it."""

import datetime
import re

from django.template import Context, Template
from django.utils import translation

TODAY = datetime.date(2026, 6, 15)


def chart(milestones, today=TODAY):
    template = Template(
        '{% load charts %}{% milestone_chart milestones today "ms" "Meilensteine" %}'
    )
    with translation.override("de"):
        return template.render(Context({"milestones": milestones, "today": today}))


MILESTONES = [
    {"title": "Trasse festgelegt", "due_on": "2026-03-01", "completed_on": "2026-03-04"},
    {"title": "Gutachten vergeben", "due_on": "2026-05-01", "completed_on": None},
    {"title": "Bauantrag gestellt", "due_on": "2026-09-30", "completed_on": None},
    {"title": "Planfeststellung", "due_on": "2026-12-01", "completed_on": None},
]


def test_each_state_has_its_shape_and_colour():
    html = chart(MILESTONES)
    groups = dict(re.findall(r'chart__milestone--(\w+)">(<\w+)', html))
    assert groups == {"reached": "<circle", "missed": "<polygon", "open": "<polygon"}
    assert html.count("chart__milestone--open") == 2
    reached = re.search(r"--reached\">.*?</g>", html).group(0)
    missed = re.search(r"--missed\">.*?</g>", html).group(0)
    opened = re.search(r"--open\">.*?</g>", html).group(0)
    assert 'fill="#007155"' in reached  # green, filled
    assert 'fill="#c31c13"' in missed  # red
    assert 'fill="#ffffff" stroke="#1d4f91"' in opened  # hollow, blue
    # A missed milestone is a triangle (three corners), an open one a diamond (four).
    assert len(re.search(r'points="([^"]+)"', missed).group(1).split()) == 3
    assert len(re.search(r'points="([^"]+)"', opened).group(1).split()) == 4


def test_it_names_itself_marks_today_and_lists_its_figures():
    html = chart(MILESTONES)
    assert 'role="img" aria-labelledby="ms"' in html
    assert '<figcaption class="chart-figure__title kern-title kern-title--small" id="ms">' in html
    assert "<title>Meilensteine</title>" in html
    assert "chart__today" in html and "Heute, 15.06.2026" in html
    rows = re.findall(r"<tr><th scope=\"row\"[^>]*>(.*?)</th><td>(.*?)</td><td>(.*?)</td>", html)
    assert rows == [
        ("Trasse festgelegt", "01.03.2026", "erreicht am 04.03.2026"),
        ("Gutachten vergeben", "01.05.2026", "verpasst"),
        ("Bauantrag gestellt", "30.09.2026", "offen"),
        ("Planfeststellung", "01.12.2026", "offen"),
    ]


def test_today_far_from_the_milestones_is_named_not_drawn():
    html = chart(MILESTONES[:1], today=datetime.date(2030, 1, 1))
    assert "chart__today" not in html
    assert "Heute: 01.01.2030" in html


def test_labels_fit_the_drawing():
    long = [{"title": "Ein sehr langer Titel " * 5, "due_on": "2026-07-01", "completed_on": None}]
    html = chart(long)
    label = re.search(r"--open\">.*?<text[^>]*>(.*?)</text>", html).group(1)
    label = re.sub(r"<[^>]+>", "", label)
    assert label.startswith("01.07.2026 Ein sehr") and label.endswith("…")
    assert len(label) * 7.6 < 480


def test_no_milestones_draw_nothing():
    assert chart([]).strip() == ""
