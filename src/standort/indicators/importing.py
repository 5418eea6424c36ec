"""Reading indicator values from a CSV or Excel file: one row per value, its columns
named in the header row. The whole file is checked before anything is written; every
fault is reported with its row and column (core.tables.Problem)."""

import calendar
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standort.core.tables import FileRejected, Problem, read_table
from standort.measures.exchange import cells
from standort.measures.exchange.cells import Invalid

from .models import Indicator, Observation

# The columns, each with the headers it is recognised by (German first: the template
# file uses those).
INDICATOR = "indicator"
AS_OF = "as_of"
VALUE = "value"
NOTE = "note"
COLUMNS = {
    INDICATOR: (gettext_lazy("Indicator"), ["Kennzahl", "Indikator", "Indicator"]),
    AS_OF: (gettext_lazy("As of"), ["Stichtag", "Datum", "Zeitraum", "As of", "Date", "Period"]),
    VALUE: (gettext_lazy("Value"), ["Wert", "Value"]),
    NOTE: (gettext_lazy("Note"), ["Anmerkung", "Quelle", "Note", "Source"]),
}
REQUIRED = (INDICATOR, AS_OF, VALUE)
TEMPLATE_HEADER = ["Kennzahl", "Stichtag", "Wert", "Anmerkung"]
MAX_VALUE = Decimal("999999999999")
PLACES = Decimal("0.0001")  # as the column keeps them
NOTE_LENGTH = Observation._meta.get_field("note").max_length
YEAR = re.compile(r"^(\d{4})$")
MONTH = re.compile(r"^(?:(\d{1,2})[./](\d{4})|(\d{4})-(\d{1,2}))$")


@dataclass
class Row:
    row: int
    indicator: Indicator
    observed_on: datetime.date
    value: Decimal
    note: str


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)  # [Row]
    problems: list = field(default_factory=list)  # [Problem]


def _as_of(value):
    """A day; a year stands for its last day, a month ("03.2019", "2019-03") for its
    last day, so that a yearly figure sits at the end of the year it describes."""
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return datetime.date(value, 12, 31)
    if isinstance(value, float) and value.is_integer() and 1900 <= value <= 2200:
        return datetime.date(int(value), 12, 31)
    if isinstance(value, str):
        text = value.strip()
        if match := YEAR.match(text):
            return datetime.date(int(match[1]), 12, 31)
        if match := MONTH.match(text):
            month, year = (match[1], match[2]) if match[1] else (match[4], match[3])
            month, year = int(month), int(year)
            if 1 <= month <= 12:
                return datetime.date(year, month, calendar.monthrange(year, month)[1])
    return cells.date(value)


def _columns(header):
    """{column key: index} from the header row, and the problems of the header."""
    found, problems = {}, []
    words = {word.casefold(): key for key, (_label, names) in COLUMNS.items() for word in names}
    for index, name in enumerate(header):
        key = words.get(str(name or "").strip().casefold())
        if key is None:
            continue
        if key in found:
            problems.append(
                Problem(1, str(name), _("the column appears twice"), "duplicate_column")
            )
        found[key] = index
    for key in REQUIRED:
        if key not in found:
            label, names = COLUMNS[key]
            problems.append(Problem(1, names[0], _("the column is missing"), "missing_column"))
    return found, problems


def read(initiative, file_name, content):
    """The rows of the file as values to store, or the problems that stop it."""
    result = ImportResult()
    try:
        table = read_table(file_name, content)
    except FileRejected as error:
        result.problems.append(Problem(None, "", error.message, error.code))
        return result
    columns, result.problems = _columns(table.header)
    if result.problems:
        return result
    indicators = {
        indicator.name.strip().casefold(): indicator
        for indicator in Indicator.objects.filter(initiative=initiative)
    }
    seen = {}
    for number, raw in table.rows:

        def cell(key, raw=raw):
            index = columns.get(key)
            return raw[index] if index is not None and index < len(raw) else None

        def fault(key, message, code, number=number):
            result.problems.append(Problem(number, COLUMNS[key][1][0], message, code))

        values = {}
        name = cells.text(cell(INDICATOR), csv=True)
        if not name:
            fault(INDICATOR, _("the indicator is missing"), "required")
        elif (indicator := indicators.get(name.casefold())) is None:
            fault(
                INDICATOR,
                _("“%(value)s” is not an indicator of this initiative") % {"value": name},
                "unknown_indicator",
            )
        else:
            values["indicator"] = indicator
        for key, parse in ((AS_OF, _as_of), (VALUE, cells.decimal)):
            raw_value = cell(key)
            if raw_value is None or cells.text(raw_value) == "":
                fault(key, _("the cell is empty"), "required")
                continue
            try:
                values[key] = parse(raw_value)
            except Invalid as error:
                fault(key, error.message, error.code)
        if VALUE in values and abs(values[VALUE]) > MAX_VALUE:
            fault(VALUE, _("the value is too large"), "too_large")
            del values[VALUE]
        note = cells.text(cell(NOTE), csv=True)
        try:
            note = cells.max_length(note, NOTE_LENGTH)
        except Invalid as error:
            fault(NOTE, error.message, error.code)
        if len(values) < 3:
            continue
        key = (values["indicator"].pk, values[AS_OF])
        if key in seen:
            fault(
                AS_OF,
                _("row %(row)s has a value of this indicator for the same day")
                % {"row": seen[key]},
                "duplicate",
            )
            continue
        seen[key] = number
        result.rows.append(
            Row(
                number,
                values["indicator"],
                values[AS_OF],
                values[VALUE].quantize(Decimal("0.0001")),
                note,
            )
        )
    return result
