"""A user's text in a workbook of ours stays the text it was: never a formula, not even
after someone edits the cell in Excel; dates and sums in euro read as such."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from standort.core import spreadsheets

# OWASP's formula starts, each before a formula that would call out.
FORMULAS = [
    '=HYPERLINK("http://evil.example","klick")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def reopened(workbook):
    out = io.BytesIO()
    workbook.save(out)
    return load_workbook(io.BytesIO(out.getvalue())).active


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_is_written_as_quoted_text(text):
    workbook = Workbook()
    spreadsheets.put(workbook.active["A1"], text)
    cell = reopened(workbook)["A1"]
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", text, True)


@pytest.mark.parametrize("text", ["Glasfaser für alle", "#N/A", "1 + 1 = 2", "3-4 Wochen"])
def test_other_text_stays_plain_text(text):
    workbook = Workbook()
    spreadsheets.put(workbook.active["A1"], text)
    cell = reopened(workbook)["A1"]
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", text, False)


def test_control_characters_are_dropped():
    workbook = Workbook()
    spreadsheets.put(workbook.active["A1"], "Zeile\x00\x07 eins")
    assert reopened(workbook)["A1"].value == "Zeile eins"


def test_dates_and_amounts_take_their_german_formats():
    workbook = Workbook()
    spreadsheets.put(workbook.active["A1"], datetime.date(2026, 11, 24))
    spreadsheets.put(workbook.active["B1"], spreadsheets.Amount("1500.5"))
    spreadsheets.put(workbook.active["C1"], Decimal("12.5"))
    sheet = reopened(workbook)
    assert sheet["A1"].value == datetime.datetime(2026, 11, 24)
    assert sheet["A1"].number_format == spreadsheets.DATE_FORMAT
    assert (sheet["B1"].value, sheet["B1"].number_format) == (1500.5, spreadsheets.AMOUNT_FORMAT)
    assert sheet["C1"].value == 12.5


@pytest.mark.parametrize("text", [*FORMULAS, "Glasfaser für alle", " Leerzeichen "])
def test_a_sheet_written_as_xml_quotes_the_same_texts(text):
    """The XML of a text cell, for sheets written without openpyxl's cells, in place of
    a cell that put() quoted: it reads back as put() writes it."""
    workbook = Workbook()
    spreadsheets.put(workbook.active["A1"], "=")
    frame = io.BytesIO()
    workbook.save(frame)
    with zipfile.ZipFile(io.BytesIO(frame.getvalue())) as source:
        files = {name: source.read(name) for name in source.namelist()}
    sheet = files["xl/worksheets/sheet1.xml"].decode()
    probe = re.search(r'<c r="A1" s="(\d+)"[^>]*>.*?</c>', sheet)
    cell = spreadsheets.text_xml("A1", text, quote_style=probe.group(1))
    files["xl/worksheets/sheet1.xml"] = sheet.replace(probe.group(0), cell).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in files.items():
            target.writestr(name, content)
    cell = load_workbook(io.BytesIO(out.getvalue())).active["A1"]
    formula_like = spreadsheets.looks_like_formula(text)
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", text, formula_like)
