"""The columns of the measure exchange files and how a value is written in a cell.

The headers are a fixed German contract, whatever the language of the page: offices
keep their lists in German Excel and import them again, so a column must not change
its name with the UI language. Choices (kind, status, traffic light) are written with
their German labels for the same reason."""

import datetime
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from standort.core.spreadsheets import Amount

from .. import custom_fields

NUMBER = "Nummer"
TITLE = "Titel"
KIND = "Art"
STATUS = "Status"
STATUS_REASON = "Statusbegründung"
BODY = "Arbeitskreis"
TOPIC = "Handlungsfeld"
PARENT = "Teil von (Nummer)"
WEIGHT = "Gewicht"
DESCRIPTION = "Beschreibung"
GOAL = "Ziel"
OWNER = "Verantwortlich"
OWNER_EMAIL = "Verantwortlich E-Mail"
ORGANIZATION = "Organisation"
PARTNERS = "Partner"
STARTS_ON = "Beginn"
DUE_ON = "Fällig am"
ADOPTED_BY = "Beschlossen von"
ADOPTED_ON = "Beschlossen am"
DECISION = "Beschluss"
TAGS = "Schlagworte"
# Shown in the export, ignored by the import: the platform computes them.
LIGHT = "Ampel"
PROGRESS = "Fortschritt (%)"
NEXT_MILESTONE = "Nächster Meilenstein"
OVERDUE = "Überfällig"
READ_ONLY_HELP = _("Computed by the platform; the import ignores it.")
CUSTOM_HELP = _("A field of this initiative's own (%(kind)s).")
DEFAULT_WIDTH = 14


@dataclass(frozen=True)
class Column:
    """A column of the exchange files, declared once for all who read it: the CSV and
    XLSX export (`value` fills its cell from an export line, `width` in the workbook),
    the import page (`help`), and the import (read-only columns it ignores, and the
    text and date columns it copies to the measure's `attribute`)."""

    header: str
    help: object
    value: Callable  # (export line) -> the cell's typed value
    width: int = DEFAULT_WIDTH
    read_only: bool = False
    attribute: str = ""  # a text or date field of Measure the import fills as it is
    parse: str = ""  # "text" or "date" where `attribute` is set


def _fixed(header, help, name, width=DEFAULT_WIDTH, parse=""):
    value = operator.attrgetter(name)
    return Column(header, help, value, width, attribute=name if parse else "", parse=parse)


def _computed(header, name, width=DEFAULT_WIDTH):
    return Column(header, READ_ONLY_HELP, operator.attrgetter(name), width, read_only=True)


# The columns in the order of the file; the initiative's own fields come between the
# columns the import reads and those it ignores.
COLUMNS = [
    _fixed(
        NUMBER,
        _(
            "Matches the measure to update; empty: the measure of the same title, where "
            "there is one, else a new measure with the next free number."
        ),
        "number",
        9,
    ),
    _fixed(TITLE, _("Required."), "title", 45, parse="text"),
    _fixed(KIND, _("Recommendation, project or measure."), "kind"),
    _fixed(STATUS, _("Proposed, adopted, in progress, done, on hold or dropped."), "status"),
    _fixed(STATUS_REASON, _("Why it is on hold or dropped."), "status_reason", 30, parse="text"),
    _fixed(BODY, _("The name of a body of this initiative."), "body", 30),
    _fixed(TOPIC, _("The name of a field of action of this initiative."), "topic", 25),
    _fixed(PARENT, _("The number of the measure this one is part of."), "parent"),
    _fixed(
        WEIGHT,
        _("1 to 100; how much it counts in the progress of the measure it is part of."),
        "weight",
    ),
    _fixed(DESCRIPTION, _("Free text."), "description", 60, parse="text"),
    _fixed(GOAL, _("Free text."), "goal", 40, parse="text"),
    _fixed(OWNER, _("The full name of a person of this initiative."), "owner", 25),
    _fixed(
        OWNER_EMAIL,
        _("Their e-mail address; decides when two people have the same name."),
        "owner_email",
        28,
    ),
    _fixed(
        ORGANIZATION,
        _("The owner's organisation; empty: the organisation of the owner."),
        "organization",
        30,
    ),
    _fixed(
        PARTNERS,
        _(
            "One per line: “Name (Organisation): part”; organisation and part may be left "
            "out. Where two people have the same name: “Name <e-mail> (Organisation): part”."
        ),
        "partners",
        45,
    ),
    _fixed(STARTS_ON, _("A date such as 24.11.2026."), "starts_on", parse="date"),
    _fixed(DUE_ON, _("A date such as 24.11.2026, not before the start."), "due_on", parse="date"),
    _fixed(ADOPTED_BY, _("The name of a body of this initiative."), "adopted_by", 25),
    _fixed(ADOPTED_ON, _("A date such as 24.11.2026."), "adopted_on", parse="date"),
    _fixed(DECISION, _("The decision that adopted it."), "decision", 30, parse="text"),
    _fixed(TAGS, _("Separated by commas."), "tags", 25),
    _computed(LIGHT, "light"),
    _computed(PROGRESS, "progress"),
    _computed(NEXT_MILESTONE, "next_milestone", 35),
    _computed(OVERDUE, "overdue"),
]
FIXED = [column.header for column in COLUMNS if not column.read_only]
READ_ONLY = [column.header for column in COLUMNS if column.read_only]
REQUIRED = [NUMBER, TITLE]
# Text and date columns: header → attribute of Measure.
TEXTS = {column.header: column.attribute for column in COLUMNS if column.parse == "text"}
DATES = {column.header: column.attribute for column in COLUMNS if column.parse == "date"}

