"""Reading an uploaded XLSX or CSV file into a table of raw cell values."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

# Far more than an office's list; a limit keeps a small zipped file from unpacking
# into millions of rows.
MAX_ROWS = 20_000
ZIP_MAGIC = b"PK\x03\x04"
# Compound files: an Excel workbook protected by a password, or an old .xls.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCODINGS = [("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252")]
DELIMITERS = ";,\t"


class FileRejected(Exception):
    """The file as a whole cannot be read; the message is for the user."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Table:
    header: list
    # (row number as Excel shows it, the header being 1; raw cell values)
    rows: list = field(default_factory=list)
    # Of a CSV file: the encoding it was read in, for the user to check.
    encoding: str = ""


def read_table(file_name, content):
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise FileRejected(
            _("The file is larger than %(limit)s, the most that can be imported.")
            % {"limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
            "too_large",
        )
    suffix = PurePath(file_name or "").suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise FileRejected(
            _("Only Excel files (.xlsx) and CSV files (.csv) can be imported."), "file_type"
        )
    if not content.strip():
        raise FileRejected(_("The file is empty."), "empty")
    table = _read_xlsx(content) if suffix == ".xlsx" else _read_csv(content)
    if not any(_filled(value) for value in table.header):
        raise FileRejected(_("The file is empty."), "empty")
    if not table.rows:
        raise FileRejected(_("The file has no rows below its header row."), "no_rows")
    return table


def _filled(value):
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def _table(numbered_rows):
    header, rows = None, []
    for number, cells in numbered_rows:
        cells = list(cells)
        if header is None:
            header = cells
            continue
        if any(_filled(value) for value in cells):
            if len(rows) >= MAX_ROWS:
                raise FileRejected(
                    _("The file has more than %(limit)s rows; please split it.")
                    % {"limit": MAX_ROWS},
                    "too_many_rows",
                )
            rows.append((number, cells))
    return Table(header=header or [], rows=rows)


def _not_excel():
    return FileRejected(
        _("The file is not a valid Excel file (.xlsx); it may be damaged."), "broken_xlsx"
    )


def _read_xlsx(content):
    if content.startswith(OLE_MAGIC):
        raise FileRejected(
            _(
                "The file is not a valid Excel file (.xlsx): it is protected by a password "
                "or saved in the old .xls format. Save it again as an unprotected .xlsx file."
            ),
            "encrypted_xlsx",
        )
    if not content.startswith(ZIP_MAGIC):
        raise _not_excel()
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise _not_excel() from error
    try:
        sheet = workbook.worksheets[0]
        return _table(enumerate(sheet.iter_rows(values_only=True), start=1))
    except FileRejected:
        raise
    except Exception as error:
        raise _not_excel() from error
    finally:
        workbook.close()


def _read_csv(content):
    if content.startswith((ZIP_MAGIC, OLE_MAGIC)) or b"\x00" in content:
        raise FileRejected(
            _("The file is not a CSV file; if it is an Excel file, name it .xlsx."), "file_type"
        )
    text, encoding = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileRejected(
            _("The CSV file cannot be read: %(error)s") % {"error": error}, "broken_csv"
        ) from error
    table = _table(enumerate(records, start=1))
    table.encoding = encoding
    return table


def _decode(content):
    """(text, name of the encoding): UTF-8 first, then what German Excel writes."""
    for encoding, name in ENCODINGS:
        try:
            return content.decode(encoding), name
        except UnicodeDecodeError:
            continue
    raise FileRejected(
        _("The CSV file is neither in UTF-8 nor in Windows-1252; save it as “CSV UTF-8”."),
        "encoding",
    )
