"""The initiative's own fields in the report: a column each in the workbook, a fact
under the measure's heading in the PDF, on the web page and in the Word document
(where only the filled ones appear); and no text of a user turns into a formula.

Duisburg keeps three fields of its own: "Fördersumme" (an amount) and "Förderprogramm"
(text), filled for measure 1, and "Priorität" (a choice), filled for no measure."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from standort.core.spreadsheets import AMOUNT_FORMAT, DATE_FORMAT
from standort.measures.tests.factories import CustomFieldFactory
from standort.reports.queries import report_data
from standort.reports.render import render_pdf
from standort.reports.spreadsheet import render_xlsx
from standort.reports.word import render_docx

from .conftest import taken
from .test_build import flat, pdf_text

pytestmark = pytest.mark.django_db

PROGRAMME = "EFRE Strukturwandel Rhein-Ruhr"


@pytest.fixture
def fields(review):
    duisburg = review.initiative
    amount = CustomFieldFactory(initiative=duisburg, label="Fördersumme", kind="amount", position=1)
    programme = CustomFieldFactory(initiative=duisburg, label="Förderprogramm", position=2)
    started = CustomFieldFactory(initiative=duisburg, label="Bewilligt am", kind="date", position=3)
    priority = CustomFieldFactory(
        initiative=duisburg, label="Priorität", kind="choice", choices="hoch\nniedrig", position=4
    )
    founders = review.measures[0]
    founders.custom_values = {
        amount.key: "250000.00",
        programme.key: PROGRAMME,
        started.key: "2018-02-28",
    }
    founders.save()
    taken(review.cycle)
    return [amount, programme, started, priority]


def german_report(review):
    with translation.override("de"):
        return report_data(review.cycle)


def section_of(text, title, next_title):
    """The part of a document's text from the heading `title` to `next_title`."""
    return text[text.index(title) : text.index(next_title)]


def test_the_pdf_shows_the_filled_fields_under_the_measure(review, fields):
    data = german_report(review)
    with translation.override("de"):
        text = flat(" ".join(pdf_text(render_pdf(data))))

    first = section_of(text, "1 Gründerzentrum Außenstelle Müller", "2 Flächenpool")
    assert "Fördersumme: 250.000,00 €" in first
    assert f"Förderprogramm: {PROGRAMME}" in first
    assert "Bewilligt am: 28.02.2018" in first
    # Nobody set a priority, and measure 2 has none of the fields: nothing to show.
    assert "Priorität" not in text
    second = section_of(text, "2 Flächenpool", "3 Ladeinfrastruktur")
    assert "Fördersumme" not in second


def test_the_web_page_shows_them_as_the_pdf_does(review, fields, as_persona):
    url = reverse("report_html", args=["duisburg", review.cycle.pk])
    page = as_persona("stefan").get(url).content.decode()
    assert "<dt>Fördersumme</dt><dd>250.000,00 €</dd>" in page
    assert "Priorität" not in page


def test_the_workbook_has_a_column_per_field_with_typed_values(review, fields):
    data = german_report(review)
    with translation.override("de"):
        measures = load_workbook(io.BytesIO(render_xlsx(data))).worksheets[1]
    header = [cell.value for cell in measures[1]]
    # After the columns the workbook had before, so formulas and filters keep them.
    assert header[-4:] == ["Fördersumme", "Förderprogramm", "Bewilligt am", "Priorität"]
    first = dict(zip(header, measures[2], strict=True))
    assert first["Fördersumme"].value == 250000
    assert first["Fördersumme"].number_format == AMOUNT_FORMAT
    assert first["Förderprogramm"].value == PROGRAMME
    assert first["Bewilligt am"].value == datetime.datetime(2018, 2, 28)
    assert first["Bewilligt am"].number_format == DATE_FORMAT
    assert first["Priorität"].value is None
    second = dict(zip(header, measures[3], strict=True))
    assert second["Fördersumme"].value is None


def test_the_word_document_lists_them_with_the_facts(review, fields):
    data = german_report(review)
    with translation.override("de"):
        document = Document(io.BytesIO(render_docx(data)))
    text = "\n".join(p.text for p in document.paragraphs)

    first = section_of(text, "1 Gründerzentrum Außenstelle Müller", "2 Flächenpool")
    assert "Fördersumme: 250.000,00 €" in first
    assert f"Förderprogramm: {PROGRAMME}" in first
    assert "Bewilligt am: 28.02.2018" in first
    assert "Priorität" not in text


def test_a_report_in_english_writes_the_values_the_english_way(review, fields):
    with translation.override("en"):
        data = report_data(review.cycle)
        document = Document(io.BytesIO(render_docx(data)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Fördersumme: 250,000.00 €" in text
    assert "Bewilligt am: 28.02.2018" in text  # the project writes dates so in English too


def test_no_text_of_the_report_turns_into_a_formula(review, fields):
    """A title, an answer and a field of the initiative's own that begin like
    formulas stay the texts they are in the workbook."""
    founders = review.measures[0]
    founders.title = '=HYPERLINK("http://evil.example","Gründerzentrum")'
    founders.custom_values[fields[1].key] = "+49 203 283-0"
    founders.save()
    report = founders.review_answers.get().status_update
    report.next_steps = "@Planungsamt anrufen"
    report.save()
    taken(review.cycle)
    data = german_report(review)
    with translation.override("de"):
        measures = load_workbook(io.BytesIO(render_xlsx(data))).worksheets[1]
    header = [cell.value for cell in measures[1]]
    first = dict(zip(header, measures[2], strict=True))
    for name, text in [
        ("Titel", founders.title),
        ("Förderprogramm", "+49 203 283-0"),
        ("Nächste Schritte", "@Planungsamt anrufen"),
    ]:
        cell = first[name]
        assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", text, True)
    assert first["Fördersumme"].value == Decimal("250000")
