"""The measure list as a file: CSV for German Excel and XLSX."""

import datetime
import io
import re
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from defusedcsv import csv as defused_csv
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from standort.core import spreadsheets
from standort.initiatives.models import full_name

from .. import custom_fields
from ..models import Measure, Partnership, StatusUpdate
from . import columns as c
from .people import people_of


def ambiguous_names(initiative):
    """Full names that more than one person of the initiative has (casefolded)."""
    names = Counter(
        full_name(*names).casefold()
        for names in people_of(initiative).values_list("title", "first_name", "last_name")
    )
    return {name for name, count in names.items() if count > 1}


def partner_line(person, email, organization, role, ambiguous):
    """“Name (Organisation): part”, with “<e-mail>” after the name where the name alone
    does not tell who it is. The import reads exactly this back."""
    line = person
    if email and line.casefold() in ambiguous:
        line += f" <{email}>"
    if organization is not None:
        line += f" ({organization})"
    if role:
        line += f": {' '.join(role.split())}"
    return line


# What the export reads of a measure: values rather than model instances, which a
# catalogue of thousands would build and throw away, and tags and partners in one
# grouped query each rather than one per measure.
FIELDS = [
    "number",
    "title",
    "kind",
    "status",
    "status_reason",
    "body__name",
    "topic__name",
    "parent__number",
    "weight",
    "description",
    "goal",
    "owner__title",
    "owner__first_name",
    "owner__last_name",
    "owner__email",
    "owner_organization__name",
    "starts_on",
    "due_on",
    "adopted_by__name",
    "adopted_on",
    "decision",
    "custom_values",
    "latest_update__traffic_light",
    "progress",
]
# Annotations of queries.measures_for; a queryset without them leaves the cells empty.
ANNOTATIONS = ["next_milestone_on", "next_milestone_title", "is_overdue"]
CHUNK = 5_000  # measures per query of their tags and partners


def _grouped(rows):
    """{measure id: [the rest of each row]} of (measure id, …) rows."""
    grouped = defaultdict(list)
    for measure_id, *rest in rows:
        grouped[measure_id].append(rest)
    return grouped


@dataclass(slots=True)
class Line:
    """A measure as the columns of the file read it (columns.COLUMNS): choices as their
    German labels, people as names, partners and tags as the text of their cells."""

    number: int
    title: str
    kind: str
    status: str
    status_reason: str
    body: str | None
    topic: str | None
    parent: int | None
    weight: int
    description: str
    goal: str
    owner: str | None
    owner_email: str | None
    organization: str | None
    partners: str
    starts_on: object
    due_on: object
    adopted_by: str | None
    adopted_on: object
    decision: str
    tags: str
    custom_values: dict
    light: str | None
    progress: int
    next_milestone: str | None
    overdue: str | None  # Ja, Nein, or None where the query did not compute it


def lines(initiative, measures, contacts=True):
    """(columns, Lines of the measures): the columns of the initiative's file and a Line
    per measure, in a fixed number of queries. Without `contacts`, no e-mail address
    reaches a column or a partner's line (the reader may not see contact details)."""
    fields = custom_fields.fields_of(initiative)
    ambiguous = ambiguous_names(initiative)
    kinds = c.german_labels(Measure.Kind)
    statuses = c.german_labels(Measure.Status)
    lights = c.german_labels(StatusUpdate.Light)
    annotations = [name for name in ANNOTATIONS if name in measures.query.annotations]
    found = list(measures.values_list("pk", *FIELDS, *annotations))
    tags, partners = defaultdict(list), defaultdict(list)
    for start in range(0, len(found), CHUNK):
        pks = [row[0] for row in found[start : start + CHUNK]]
        tags.update(
            _grouped(
                Measure.tags.through.objects.filter(measure_id__in=pks)
                .order_by("tag__name")
                .values_list("measure_id", "tag__name")
            )
        )
        partners.update(
            _grouped(
                Partnership.objects.filter(measure_id__in=pks).values_list(
                    "measure_id",
                    "person__title",
                    "person__first_name",
                    "person__last_name",
                    "person__email",
                    "organization__name",
                    "role",
                )
            )
        )

    def line(pk, row):
        (number, title, kind, status, status_reason, body, topic, parent, weight) = row[:9]
        (description, goal, o_title, o_first, o_last, o_email, organization) = row[9:16]
        (starts_on, due_on, adopted_by, adopted_on, decision, custom, light, progress) = row[16:24]
        computed = dict(zip(annotations, row[24:], strict=True))
        next_on = computed.get("next_milestone_on")
        # Not overdue reads as NULL on some databases; without the annotation, no answer.
        overdue = computed.get("is_overdue", "")
        owner = full_name(o_title, o_first, o_last) or None
        return Line(
            number=number,
            title=title,
            kind=kinds.get(kind, kind),
            status=statuses.get(status, status),
            status_reason=status_reason,
            body=body,
            topic=topic,
            parent=parent,
            weight=weight,
            description=description,
            goal=goal,
            owner=owner,
            owner_email=o_email if owner else None,
            organization=organization,
            partners="\n".join(
                partner_line(full_name(t, f, la), contacts and email, org, role, ambiguous)
                for t, f, la, email, org, role in partners.get(pk, ())
            ),
            starts_on=starts_on,
            due_on=due_on,
            adopted_by=adopted_by,
            adopted_on=adopted_on,
            decision=decision,
            tags=", ".join(name for (name,) in tags.get(pk, ())),
            custom_values=custom,
            light=lights.get(light) if light else None,
            progress=progress,
            next_milestone=(
                f"{c.format_date(next_on)} {computed['next_milestone_title']}" if next_on else None
            ),
            overdue=None if overdue == "" else (c.YES if overdue else c.NO),
        )

    return c.columns_of(fields, contacts), (line(pk, row) for pk, *row in found)


