"""Files made to exhaust the importer (issue 14, item 7): a 2 KB workbook declaring
A1:XFD1048576 hung a worker and answered 500; a 0.5 MB workbook unpacking to one
500 MB text cell took 17 s and 1.5 GB. Rows, columns, cell length and the unpacked
size are bounded before or while reading, and a file beyond them is refused with a
German message naming the limit."""

import io
import re
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from standort.core.tables import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_SHEET_ROWS,
    read_table,
)
from standort.measures import exchange
from standort.measures.exchange import columns as c

from .exchange_files import problems, to_csv, upload

pytestmark = pytest.mark.django_db
SHEET = "xl/worksheets/sheet1.xml"


def _workbook(*rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _with_sheet(content, change):
    """The workbook with the XML of its sheet changed by `change` (bytes -> bytes)."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            archive.writestr(info.filename, change(data) if info.filename == SHEET else data)
    return out.getvalue()


def _small_list():
    return _workbook([c.NUMBER, c.TITLE], [None, "Gründerzentrum"])


def _declaring_the_whole_sheet(content):
    return _with_sheet(
        content,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml),
    )


def _with_row(content, xml_row):
    return _with_sheet(content, lambda xml: xml.replace(b"</sheetData>", xml_row + b"</sheetData>"))


def _text_cell(ref, length):
    row = int(re.sub(r"\D", "", ref))
    text = b"x" * length
    return (
        f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>'.encode()
        + text
        + b"</t></is></c></row>"
    )


def test_the_size_a_sheet_declares_is_not_believed():
    bomb = _declaring_the_whole_sheet(_small_list())
    assert len(bomb) < 10_000
    table = read_table("liste.xlsx", bomb)
    assert table.header == [c.NUMBER, c.TITLE]
    assert table.rows == [(2, [None, "Gründerzentrum"])]


def test_a_declared_sheet_of_a_million_rows_imports_its_one_row(place, client, anna):
    client.force_login(anna)
    response = upload(client, _declaring_the_whole_sheet(_small_list()), "liste.xlsx")
    assert response.status_code == 200
    assert "Gründerzentrum" in response.content.decode()


def test_a_file_that_unpacks_beyond_the_limit_is_refused_before_it_is_unpacked(place, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = _with_row(_small_list(), _text_cell("B3", 2 * 1024 * 1024))
    assert len(bomb) < 20_000  # two megabytes of one letter pack small
    with translation.override("de"):
        plan = exchange.read(place.initiative, "liste.xlsx", bomb)
    assert problems(plan) == [(None, "", "too_large_unpacked")]
    assert "1,0\xa0MB" in plan.errors[0].message


def test_a_cell_longer_than_excel_allows_is_refused_by_its_address(place):
    content = _with_row(_small_list(), _text_cell("B3", MAX_CELL_CHARS + 1))
    with translation.override("de"):
        plan = exchange.read(place.initiative, "liste.xlsx", content)
    assert problems(plan) == [(None, "", "cell_too_long")]
    assert "B3" in plan.errors[0].message
    assert f"{MAX_CELL_CHARS}" in plan.errors[0].message


def test_a_value_beyond_the_last_column_read_is_refused(place):
    # Column GS follows the last one read; the sheet is read one column further, to
    # see it (what lies further right is not read at all).
    assert get_column_letter(MAX_COLUMNS + 1) == "GS"
    content = _with_row(_small_list(), b'<row r="3"><c r="GS3"><v>1</v></c></row>')
    plan = exchange.read(place.initiative, "liste.xlsx", content)
    assert problems(plan) == [(None, "", "too_many_columns")]


def test_a_row_beyond_the_last_row_read_is_refused(place):
    far = MAX_SHEET_ROWS + 1
    content = _with_row(_small_list(), f'<row r="{far}"><c r="A{far}"><v>1</v></c></row>'.encode())
    plan = exchange.read(place.initiative, "liste.xlsx", content)
    assert problems(plan) == [(None, "", "too_many_rows")]


@pytest.mark.parametrize("length", [MAX_CELL_CHARS + 1, 200_000])
def test_a_csv_cell_longer_than_a_cell_may_be_is_refused(place, length):
    content = to_csv([[c.NUMBER, c.TITLE], ["", "x" * length]])
    with translation.override("de"):
        plan = exchange.read(place.initiative, "liste.csv", content)
    assert problems(plan) == [(None, "", "cell_too_long")]
    assert f"{MAX_CELL_CHARS}" in plan.errors[0].message


def test_a_csv_row_of_many_columns_is_refused(place):
    content = to_csv([[c.NUMBER, c.TITLE], ["", "Titel", *[""] * MAX_COLUMNS, "1"]])
    plan = exchange.read(place.initiative, "liste.csv", content)
    assert problems(plan) == [(None, "", "too_many_columns")]


def test_the_import_page_names_the_limit(place, client, anna, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    client.force_login(anna)
    bomb = _with_row(_small_list(), _text_cell("B3", 2 * 1024 * 1024))
    response = upload(client, bomb, "liste.xlsx")
    assert response.status_code == 200
    assert "größer als 1,0\xa0MB" in response.content.decode()
