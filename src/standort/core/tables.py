"""Reading an uploaded XLSX or CSV file into a table of raw cell values (the import
of measures, of indicator values), and a fault of such a file by row and column."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

# Far more than an office's list; a limit keeps a small zipped file from unpacking
# into millions of rows.
MAX_ROWS = 20_000
# A sheet is read no further than this row and this column, whatever size it declares
# (a 2 KB file may declare A1:XFD1048576), and no cell may be longer than Excel allows.
MAX_SHEET_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767
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


def _too_long(number, cells):
    """The first cell of the row longer than a cell may be, as "B7", or None."""
    for index, value in enumerate(cells, start=1):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            return f"{get_column_letter(index)}{number}"
    return None


def _checked(number, cells):
    """The row's cells, up to the last column read; refused where the row lies beyond
    the rows read, has a value beyond the columns read, or a cell too long."""
    if number > MAX_SHEET_ROWS:
        raise FileRejected(
            _("The file reaches beyond row %(limit)s; please split it.")
            % {"limit": MAX_SHEET_ROWS},
            "too_many_rows",
        )
    if any(_filled(value) for value in cells[MAX_COLUMNS:]):
        raise FileRejected(
            _("Row %(row)s has values beyond column %(column)s, the last one read.")
            % {"row": number, "column": get_column_letter(MAX_COLUMNS)},
            "too_many_columns",
        )
    cells = cells[:MAX_COLUMNS]
    while cells and cells[-1] is None:  # the padding of a row read up to a column
        cells.pop()
    if cell := _too_long(number, cells):
        raise FileRejected(
            _("Cell %(cell)s holds more than %(limit)s characters, the most a cell may hold.")
            % {"cell": cell, "limit": MAX_CELL_CHARS},
            "cell_too_long",
        )
    return cells


def _table(numbered_rows):
    header, rows = None, []
    for number, cells in numbered_rows:
        cells = _checked(number, list(cells))
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
    _check_unpacked_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise _not_excel() from error
    try:
        sheet = workbook.worksheets[0]
        # The size the sheet declares is not believed: the rows are read as they are,
        # each up to one column past the last one read (to tell a value beyond it).
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        return _table(enumerate(rows, start=1))
    except FileRejected:
        raise
    except Exception as error:
        raise _not_excel() from error
    finally:
        workbook.close()


def _check_unpacked_size(content):
    """An XLSX file is a zip archive: what it unpacks to is bounded before anything is
    unpacked. The sizes its directory declares bound what Python's zipfile unpacks."""
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise _not_excel() from error
    if unpacked > limit:
        raise FileRejected(
            _(
                "Unpacked, the Excel file would take more than %(limit)s, the most that can "
                "be imported; it may hold very long texts. Please split it or shorten them."
            )
            % {"limit": filesizeformat(limit)},
            "too_large_unpacked",
        )


def _read_csv(content):
    if content.startswith((ZIP_MAGIC, OLE_MAGIC)) or b"\x00" in content:
        raise FileRejected(
            _("The file is not a CSV file; if it is an Excel file, name it .xlsx."), "file_type"
        )
    text, encoding = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = _table(enumerate(records, start=1))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            # A cell longer than csv reads at all, far longer than a cell may be.
            raise FileRejected(
                _("Row %(row)s holds a cell of more than %(limit)s characters.")
                % {"row": records.line_num, "limit": MAX_CELL_CHARS},
                "cell_too_long",
            ) from error
        raise FileRejected(
            _("The CSV file cannot be read: %(error)s") % {"error": error}, "broken_csv"
        ) from error
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


@dataclass
class Problem:
    """One fault of the file: where (row as Excel numbers it, column header) and what."""

    row: int | None
    column: str
    message: str
    code: str

    def __str__(self):
        if self.row is None:
            return self.message
        if not self.column:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }
