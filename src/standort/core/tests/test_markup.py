"""Formatted text keeps its formatting and loses everything that could run."""

from html.parser import HTMLParser

import pytest

from standort.core import markup
from standort.core.markup import TEXT_LIMIT, render_markdown


class Elements(HTMLParser):
    """The elements of a piece of HTML with their attributes."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


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
    """What someone typed as HTML stays text; a link keeps only a safe address."""
    for tag, attrs in Elements(render_markdown(attack)).found:
        assert tag in markup.ALLOWED_TAGS
        assert not any(name.startswith("on") for name in attrs)
        assert not attrs.get("href", "").lower().startswith("javascript")


def test_links_stay_links_and_open_safely():
    html = render_markdown("[IHK](https://www.ihk.de)")
    assert 'href="https://www.ihk.de"' in html
    assert "noopener" in html


def test_headings_sit_below_the_page():
    assert "<h3>Stand</h3>" in render_markdown("# Stand")


# A comment that takes a page down (issue 14, 1): nested brackets took Python-Markdown
# quadratic time, and every reader of the page waited for it.
BRACKETS = "[" * 10_000 + "x" + "](" * 10_000


def test_a_text_over_its_limit_is_shown_plain_not_parsed():
    html = render_markdown(BRACKETS)
    assert html.startswith("<p>[[[[") and "</a>" not in html
    long_text = "Text " * (TEXT_LIMIT // 5) + "**fett**"
    assert "<strong>" not in render_markdown(long_text)
    assert "<strong>fett</strong>" in render_markdown(long_text, limit=2 * TEXT_LIMIT)


def test_nested_brackets_within_the_limit_render_as_text():
    text = "[" * 3000 + "x" + "](" * 3000
    assert "[[[" in render_markdown(text)


def test_a_text_that_takes_longer_than_the_budget_is_shown_plain(monkeypatch):
    markup._rendered.cache_clear()
    monkeypatch.setattr(markup, "MARKDOWN_BUDGET", 0)
    html = render_markdown("**Beschluss:** <b>Glasfaser</b>\n\nzweiter Absatz")
    assert html == "<p>**Beschluss:** &lt;b&gt;Glasfaser&lt;/b&gt;</p>\n\n<p>zweiter Absatz</p>"
    markup._rendered.cache_clear()
