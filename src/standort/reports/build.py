"""From a closed review to the bytes of a report file: the writers per format and the
name of the file."""

import re

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Report
from .render import render_pdf
from .spreadsheet import render_xlsx
from .word import render_docx

WRITERS = {
    Report.Format.PDF: render_pdf,
    Report.Format.XLSX: render_xlsx,
    Report.Format.DOCX: render_docx,
}
CONTENT_TYPES = {
    Report.Format.PDF: "application/pdf",
    Report.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Report.Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# slugify() drops the dots of an umlaut ("Frühjahr" → "fruhjahr"); German spells it out.
GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def file_slug(text):
    return re.sub(r"-{2,}", "-", slugify(str(text).translate(GERMAN)))


def file_name(title, format, date):
    """stand-der-umsetzung-sachstandsabfrage-fruehjahr-2018-2018-04-30.pdf"""
    parts = [file_slug(_("Implementation status")), file_slug(title)[:80], f"{date:%Y-%m-%d}"]
    return f"{'-'.join(p for p in parts if p)}.{format}"


def write(report_format, data, *, progress=None):
    """The file of `data` in `report_format`, as bytes."""
    return WRITERS[report_format](data, progress=progress)
