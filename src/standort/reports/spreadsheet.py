"""The report as an Excel workbook: a summary sheet and one row per measure, in the
columns of columns.py, for those who go on working with the figures."""

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from standort.core.spreadsheets import put

from .columns import NOTHING_CHANGED, SHEET

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))
WRAPPED = 40  # columns this wide and wider wrap their text


def _sheet_name(name):
    return name.translate(SHEET_NAME_FORBIDDEN)[:31]


def _append(sheet, values):
    """Adds a row of `values` below the last, each through core.spreadsheets.put (a
    user's text never becomes a formula); returns the row's number."""
    sheet.append([put(Cell(sheet), value) for value in values])
    return sheet.max_row


def _summary(sheet, data):
    _append(sheet, [data.initiative.name])
    _append(sheet, [_("Implementation status")])
    sheet["A2"].font = TITLE
    _append(sheet, [data.title])
    _append(sheet, [_("As of"), date_format(data.date, "SHORT_DATE_FORMAT")])
    _append(sheet, [])
    for figure in data.figures:
        label = _("%(figure)s in %%") % {"figure": figure.label} if figure.percent else figure.label
        _append(sheet, [label, figure.value])
    _append(sheet, [])
    sheet.cell(_append(sheet, [_("Traffic light"), _("Measures")]), 1).font = BOLD
    for _value, label, count in data.lights:
        _append(sheet, [label, count])
    _append(sheet, [])
    sheet.cell(_append(sheet, [_("Status"), _("Measures")]), 1).font = BOLD
    for _value, label, count in data.statuses:
        _append(sheet, [label, count])
    _append(sheet, [])
    header = [data.group_label, *(label for _v, label in data.light_labels), _("Total")]
    row = _append(sheet, header)
    for column in range(1, len(header) + 1):
        sheet.cell(row, column).font = BOLD
    for name, counts, total in data.lights_by_group:
        _append(sheet, [name, *counts, total])
    sheet.column_dimensions["A"].width = 40
    for column in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 16


def _changes(sheet, data):
    """The section "Changes since …": each kind of change as a table of its own."""
    since = date_format(data.changes.since, "SHORT_DATE_FORMAT")
    sheet.cell(_append(sheet, [_("Changes since %(date)s") % {"date": since}]), 1).font = TITLE
    for section in data.change_sections:
        _append(sheet, [])
        sheet.cell(_append(sheet, [section.title]), 1).font = BOLD
        line = _append(sheet, section.header)
        for index in range(1, len(section.header) + 1):
            sheet.cell(line, index).font = BOLD
        for cells in section.rows:
            _append(sheet, cells)
    if not data.change_sections:
        _append(
            sheet,
            [str(NOTHING_CHANGED)],
        )
    sheet.column_dimensions["B"].width = 40
    for letter in "CDE":
        sheet.column_dimensions[letter].width = 24


def render_xlsx(data, *, progress=None):
    progress = progress or (lambda value: None)
    book = Workbook()
    summary = book.active
    summary.title = _sheet_name(_("Summary"))
    _summary(summary, data)
    progress(20)

    sheet = book.create_sheet(_sheet_name(_("Measures")))
    columns = [column for column in data.columns if SHEET in column.shown]
    _append(sheet, [str(column.header) for column in columns])
    for index, column in enumerate(columns, start=1):
        sheet.cell(1, index).font = BOLD
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    alignments = [WRAP if column.width >= WRAPPED else TOP for column in columns]
    for number, group in enumerate(data.groups, start=1):
        for row in group.rows:
            line = _append(sheet, [column.value(group, row) for column in columns])
            for index, alignment in enumerate(alignments, start=1):
                sheet.cell(line, index).alignment = alignment
        progress(20 + 60 * number // len(data.groups))
    # The number and title stay in view (after the goal, by goal).
    sheet.freeze_panes = "D2" if data.by_goal else "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    if data.changes:
        _changes(book.create_sheet(_sheet_name(_("Changes"))), data)
    book.properties.title = f"{_('Implementation status')} – {data.title}"
    book.properties.creator = data.initiative.name
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
