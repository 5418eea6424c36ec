"""The report as a Word document the office can edit: Word's own heading styles (so the
navigation pane and a table of contents work), a heading per working group and per
measure, the owner's texts as paragraphs."""

import io
import re

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .columns import NOTHING_CHANGED, answer_note

# Word refuses a document with control characters other than tab and line breaks.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MUTED = RGBColor(0x3F, 0x43, 0x60)


def _text(value):
    return CONTROL.sub("", str(value))


def _set_language(document, language):
    """Word's spelling check in the report's language (de-DE rather than English)."""
    tag = {"de": "de-DE", "en": "en-GB"}.get(language, language)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_props = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    lang.set(qn("w:val"), tag)


def _paragraphs(document, text):
    for line in _text(text).splitlines() or [""]:
        document.add_paragraph(line)


def _table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light List Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = _text(text)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = _text(value)
    return table


def _cover(document, data):
    document.add_paragraph(_text(data.initiative.name)).runs[0].bold = True
    document.add_heading(_("Implementation status"), level=0)
    document.add_paragraph(_text(data.title)).runs[0].font.size = Pt(16)
    as_of = _("As of %(date)s") % {"date": date_format(data.date, "SHORT_DATE_FORMAT")}
    document.add_paragraph(as_of)


def _summary(document, data):
    document.add_heading(_("Summary"), level=1)
    counts = {"asked": data.asked, "answered": data.answered, "rate": data.answer_rate}
    if data.is_review:
        text = _("%(asked)s measures asked, %(answered)s answered: an answer rate of %(rate)s %%.")
    else:
        text = _("%(asked)s measures, %(answered)s of them with a status report (%(rate)s %%).")
    document.add_paragraph(text % counts)
    _table(
        document,
        [_("Traffic light"), _("Measures")],
        [(label, count) for _v, label, count in data.lights],
    )
    document.add_paragraph()
    _table(
        document,
        [_("Status"), _("Measures")],
        [(label, count) for _v, label, count in data.statuses],
    )
    document.add_heading(_("Traffic lights per working group"), level=2)
    _table(
        document,
        [_("Working group"), *(label for _v, label in data.light_labels), _("Total")],
        [(name, *counts, total) for name, counts, total in data.lights_by_group],
    )


def _measure(document, row):
    document.add_heading(_text(f"{row.number} {row.title}"), level=2)
    facts = document.add_paragraph()
    for index, fact in enumerate(row.facts):
        if index:
            facts.add_run().add_break(WD_BREAK.LINE)
        facts.add_run(_text(f"{fact.label}: ")).bold = True
        facts.add_run(_text(fact.text))
    if not row.answered:
        missing = _("No answer") if row.review else _("No status report yet")
        document.add_paragraph().add_run(missing).bold = True
        return
    if row.on_behalf:
        note = document.add_paragraph().add_run(answer_note(row))
        note.italic = True
        note.font.color.rgb = MUTED
    for text in row.texts:
        document.add_heading(_text(text.label), level=3)
        _paragraphs(document, text.text)


def _changes(document, data):
    since = date_format(data.changes.since, "SHORT_DATE_FORMAT")
    document.add_heading(_("Changes since %(date)s") % {"date": since}, level=1)
    for section in data.change_sections:
        document.add_heading(_text(section.title), level=2)
        _table(document, section.header, section.rows)
    if not data.change_sections:
        document.add_paragraph(str(NOTHING_CHANGED))


def render_docx(data, *, progress=None):
    progress = progress or (lambda value: None)
    document = Document()
    _set_language(document, get_language() or "de")
    document.core_properties.title = _text(f"{_('Implementation status')} – {data.title}")
    document.core_properties.author = _text(data.initiative.name)
    document.core_properties.language = get_language() or "de"
    _cover(document, data)
    _summary(document, data)
    if data.changes:
        _changes(document, data)
    progress(20)
    for number, group in enumerate(data.groups, start=1):
        document.add_section(WD_SECTION.NEW_PAGE)
        document.add_heading(_text(group.name), level=1)
        for row in group.rows:
            _measure(document, row)
        progress(20 + 60 * number // len(data.groups))
    if not data.groups:
        document.add_paragraph(
            _("This review asked about no measures that are still in the catalogue.")
            if data.is_review
            else _("No measure matched the selection.")
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
