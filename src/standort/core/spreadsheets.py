"""The cells of the workbooks we write (a report's, the measure export's): text stays
text, dates and sums in euro read as German Excel shows them.

Users' texts go into these cells, so a text must never become a formula. openpyxl
stores a text that begins with "=" as one; and a text that begins with = + - @, a tab
or a line break (the starts OWASP lists) turns into a formula in Excel as soon as
someone edits the cell. Such a text is therefore written as a string cell with Excel's
quote prefix, the apostrophe Excel itself puts before a text that looks like a formula:
the cell shows the text as it is and keeps it when edited. Every text cell of our
workbooks goes through `put` (openpyxl) or `text_xml` (sheets written as XML)."""

import datetime
import re
from decimal import Decimal
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
DATE_FORMAT = "DD.MM.YYYY"
AMOUNT_FORMAT = '#,##0.00 "€"'


class Amount(Decimal):
    """A sum in euro: written with two decimals and the € format."""


def clean(text):
    """`text` without the control characters that would make the workbook unreadable."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def looks_like_formula(text):
    return FORMULA_START.match(text) is not None


def put(cell, value):
    """Writes `value` into the openpyxl `cell` and returns the cell: a text as text
    (never a formula or an error code such as #N/A), a date in the German format, an
    Amount in euro."""
    if isinstance(value, str):
        text = clean(value)
        cell.value = text
        cell.data_type = "s"
        if looks_like_formula(text):
            cell.quotePrefix = True
        return cell
    cell.value = value
    if isinstance(value, Amount):
        cell.value = Decimal(value).quantize(Decimal("0.01"))
        cell.number_format = AMOUNT_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    return cell


def text_xml(ref, text, *, quote_style):
    """A text cell as the sheet's XML holds it: an inline string, with the style number
    of the quote prefix (`quote_style`, from the workbook's styles) where the text
    begins like a formula."""
    text = clean(text)
    style = f' s="{quote_style}"' if looks_like_formula(text) else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    # A carriage return written as such would come back as a line feed.
    text = escape(text, {"\r": "&#13;"})
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
