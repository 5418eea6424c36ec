"""Our documents as PDF: HTML laid out by WeasyPrint with the print styles
(core/print.css, core/document.css) and KERN's typeface embedded, as tagged PDF.
WeasyPrint may read those files (and images embedded as data: addresses) and nothing
else, so no address in a user's text can make it fetch a file or call a server."""

import atexit
import re
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

STATIC = Path(__file__).resolve().parent / "static" / "core"
# A tagged PDF: screen readers follow its headings, lists and tables (BITV 2.0 asks
# it of public bodies' documents).
PDF_OPTIONS = {"pdf_tags": True}
# KERN's typeface, embedded in the PDF; without the npm package the system's sans.
FONTS = {
    (400, "normal"): "FiraSans-Regular.woff2",
    (400, "italic"): "FiraSans-Italic.woff2",
    (600, "normal"): "FiraSans-SemiBold.woff2",
    (700, "normal"): "FiraSans-Bold.woff2",
}


def css_string(text):
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
            parts.append(css_string(piece))
    return " ".join(parts)


def running_page_style(*, top_left, top_right, bottom_left):
    """The running header and footer of a document's pages, as CSS."""
    return (
        "@page {"
        f" @top-left {{ content: {css_string(top_left)}; }}"
        f" @top-right {{ content: {css_string(top_right)}; }}"
        f" @bottom-left {{ content: {css_string(bottom_left)}; }}"
        f" @bottom-right {{ content: {page_counter()}; }}"
        " }"
    )


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


@cache
def _font_config():
    """One per process: WeasyPrint unpacks the WOFF2 fonts for each configuration."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


# Images inside the document itself (the logos on a report's cover), checked on upload.
EMBEDDED_IMAGES = ("data:image/svg+xml;", "data:image/png;", "data:image/jpeg;")


@cache
def url_fetcher():
    """The only files WeasyPrint may read: our stylesheets and fonts, and images
    embedded in the document."""
    from weasyprint.urls import URLFetcher

    allowed = tuple(
        Path(folder).as_uri() + "/"
        for folder in [STATIC, *(Path(p).parent for p in _font_paths().values())]
    )

    class LocalFiles(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(allowed + EMBEDDED_IMAGES):
                raise ValueError(f"not a file of our documents: {url}")
            return super().fetch(url, headers)

    return LocalFiles(allowed_protocols=["file", "data"])


@cache
def _stylesheets():
    """Parsed once per process, the fonts loaded once with them."""
    from weasyprint import CSS

    fetcher = url_fetcher()
    return [
        CSS(filename=str(STATIC / "document.css"), url_fetcher=fetcher),
        CSS(filename=str(STATIC / "print.css"), url_fetcher=fetcher),
        CSS(string=_font_faces(), font_config=_font_config(), url_fetcher=fetcher),
    ]


# Dropped before the interpreter tears down the modules their destructors need.
atexit.register(_stylesheets.cache_clear)
atexit.register(_font_config.cache_clear)


def layout(html):
    """The laid-out document (its pages counted, not yet written)."""
    # WeasyPrint takes a while to import: only the task worker and downloads need it.
    from weasyprint import HTML

    return HTML(string=html, base_url=str(STATIC), url_fetcher=url_fetcher()).render(
        stylesheets=_stylesheets(), font_config=_font_config()
    )


def write_pdf(document):
    return document.write_pdf(**PDF_OPTIONS)


def pdf_from_html(html):
    """`html` as a tagged PDF with our print styles and fonts."""
    return write_pdf(layout(html))
