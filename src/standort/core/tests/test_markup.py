"""Formatted text keeps its formatting and loses everything that could run."""

import pytest

from standort.core.markup import render_markdown


def test_markdown_is_rendered():
    html = render_markdown("**Beschluss:** Glasfaser *bis 2020*\n\n- Hafen\n- Ruhrort")
    assert "<strong>Beschluss:</strong>" in html
    assert "<em>bis 2020</em>" in html
    assert "<li>Hafen</li>" in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">klick</a>',
        "[klick](javascript:alert(1))",
        '<p onclick="alert(1)">Text</p>',
        '<iframe src="https://evil.example.com"></iframe>',
        "<style>body{display:none}</style>",
    ],
)
def test_nothing_that_runs_survives(attack):
    html = render_markdown(attack).lower()
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "<img"):
        assert bad not in html


def test_links_stay_links_and_open_safely():
    html = render_markdown("[IHK](https://www.ihk.de)")
    assert 'href="https://www.ihk.de"' in html
    assert "noopener" in html


def test_headings_sit_below_the_page():
    assert "<h3>Stand</h3>" in render_markdown("# Stand")
