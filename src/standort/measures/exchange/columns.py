"""The columns of the measure exchange files and how a value is written in a cell.

The headers are a fixed German contract, whatever the language of the page: offices
keep their lists in German Excel and import them again, so a column must not change
its name with the UI language. Choices (kind, status, traffic light) are written with
their German labels for the same reason."""

import datetime
import re
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy as _

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

FIXED = [
    NUMBER,
    TITLE,
    KIND,
    STATUS,
    STATUS_REASON,
    BODY,
    TOPIC,
    PARENT,
    WEIGHT,
    DESCRIPTION,
    GOAL,
    OWNER,
    OWNER_EMAIL,
    ORGANIZATION,
    PARTNERS,
    STARTS_ON,
    DUE_ON,
    ADOPTED_BY,
    ADOPTED_ON,
    DECISION,
    TAGS,
]
READ_ONLY = [LIGHT, PROGRESS, NEXT_MILESTONE, OVERDUE]
REQUIRED = [NUMBER, TITLE]

# Text columns: header → attribute of Measure.
TEXTS = {
    TITLE: "title",
    STATUS_REASON: "status_reason",
    DESCRIPTION: "description",
    GOAL: "goal",
    DECISION: "decision",
}
DATES = {STARTS_ON: "starts_on", DUE_ON: "due_on", ADOPTED_ON: "adopted_on"}

HELP = {
    NUMBER: _(
        "Matches the measure to update; empty: the measure of the same title, where there "
        "is one, else a new measure with the next free number."
    ),
    TITLE: _("Required."),
    KIND: _("Recommendation, project or measure."),
    STATUS: _("Proposed, adopted, in progress, done, on hold or dropped."),
    STATUS_REASON: _("Why it is on hold or dropped."),
    BODY: _("The name of a body of this initiative."),
    TOPIC: _("The name of a field of action of this initiative."),
    PARENT: _("The number of the measure this one is part of."),
    WEIGHT: _("1 to 100; how much it counts in the progress of the measure it is part of."),
    DESCRIPTION: _("Free text."),
    GOAL: _("Free text."),
    OWNER: _("The full name of a person of this initiative."),
    OWNER_EMAIL: _("Their e-mail address; decides when two people have the same name."),
    ORGANIZATION: _("The owner's organisation; empty: the organisation of the owner."),
    PARTNERS: _(
        "One per line: “Name (Organisation): part”; organisation and part may be left out. "
        "Where two people have the same name: “Name <e-mail> (Organisation): part”."
    ),
    STARTS_ON: _("A date such as 24.11.2026."),
    DUE_ON: _("A date such as 24.11.2026, not before the start."),
    ADOPTED_BY: _("The name of a body of this initiative."),
    ADOPTED_ON: _("A date such as 24.11.2026."),
    DECISION: _("The decision that adopted it."),
    TAGS: _("Separated by commas."),
}
READ_ONLY_HELP = _("Computed by the platform; the import ignores it.")
CUSTOM_HELP = _("A field of this initiative's own (%(kind)s).")

YES, NO = "Ja", "Nein"

# A cell that begins like a formula is a formula to Excel; CSV cells get a leading
# apostrophe (OWASP), and the import takes exactly one off again.
FORMULA = re.compile(r"^'*[=+\-@\t\r]")


class Amount(Decimal):
    """A sum in euro: written with two decimals and the € format."""


def headers(fields):
    return [*FIXED, *(str(f.label) for f in fields), *READ_ONLY]


def column_help(fields):
    """(header, explanation) for the import page."""
    rows = [(header, HELP[header]) for header in FIXED]
    rows += [(f.label, CUSTOM_HELP % {"kind": f.get_kind_display()}) for f in fields]
    rows += [(header, READ_ONLY_HELP) for header in READ_ONLY]
    return rows


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
