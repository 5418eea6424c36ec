"""The measure list as a file: CSV for German Excel and XLSX."""

import csv
import io
from collections import Counter
from decimal import Decimal

from django.db.models import F, Prefetch
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from standort.initiatives.models import full_name

from .. import custom_fields
from ..models import CustomField, Measure, Partnership, StatusUpdate
from . import columns as c
from .people import people_of

Kind = CustomField.Kind
DATE_FORMAT = "DD.MM.YYYY"
AMOUNT_FORMAT = '#,##0.00 "€"'
WIDTHS = {
    c.NUMBER: 9,
    c.TITLE: 45,
    c.DESCRIPTION: 60,
    c.GOAL: 40,
    c.PARTNERS: 45,
    c.STATUS_REASON: 30,
    c.BODY: 30,
    c.TOPIC: 25,
    c.OWNER: 25,
    c.OWNER_EMAIL: 28,
    c.ORGANIZATION: 30,
    c.DECISION: 30,
    c.ADOPTED_BY: 25,
    c.TAGS: 25,
    c.NEXT_MILESTONE: 35,
}
DEFAULT_WIDTH = 14


def ambiguous_names(initiative):
    """Full names that more than one person of the initiative has (casefolded)."""
    names = Counter(
        full_name(*names).casefold()
        for names in people_of(initiative).values_list("title", "first_name", "last_name")
    )
    return {name for name, count in names.items() if count > 1}


def partner_line(partnership, ambiguous):
    """“Name (Organisation): part”, with “<e-mail>” after the name where the name alone
    does not tell who it is. The import reads exactly this back."""
    person = partnership.person
    line = person.full_name
    if person.email and line.casefold() in ambiguous:
        line += f" <{person.email}>"
    if partnership.organization is not None:
        line += f" ({partnership.organization.name})"
    if partnership.role:
        line += f": {' '.join(partnership.role.split())}"
    return line


def _custom_value(field, stored):
    value = custom_fields.to_python(field, stored)
    if value is None:
        return None
    if field.kind == Kind.AMOUNT:
        return c.Amount(value)
    if field.kind == Kind.BOOLEAN:
        return c.YES if value else c.NO
    return value


def rows(initiative, measures):
    """The header and one list of typed cell values per measure (str, int, Decimal,
    Amount, date or None), in a fixed number of queries."""
    fields = custom_fields.fields_of(initiative)
    ambiguous = ambiguous_names(initiative)
    kinds = c.german_labels(Measure.Kind)
    statuses = c.german_labels(Measure.Status)
    lights = c.german_labels(StatusUpdate.Light)
    measures = (
        measures.select_related("adopted_by")
        .annotate(parent_number=F("parent__number"))
        .prefetch_related(
            "tags",
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.select_related("person", "organization"),
            ),
        )
    )
    yield c.headers(fields)
    for m in measures:
        owner = m.owner
        update = m.latest_update
        next_on = getattr(m, "next_milestone_on", None)
        # Not overdue reads as NULL on some databases; without the annotation, no answer.
        overdue = getattr(m, "is_overdue", "")
        yield [
            m.number,
            m.title,
            kinds.get(m.kind, m.kind),
            statuses.get(m.status, m.status),
            m.status_reason,
            m.body.name if m.body else None,
            m.topic.name if m.topic else None,
            m.parent_number,
            m.weight,
            m.description,
            m.goal,
            owner.full_name if owner else None,
            owner.email if owner else None,
            m.owner_organization.name if m.owner_organization else None,
            "\n".join(partner_line(p, ambiguous) for p in m.partnerships.all()),
            m.starts_on,
            m.due_on,
            m.adopted_by.name if m.adopted_by else None,
            m.adopted_on,
            m.decision,
            ", ".join(t.name for t in m.tags.all()),
            *(_custom_value(f, m.custom_values.get(f.key)) for f in fields),
            lights.get(update.traffic_light) if update else None,
            m.progress,
            f"{c.format_date(next_on)} {m.next_milestone_title}" if next_on else None,
            None if overdue == "" else (c.YES if overdue else c.NO),
        ]


# CSV ---------------------------------------------------------------------------


def _csv_cell(value):
    if isinstance(value, str):
        return "'" + value if c.FORMULA.match(value) else value
    return c.as_text(value)


def write_csv(initiative, measures):
    """UTF-8 with BOM, semicolons, CRLF, dates as 24.11.2026 and decimal commas: what
    German Excel opens with a double click."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows(initiative, measures):
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


# XLSX --------------------------------------------------------------------------


def _exact_float(value):
    """The Decimal as a float when the float says the same; else None."""
    number = float(value)
    return number if Decimal(repr(number)) == value else None


class _Cells:
    """Typed openpyxl cells for a write-only sheet; plain values where no style is
    needed, which keeps 5,000 rows fast."""

    def __init__(self, sheet):
        self.sheet = sheet

    def cell(self, value, **style):
        cell = WriteOnlyCell(self.sheet, value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    def __call__(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if value.startswith("="):
                cell = self.cell(value)
                cell.data_type = "s"  # text, never a formula
                return cell
            return value
        if isinstance(value, c.Amount):
            number = _exact_float(value.quantize(Decimal("0.01")))
            if number is None:
                return c.format_decimal(value)
            return self.cell(number, number_format=AMOUNT_FORMAT)
        if isinstance(value, Decimal):
            number = _exact_float(value)
            return c.format_decimal(value) if number is None else number
        if hasattr(value, "year"):
            if value.year < 1900:  # before Excel's calendar
                return c.format_date(value)
            return self.cell(value, number_format=DATE_FORMAT)
        return value


def write_xlsx(initiative, measures):
    """Bold header, frozen header row, column widths, dates as dates, amounts in €."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Maßnahmen")
    sheet.freeze_panes = "A2"
    cells = _Cells(sheet)
    all_rows = rows(initiative, measures)
    header = next(all_rows)
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, DEFAULT_WIDTH)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([cells.cell(name, font=bold, alignment=wrap) for name in header])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}1"
    for row in all_rows:
        sheet.append([cells(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
