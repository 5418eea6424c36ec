"""A closed review's report shows what was reported then: whatever becomes of the
measures, their owners and working groups afterwards, the report built again is the
same, in every format."""

import io

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from standort.initiatives.tests.factories import BodyFactory
from standort.measures import services as measure_services
from standort.measures.models import Measure, StatusUpdate
from standort.reports.queries import report_data
from standort.reports.render import print_html
from standort.reports.spreadsheet import render_xlsx
from standort.reports.word import render_docx
from standort.reviews import services
from standort.reviews.models import ReviewAnswer

pytestmark = pytest.mark.django_db


def report_in_every_format(cycle):
    cycle.refresh_from_db()
    with translation.override("de"):
        data = report_data(cycle)
        workbook = load_workbook(io.BytesIO(render_xlsx(data)))
        document = Document(io.BytesIO(render_docx(data)))
        return {
            "html": print_html(data),
            "xlsx": [
                [cell.value for cell in row] for sheet in workbook.worksheets for row in sheet
            ],
            "docx": [paragraph.text for paragraph in document.paragraphs]
            + [cell.text for table in document.tables for row in table.rows for cell in row.cells],
        }


def test_a_closed_reviews_report_stays_what_was_reported(running, anna, owners, duisburg):
    answer = ReviewAnswer.objects.get(measure__number=1)
    report = {
        "traffic_light": "amber",
        "progress": 40,
        "achieved": "Mietvertrag verhandelt.",
        "next_steps": "Unterschrift im Mai.",
    }
    services.answer_save(actor=None, answer=answer, report=report, submit=True)
    services.cycle_close(actor=anna, cycle=running)  # measure 2 stays unanswered
    before = report_in_every_format(running)
    assert "Mietvertrag verhandelt." in before["html"]

    # Afterwards everything moves: statuses, owners' names, the working group, new
    # status updates, a measure archived and one erased.
    body = BodyFactory(initiative=duisburg, name="Arbeitskreis Neu")
    greta, ben_person = owners
    greta.last_name = "Umbenannt"
    greta.save()
    for measure in Measure.objects.filter(initiative=duisburg):
        measure.status = Measure.Status.DONE
        measure.body = body
        measure.title += " (neu)"
        measure_services.measure_save(actor=anna, measure=measure)
        measure_services.status_update_record(
            actor=anna,
            update=StatusUpdate(
                measure=measure, traffic_light="red", progress=99, achieved="Später."
            ),
        )
    archived = Measure.objects.get(initiative=duisburg, number=2)
    archived.is_archived = True
    measure_services.measure_save(actor=anna, measure=archived)
    Measure.objects.filter(initiative=duisburg, number=3).delete()

    after = report_in_every_format(running)
    assert after == before
    assert "Später." not in after["html"]
