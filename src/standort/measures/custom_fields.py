"""The initiative's own fields on measures: how a value is entered, stored and shown.

Stored in `Measure.custom_values` as JSON under the field's key: text and choices as
strings, numbers and amounts as decimal strings (exact, "1500.00"), dates as ISO
strings, yes/no as booleans. Forms, the detail page, exports and imports all go
through these functions, so a value looks the same everywhere."""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from standort.core.spreadsheets import Amount

from .models import CustomField

Kind = CustomField.Kind


def form_field(field):
    """A form field for entering a value of `field`; never required."""
    common = {"label": field.label, "required": False, "help_text": field.help_text}
    if field.kind == Kind.NUMBER:
        return forms.DecimalField(max_digits=18, decimal_places=4, localize=True, **common)
    if field.kind == Kind.AMOUNT:
        return forms.DecimalField(max_digits=15, decimal_places=2, localize=True, **common)
    if field.kind == Kind.DATE:
        return forms.DateField(widget=forms.DateInput, **common)
    if field.kind == Kind.CHOICE:
        choices = [("", "–")] + [(c, c) for c in field.choice_list]
        return forms.ChoiceField(choices=choices, **common)
    if field.kind == Kind.BOOLEAN:
        choices = [("", "–"), ("true", _("yes")), ("false", _("no"))]
        return forms.TypedChoiceField(
            choices=choices, coerce=lambda v: v == "true", empty_value=None, **common
        )
    return forms.CharField(max_length=1000, **common)


def to_stored(field, value):
    """A cleaned Python value (from a form or an import) as kept in JSON; None = empty."""
    if value is None or value == "":
        return None
    if field.kind in (Kind.NUMBER, Kind.AMOUNT):
        if field.kind == Kind.AMOUNT:
            return str(Decimal(value).quantize(Decimal("0.01")))
        # Fixed-point: normalize() alone writes 2000 as "2E+3".
        return format(Decimal(value).normalize(), "f")
    if field.kind == Kind.DATE:
        return value.isoformat()
    if field.kind == Kind.BOOLEAN:
        return bool(value)
    return str(value)


def to_python(field, stored):
    """The stored value back as Python (Decimal, date, bool, str) or None."""
    if stored is None or stored == "":
        return None
    try:
        if field.kind in (Kind.NUMBER, Kind.AMOUNT):
            return Decimal(stored)
        if field.kind == Kind.DATE:
            return datetime.date.fromisoformat(stored)
    except (InvalidOperation, ValueError, TypeError):
        return None
    if field.kind == Kind.BOOLEAN:
        return bool(stored)
    return str(stored)


def display(field, stored):
    """The value for people to read: 1.500,00 €, 24.11.2026, Ja."""
    value = to_python(field, stored)
    if value is None:
        return ""
    if field.kind == Kind.AMOUNT:
        return f"{number_format(value, 2, force_grouping=True)} €"
    if field.kind == Kind.NUMBER:
        return number_format(value, force_grouping=True)
    if field.kind == Kind.DATE:
        return date_format(value, "SHORT_DATE_FORMAT")
    if field.kind == Kind.BOOLEAN:
        return _("yes") if value else _("no")
    return value


def cell_value(field, stored, *, yes_no=None):
    """The value for a spreadsheet cell: numbers, amounts (as Amount, in euro) and dates
    as such, text as text, yes/no as the words `yes_no` (default: the active language's)."""
    value = to_python(field, stored)
    if value is None:
        return None
    if field.kind == Kind.AMOUNT:
        return Amount(value)
    if field.kind == Kind.BOOLEAN:
        yes, no = yes_no or (_("yes"), _("no"))
        return yes if value else no
    return value


def values_for(fields, measure):
    """[(field, display text)] for the detail page, only the filled ones."""
    shown = []
    for field in fields:
        text = display(field, measure.custom_values.get(field.key))
        if text != "":
            shown.append((field, text))
    return shown


def fields_of(initiative):
    return list(CustomField.objects.filter(initiative=initiative))