YES, NO = "Ja", "Nein"


def custom_column(field):
    return Column(
        str(field.label),
        CUSTOM_HELP % {"kind": field.get_kind_display()},
        lambda line: custom_fields.cell_value(
            field, line.custom_values.get(field.key), yes_no=(YES, NO)
        ),
    )


def columns_of(fields, contacts=True):
    """The columns of an initiative whose own fields are `fields`, in file order;
    without the owner's e-mail address for a reader who may not see people's contact
    details (`contacts` false)."""
    fixed = [
        column
        for column in COLUMNS
        if not column.read_only and (contacts or column.header != OWNER_EMAIL)
    ]
    computed = [column for column in COLUMNS if column.read_only]
    return [*fixed, *(custom_column(field) for field in fields), *computed]


def headers(fields):
    return [column.header for column in columns_of(fields)]


def column_help(fields):
    """(header, explanation) for the import page."""
    return [(column.header, column.help) for column in columns_of(fields)]


# CSV cells are written through defusedcsv, which puts an apostrophe before a text that
# begins with = + - @ | % (numbers such as -1,5 aside) and a backslash before each | of
# it. Two kinds of text it leaves alone get an apostrophe here: a text that begins with a
# tab or a line break (OWASP counts them as formula starts too), and one whose apostrophes
# stand before such a start (the import would take the first for one of defusedcsv's).
# The import takes off exactly what was added, so a list exported and imported again
# gives back every text as it was.
FORMULA = re.compile(r"^'*(?:[=+\-@|%\t\r]|\\\|)")


def to_csv(text):
    """The text of a CSV cell before defusedcsv sees it."""
    if text[:1] in ("'", "\t", "\r") and FORMULA.match(text):
        return "'" + text
    return text


def from_csv(text):
    """A CSV cell's text without what the export added to keep it from being a formula."""
    if not (text.startswith("'") and FORMULA.match(text[1:])):
        return text
    text = text[1:]
    if text[:1] in ("'", "\t", "\r"):
        return text
    return text.replace("\\|", "|")


def german_labels(choices):
    """{value: German label} of a TextChoices class."""
    with translation.override("de"):
        return {choice.value: str(choice.label) for choice in choices}


def format_date(value):
    return f"{value.day:02}.{value.month:02}.{value.year:04}"


def format_decimal(value):
    """1500,5 – a decimal comma, no grouping, so that it reads back unambiguously."""
    if isinstance(value, Amount):
        value = value.quantize(Decimal("0.01"))
    return format(value, "f").replace(".", ",")


def as_text(value):
    """A cell's value as text: for CSV cells, and for messages that quote a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return format_date(value)
        return f"{format_date(value)} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)
