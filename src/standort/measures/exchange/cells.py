"""Parsing one cell of an import file into a value, or a message saying why not.

Cells come from openpyxl (str, int, float, bool, datetime) or from CSV (str)."""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from . import columns as c

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
GERMAN_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
YES_WORDS = {"ja", "j", "yes", "y", "true", "wahr", "x", "1"}
NO_WORDS = {"nein", "n", "no", "false", "falsch", "0"}


class Invalid(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def text(value, *, csv=False):
    """The cell as stripped text; CSV cells lose what the export put before a
    formula-like value (columns.from_csv)."""
    if isinstance(value, str):
        value = value.strip()
        return c.from_csv(value) if csv else value
    return c.as_text(value)


def quoted(value):
    return text(value)


def max_length(value, limit):
    if limit is not None and len(value) > limit:
        raise Invalid(
            _("the text is %(length)s characters long; at most %(limit)s are allowed")
            % {"length": len(value), "limit": limit},
            "too_long",
        )
    return value


def whole_number(value, *, low, high, message, code):
    if isinstance(value, bool):
        raise Invalid(message % {"value": quoted(value)}, code)
    number = None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\d+", value.strip()):
        number = int(value.strip())
    if number is None or not low <= number <= high:
        raise Invalid(message % {"value": quoted(value)}, code)
    return number


def date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value.strip(), date_format).date()
            except ValueError:
                continue
    raise Invalid(_("“%(value)s” is not a valid date") % {"value": quoted(value)}, "date")


def decimal(value):
    """1500,5 or 1.500,50 (German), 1500.5 (as programs write it), or a number cell."""
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        number = Decimal(repr(value))
    else:
        raw = str(value).replace(" ", "").replace("€", "").replace("\u00a0", "")
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        elif GERMAN_GROUPED.match(raw):
            raw = raw.replace(".", "")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise Invalid(_("“%(value)s” is not a number") % {"value": quoted(value)}, "number")
    return number


def yes_no(value):
    if isinstance(value, bool):
        return value
    word = text(value).casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise Invalid(_("“%(value)s” is neither “Ja” nor “Nein”") % {"value": quoted(value)}, "yes_no")


def choice(value, choices, *, message, code):
    """A value of a TextChoices class, by its German label, its label in the current
    language or its stored value, case-insensitively."""
    words, german = _choice_words(choices, translation.get_language())
    found = words.get(text(value).casefold())
    if found is None:
        raise Invalid(message % {"value": quoted(value), "choices": german}, code)
    return found


@functools.cache
def _choice_words(choices, language):
    """{word: value} of a TextChoices class in `language` (read once, not per cell), and
    the German labels to list in a message."""
    german = c.german_labels(choices)
    words = {}
    for option in choices:
        for word in (option.value, german[option.value], str(option.label)):
            words.setdefault(word.casefold(), option.value)
    return words, ", ".join(german.values())
