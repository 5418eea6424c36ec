"""The report as a web page and as PDF: one template (reports/report.html) in two
layouts, the site's for the page and a bare one with print styles for WeasyPrint."""

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standort.core import pdf
from standort.core.pdf import running_page_style

PAGE_LAYOUT = "reports/report_page.html"
PRINT_LAYOUT = "reports/report_print.html"


def context(data, *, layout):
    # The PDF is compact (see report.html): a reader of a long report on paper wants
    # each measure's state at a glance, and WeasyPrint's time grows with every box.
    return {"report": data, "layout": layout, "compact": layout == PRINT_LAYOUT}


def page_style(data):
    """The running header and footer of the PDF's pages (not on the cover): the
    initiative and the report at the top, the date and the page number at the bottom."""
    heading = f"{_('Implementation status')} · {data.title}"
    as_of = _("As of %(date)s") % {"date": date_format(data.date, "SHORT_DATE_FORMAT")}
    return running_page_style(
        top_left=data.initiative.name, top_right=heading, bottom_left=as_of
    ) + (
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


def _layout(data, progress):
    html = print_html(data)
    progress(20)
    document = pdf.layout(html)
    progress(80)
    return document


def render_pdf(data, *, progress=None):
    """The PDF of `data` as bytes; `progress(per_cent)` hears how far it got."""
    return pdf.write_pdf(_layout(data, progress or (lambda value: None)))
