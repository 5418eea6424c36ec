"""No text of the measure export turns into a formula where a spreadsheet opens it, and
every text comes back as it was when the file is imported again.

CSV cells are written through defusedcsv; XLSX cells through core.spreadsheets (see
core/tests/test_spreadsheets.py for the cells themselves)."""

import csv
import io

import openpyxl
import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from standort.measures import exchange
from standort.measures.exchange import cells
from standort.measures.exchange import columns as c
from standort.measures.exchange.export import write_csv
from standort.measures.queries import measures_for

from .factories import CustomFieldFactory

pytestmark = pytest.mark.django_db

# OWASP's formula starts.
FORMULAS = [
    '=HYPERLINK("http://evil.example","klick")',
    "+49 203 283-0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
# Two more that defusedcsv guards in CSV cells (old spreadsheet programs read them).
CSV_FORMULAS = [*FORMULAS, "|cmd", "%APPDATA%"]
# Texts whose guard the import must tell from the text itself.
TRICKY = [
    "=Kosten|Nutzen",
    "'=schon mit Apostroph",
    "''+zwei Apostrophe",
    "'\\|x",
    "\\|Schrägstrich",
    "-1,5",
    "Kosten | Nutzen",
    "'zitiert'",
]


def csv_rows(initiative):
    content = write_csv(initiative, measures_for(initiative).order_by("number"))
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("text", CSV_FORMULAS)
def test_a_csv_cell_never_begins_like_a_formula(measures, text):
    place = measures["duisburg"]
    place.measure.title = text
    place.measure.save()
    header, first = csv_rows(place.initiative)[:2]
    title = first[header.index(c.TITLE)]
    assert title.startswith("'")
    assert cells.text(title, csv=True) == text  # and the import takes the guard off


@pytest.mark.parametrize("text", FORMULAS)
def test_an_xlsx_cell_keeps_it_as_quoted_text(measures, text):
    place = measures["duisburg"]
    place.measure.title = text
    place.measure.save()
    CustomFieldFactory(initiative=place.initiative, label=f"{text} Feld")
    content = exchange.write_xlsx(place.initiative, measures_for(place.initiative))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    title = sheet.cell(2, header.index(c.TITLE) + 1)
    assert (title.data_type, title.value, title.quotePrefix) == ("s", text, True)
    label = sheet.cell(1, header.index(f"{text} Feld") + 1)  # the header of an own field
    assert (label.data_type, label.quotePrefix) == ("s", True)


@pytest.mark.parametrize("text", [t for t in CSV_FORMULAS + TRICKY if t == t.strip()])
def test_an_exported_csv_imports_as_it_was(measures, text):
    place = measures["duisburg"]
    place.measure.title = text
    place.measure.goal = f"{text}\nzweite Zeile"
    place.measure.save()
    content = write_csv(place.initiative, measures_for(place.initiative).order_by("number"))
    plan = exchange.read(place.initiative, "liste.csv", content)
    assert (plan.errors, plan.updates, plan.unchanged) == ([], [], 2)


SIGNS = st.sampled_from(list("'=+-@|%\\\t\r\n ,.;\"1a"))


@hypothesis_settings(max_examples=300)
@given(st.text(SIGNS | st.characters(), max_size=12).map(str.strip))
@example("'=x")
@example("''+x")
@example("'\\|x")
@example("|x")
@example("=a|b\\|c")
@example("'-1,5")
@example("\t=1+1")
def test_every_text_reads_back_from_its_csv_cell(text):
    """What the import reads from a cell is what the export wrote into it."""
    from defusedcsv import csv as defused_csv

    out = io.StringIO()
    defused_csv.writer(out, delimiter=";").writerow([c.to_csv(text)])
    (cell,) = next(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=";"))
    assert cells.text(cell, csv=True) == text
