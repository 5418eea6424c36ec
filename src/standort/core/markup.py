"""Formatted text (minutes, ideas, comments): Markdown rendered to HTML, then cleaned
with nh3 to a small set of tags, so no script, event handler or `javascript:` link
survives whatever someone typed."""

import threading
from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Setting up a converter loads its extensions, which costs more than converting a
# text: one per thread (a converter keeps state while it converts), reset each time.
_local = threading.local()


def _converter():
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown.Markdown(
            extensions=["sane_lists", "tables"], output_format="html"
        )
    return converter.reset()


def render_markdown(text):
    """Safe HTML of `text` (Markdown). Headings start at h3: a text sits below the
    page's own headings."""
    return mark_safe(_rendered(text or ""))  # noqa: S308 - cleaned by nh3 in _rendered


# Minutes, ideas and comments are read far more often than written, and a meeting page
# shows dozens of them: each process keeps the HTML of the texts it rendered last.
@lru_cache(maxsize=4096)
def _rendered(text):
    html = _converter().convert(text)
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