def rows(initiative, measures, contacts=True):
    """The header and one list of typed cell values per measure (str, int, Decimal,
    Amount, date or None), as the columns declare them."""
    columns, measure_lines = lines(initiative, measures, contacts)
    yield [column.header for column in columns]
    values = [column.value for column in columns]
    for line in measure_lines:
        yield [value(line) for value in values]


# CSV ---------------------------------------------------------------------------


def _csv_cell(value):
    return c.to_csv(value) if isinstance(value, str) else c.as_text(value)


def write_csv(initiative, measures, contacts=True):
    """UTF-8 with BOM, semicolons, CRLF, dates as 24.11.2026 and decimal commas: what
    German Excel opens with a double click. defusedcsv keeps a text from being taken
    for a formula (see columns.FORMULA)."""
    out = io.StringIO()
    writer = defused_csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows(initiative, measures, contacts):
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


# XLSX --------------------------------------------------------------------------


def _exact_float(value):
    """The Decimal as a float when the float says the same; else None."""
    number = float(value)
    return number if Decimal(repr(number)) == value else None


class _SheetRows:
    """The rows of the sheet as the XML openpyxl would write for them (numbers, inline
    strings, dates and amounts as styled numbers). openpyxl builds an element per cell
    only to turn it into that text; writing the text directly spares every element
    (bench/README.md, "Why some code is written the way it is")."""

    def __init__(self, width, styles):
        self.letters = [get_column_letter(i) for i in range(1, width + 1)]
        self.date = f' s="{styles["date"]}" t="n"'
        self.amount = f' s="{styles["amount"]}" t="n"'
        self.quote = styles["quote"]

    def text(self, ref, value):
        return spreadsheets.text_xml(ref, value, quote_style=self.quote)

    def cell(self, ref, value):
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            return self.text(ref, value)
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int):
            return f'<c r="{ref}" t="n"><v>{value}</v></c>'
        if isinstance(value, c.Amount):
            number = _exact_float(value.quantize(Decimal("0.01")))
            if number is None:
                return self.text(ref, c.format_decimal(value))
            return f'<c r="{ref}"{self.amount}><v>{number!r}</v></c>'
        if isinstance(value, Decimal):
            number = _exact_float(value)
            if number is None:
                return self.text(ref, c.format_decimal(value))
            return f'<c r="{ref}" t="n"><v>{number!r}</v></c>'
        if isinstance(value, float):
            return f'<c r="{ref}" t="n"><v>{value!r}</v></c>'
        if hasattr(value, "year"):
            if value.year < 1900:  # before Excel's calendar
                return self.text(ref, c.format_date(value))
            return f'<c r="{ref}"{self.date}><v>{to_excel(value)}</v></c>'
        return self.text(ref, str(value))

    def xml(self, rows, first=2):
        parts = []
        for index, row in enumerate(rows, start=first):
            parts.append(f'<row r="{index}">')
            parts.extend(
                self.cell(f"{letter}{index}", value)
                for letter, value in zip(self.letters, row, strict=False)
            )
            parts.append("</row>")
        return "".join(parts)


SHEET = "xl/worksheets/sheet1.xml"
PROBE = re.compile(r'<row r="2"[^>]*>(.*?)</row>', re.DOTALL)
# The probe row's cells, whose style numbers the rows of the measures take.
PROBES = ["date", "amount", "quote"]


def write_xlsx(initiative, measures, contacts=True):
    """Bold header, frozen header row, column widths, dates as dates, amounts in €.

    openpyxl writes the workbook with the header and a probe row of a date, an amount
    and a text with the quote prefix, which gives the style numbers of those formats;
    the probe row is then replaced by the measures' rows."""
    columns, measure_lines = lines(initiative, measures, contacts)
    values = [column.value for column in columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Maßnahmen")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def cell(value, **style):
        cell = spreadsheets.put(WriteOnlyCell(sheet), value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    sheet.append([cell(column.header, font=bold, alignment=wrap) for column in columns])
    sheet.append([cell(datetime.date(2000, 1, 1)), cell(c.Amount(1)), cell("=")])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    frame = io.BytesIO()
    workbook.save(frame)

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(frame.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == SHEET:
                text = content.decode()
                probe = PROBE.search(text)
                styles = dict(zip(PROBES, re.findall(r' s="(\d+)"', probe.group(1)), strict=True))
                sheet_rows = _SheetRows(len(columns), styles)
                measure_rows = ([value(line) for value in values] for line in measure_lines)
                content = (
                    text[: probe.start()] + sheet_rows.xml(measure_rows) + text[probe.end() :]
                ).encode()
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
