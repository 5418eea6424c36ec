"""The report as a web page and as PDF: one template (reports/report.html) in two
layouts, the site's for the page and a bare one with print styles for WeasyPrint."""

import atexit
import re
import time
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .queries import report_data

STATIC = Path(__file__).resolve().parent / "static" / "reports"
# A tagged PDF: screen readers follow its headings, lists and tables (BITV 2.0 asks
# it of public bodies' documents). It costs about a tenth more time.
PDF_OPTIONS = {"pdf_tags": True}
PAGE_LAYOUT = "reports/report_page.html"
PRINT_LAYOUT = "reports/report_print.html"
# KERN's typeface, embedded in the PDF; without the npm package the system's sans.
FONTS = {
    (400, "normal"): "FiraSans-Regular.woff2",
    (400, "italic"): "FiraSans-Italic.woff2",
    (600, "normal"): "FiraSans-SemiBold.woff2",
    (700, "normal"): "FiraSans-Bold.woff2",
}


def context(data, *, layout):
    return {"report": data, "layout": layout}


def _css_string(text):
    """`text` as a CSS string that is safe inside a <style> element too."""
    escaped = "".join(f"\\{ord(char):06x}" if char in '\\"<>&\n\r' else char for char in str(text))
    return f'"{escaped}"'


def page_counter():
    """ "Seite X von Y" as the CSS `content` of a page margin box, in the active
    language: the translated sentence with the page counters in place of its
    placeholders."""
    sentence = _("Page %(page)s of %(pages)s") % {"page": "\0page\0", "pages": "\0pages\0"}
    parts = []
    for piece in re.split(r"\0(pages?)\0", sentence):
        if piece == "page":
            parts.append("counter(page)")
        elif piece == "pages":
            parts.append("counter(pages)")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


@cache
def _font_paths():
    """{(weight, style): path} of the fonts found among the static files."""
    found = {key: finders.find(f"kern/fonts/fira-sans/{name}") for key, name in FONTS.items()}
    return {key: path for key, path in found.items() if path}


def _font_faces():
    return "\n".join(
        "@font-face { font-family: 'Fira Sans'; "
        f"src: url('{Path(path).as_uri()}'); font-weight: {weight}; font-style: {style}; }}"
        for (weight, style), path in _font_paths().items()
    )


def page_style(data):
    """The running header and footer of the PDF's pages (not on the cover): the
    initiative and the report at the top, the date and the page number at the bottom."""
    heading = f"{_('Implementation status')} · {data.cycle.title}"
    as_of = _("As of %(date)s") % {"date": date_format(data.date, "SHORT_DATE_FORMAT")}
    return (
        "@page {"
        f" @top-left {{ content: {_css_string(data.initiative.name)}; }}"
        f" @top-right {{ content: {_css_string(heading)}; }}"
        f" @bottom-left {{ content: {_css_string(as_of)}; }}"
        f" @bottom-right {{ content: {page_counter()}; }}"
        " }"
        # The cover goes without; here, after the rule above, since WeasyPrint lets the
        # later rule win over the more specific one of print.css.
        " @page :first { @top-left { content: none; } @top-right { content: none; }"
        " @bottom-left { content: none; } @bottom-right { content: none; } }"
    )


def print_html(data):
    """The report as the HTML that WeasyPrint lays out."""
    ctx = context(data, layout=PRINT_LAYOUT)
    ctx["page_style"] = page_style(data)
    return render_to_string("reports/report.html", ctx)


@cache
def _font_config():
    """One per process: WeasyPrint unpacks the WOFF2 fonts for each configuration."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _url_fetcher():
    """WeasyPrint may read the report's stylesheets and fonts, nothing else: no
    address in a user's text could make it fetch a file or call a server."""
    from weasyprint.urls import URLFetcher

    allowed = tuple(
        Path(folder).as_uri() + "/"
        for folder in [STATIC, *(Path(p).parent for p in _font_paths().values())]
    )

    class LocalFiles(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(allowed):
                raise ValueError(f"not a file of the report: {url}")
            return super().fetch(url, headers)

    return LocalFiles(allowed_protocols=["file"])


@cache
def _stylesheets():
    """Parsed once per process, the fonts loaded once with them."""
    from weasyprint import CSS

    fetcher = _url_fetcher()
    return [
        CSS(filename=str(STATIC / "report.css"), url_fetcher=fetcher),
        CSS(filename=str(STATIC / "print.css"), url_fetcher=fetcher),
        CSS(string=_font_faces(), font_config=_font_config(), url_fetcher=fetcher),
    ]


# Dropped before the interpreter tears down the modules their destructors need.
atexit.register(_stylesheets.cache_clear)
atexit.register(_font_config.cache_clear)


def _layout(data, progress):
    # WeasyPrint takes a while to import: only the task worker needs it.
    from weasyprint import HTML

    html = print_html(data)
    progress(20)
    document = HTML(string=html, base_url=str(STATIC), url_fetcher=_url_fetcher()).render(
        stylesheets=_stylesheets(), font_config=_font_config()
    )
    progress(80)
    return document


def render_pdf(data, *, progress=None):
    """The PDF of `data` as bytes; `progress(per_cent)` hears how far it got."""
    return _layout(data, progress or (lambda value: None)).write_pdf(**PDF_OPTIONS)


def bench_pdf(cycle):
    """Builds the PDF of `cycle` as the task does and returns (seconds, pages, bytes):
    the bench's measure of the slowest report."""
    from django.utils import translation

    started = time.perf_counter()
    with translation.override("de"):
        document = _layout(report_data(cycle), lambda value: None)
        pdf = document.write_pdf(**PDF_OPTIONS)
    return time.perf_counter() - started, len(document.pages), len(pdf)


def pdf_from_html(html):
    """Another document of ours (a meeting's minutes, say) as a tagged PDF, laid out
    with the report's print styles and fonts and under the same restrictions."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(STATIC), url_fetcher=_url_fetcher()).render(
        stylesheets=_stylesheets(), font_config=_font_config()
    )
    return document.write_pdf(**PDF_OPTIONS)


def running_page_style(*, top_left, top_right, bottom_left):
    """The running header and footer of such a document's pages, as CSS."""
    return (
        "@page {"
        f" @top-left {{ content: {_css_string(top_left)}; }}"
        f" @top-right {{ content: {_css_string(top_right)}; }}"
        f" @bottom-left {{ content: {_css_string(bottom_left)}; }}"
        f" @bottom-right {{ content: {page_counter()}; }}"
        " }"
    )
