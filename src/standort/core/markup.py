"""Formatted text (minutes, ideas, comments): Markdown rendered to HTML, then cleaned
with nh3 to a small set of tags, so no script, event handler or `javascript:` link
survives whatever someone typed.

Anyone taking part may write such a text, and everyone who opens the page renders it,
so rendering must not be a way to stop a page. markdown-it-py parses CommonMark in
time linear in the text (Python-Markdown took quadratic time on nested brackets, and a
single comment could hold every reader's page). Longer texts than
its limit (TEXT_LIMIT, MINUTES_LIMIT), and any text whose rendering took longer than
MARKDOWN_BUDGET, are shown as plain text with their line breaks; the forms refuse texts
over the limit, so only an older text meets this."""

import threading
import time
from functools import lru_cache

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

# What a form accepts of one formatted text (a comment, an idea); minutes may be longer.
# A longer text is not parsed at all.
TEXT_LIMIT = 10_000
MINUTES_LIMIT = 50_000
# A text whose rendering takes longer is shown plain: a last resort, far above what a
# text within its limit takes, so that a busy server does not turn texts plain.
MARKDOWN_BUDGET = 1.0  # seconds

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Setting up a parser loads its rules, which costs more than rendering a text: one per
# thread (a parser keeps state while it renders).
_local = threading.local()


def _parser():
    parser = getattr(_local, "parser", None)
    if parser is None:
        # HTML and every link address pass the parser: nh3 alone decides what stays
        # (tags, attributes, URL schemes), so there is one set of rules to keep.
        parser = MarkdownIt("commonmark", {"html": True}).enable("table")
        parser.validateLink = lambda url: True
        _local.parser = parser
    return parser


def render_markdown(text, *, limit=TEXT_LIMIT):
    """Safe HTML of `text` (Markdown), or its plain text when it is longer than
    `limit`. Headings start at h3: a text sits below the page's own headings."""
    return mark_safe(_rendered(text or "", limit))  # noqa: S308 - cleaned by nh3 or escaped


def plain(text):
    """`text` as escaped paragraphs and line breaks, its Markdown left as it is."""
    return linebreaks(text, autoescape=True)


# Minutes, ideas and comments are read far more often than written, and a meeting page
# shows dozens of them: each process keeps the HTML of the texts it rendered last
# (also the plain text of those that took too long, so that they cost it once).
@lru_cache(maxsize=4096)
def _rendered(text, limit):
    if len(text) > limit:
        return plain(text)
    started = time.perf_counter()
    html = _parser().render(text).strip()
    if time.perf_counter() - started > MARKDOWN_BUDGET:
        return plain(text)
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
