"""The report as an Excel workbook: a summary sheet and one row per measure, with the
columns of the PDF, for those who go on working with the figures."""

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def _text(value):
    # Control characters in a user's text would make the workbook unreadable.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _sheet_name(name):
    return name.translate(SHEET_NAME_FORBIDDEN)[:31]


def answer_note(row):
    if not row.answered:
        return _("no answer")
    if row.on_behalf:
        return _("entered by the project office")
    return _("answered by the owner")


def measure_columns():
    """[(header, width, value of a row)] of the measures sheet."""
    return [
        (_("No."), 7, lambda g, r: r.number),
        (_("Title"), 40, lambda g, r: r.title),
        (_("Working group"), 28, lambda g, r: g.name),
        (_("Owner"), 24, lambda g, r: r.owner or None),
        (_("Organisation"), 28, lambda g, r: r.organization or None),
        (_("Status"), 14, lambda g, r: r.status_label),
        (_("Progress in %"), 12, lambda g, r: r.progress),
        (_("Traffic light"), 16, lambda g, r: r.light_label),
        (_("Answer"), 22, lambda g, r: answer_note(r)),
        (_("Achieved"), 50, lambda g, r: r.achieved or None),
        (_("Next steps"), 50, lambda g, r: r.next_steps or None),
        (_("Support needed"), 40, lambda g, r: r.support_needed or None),
    ]


def _summary(sheet, data):
    sheet.append([_text(data.initiative.name)])
    sheet.append([_("Implementation status")])
    sheet["A2"].font = TITLE
    sheet.append([_text(data.cycle.title)])
    sheet.append([_("As of"), date_format(data.date, "SHORT_DATE_FORMAT")])
    sheet.append([])
    figures = [
        (_("measures asked"), data.asked),
        (_("answered"), data.answered),
        (_("answer rate in %"), data.answer_rate),
    ]
    for label, value in figures:
        sheet.append([label, value])
    sheet.append([])
    sheet.append([_("Traffic light"), _("Measures")])
    sheet.cell(sheet.max_row, 1).font = BOLD
    for _value, label, count in data.lights:
        sheet.append([label, count])
    sheet.append([])
    sheet.append([_("Status"), _("Measures")])
    sheet.cell(sheet.max_row, 1).font = BOLD
    for _value, label, count in data.statuses:
        sheet.append([label, count])
    sheet.append([])
    header = [_("Working group"), *(label for _v, label in data.light_labels), _("Total")]
    sheet.append(header)
    for column in range(1, len(header) + 1):
        sheet.cell(sheet.max_row, column).font = BOLD
    for name, counts, total in data.lights_by_group:
        sheet.append([_text(name), *counts, total])
    sheet.column_dimensions["A"].width = 40
    for column in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 16


def render_xlsx(data, *, progress=None):
    progress = progress or (lambda value: None)
    book = Workbook()
    summary = book.active
    summary.title = _sheet_name(_("Summary"))
    _summary(summary, data)
    progress(20)

    sheet = book.create_sheet(_sheet_name(_("Measures")))
    columns = measure_columns()
    sheet.append([header for header, _w, _v in columns])
    for index, (_header, width, _value) in enumerate(columns, start=1):
        sheet.cell(1, index).font = BOLD
        sheet.column_dimensions[get_column_letter(index)].width = width
    texts = {index for index, (h, w, v) in enumerate(columns, start=1) if w >= 40}
    for number, group in enumerate(data.groups, start=1):
        for row in group.rows:
            sheet.append([_text(value(group, row)) for _h, _w, value in columns])
            for index in range(1, len(columns) + 1):
                sheet.cell(sheet.max_row, index).alignment = WRAP if index in texts else TOP
        progress(20 + 60 * number // len(data.groups))
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    book.properties.title = f"{_('Implementation status')} – {data.cycle.title}"
    book.properties.creator = data.initiative.name
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
