"""The files of "Stand der Umsetzung" as the steering committee reads them, and the
task that builds them: queued, running with its progress, done or failed."""

import datetime
import io
import logging
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from standort.core.pdf import page_counter
from standort.core.services import DomainError
from standort.reports import build, services
from standort.reports.models import Report
from standort.reports.queries import report_data
from standort.reports.render import render_pdf
from standort.reports.spreadsheet import render_xlsx
from standort.reports.tasks import build_report
from standort.reports.word import render_docx
from standort.reviews.models import ReviewCycle

from .conftest import ACHIEVED, NEXT_STEPS, SUPPORT

pytestmark = pytest.mark.django_db
State = Report.State


def german(message, context=None):
    with translation.override("de"):
        return pgettext(context, message) if context else gettext(message)


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return [page.extract_text() for page in reader.pages]


def flat(text):
    """Text as the PDF holds it, lines joined where the layout broke them."""
    return " ".join(text.split())


@pytest.fixture
def data(review):
    with translation.override("de"):
        yield report_data(review.cycle)


def test_pdf_holds_every_measure_and_the_owners_words(data):
    with translation.override("de"):
        content = render_pdf(data)
    pages = pdf_text(content)
    text = flat(" ".join(pages))

    assert content.startswith(b"%PDF")
    for title in [
        "Gründerzentrum Außenstelle Müller",
        "Flächenpool für Logistik",
        "Ladeinfrastruktur im Hafen",
        "Wärmenetz Rheinhausen",
    ]:
        assert title in text
    assert "Alte Kampagne" not in text  # archived since the review
    for words in [ACHIEVED, NEXT_STEPS, SUPPORT]:
        assert flat(words) in text
    assert "Jürgen Groß, Wirtschaftsförderung Duisburg GmbH" in text
    assert "Grete Öztürk, Stadtwerke Duisburg AG" in text
    assert german("Entered by the project office on the owner's behalf.") in text
    assert german("No answer") in text
    assert german("on track", "traffic light") in text
    # Grete's draft was never sent: its words stay out of the report.
    assert "Entwurf, nie abgeschickt" not in text


def test_pdf_pages_carry_initiative_date_and_page_numbers(data):
    with translation.override("de"):
        pages = pdf_text(render_pdf(data))
        counter = gettext("Page %(page)s of %(pages)s")
    cover, summary = pages[0], pages[1]

    assert "Masterplan Wirtschaft Duisburg" in cover
    assert "Sachstandsabfrage Frühjahr 2018" in cover
    # The cover has no running header or footer; every other page has both.
    assert counter % {"page": 1, "pages": len(pages)} not in cover
    today = timezone.localdate().strftime("%d.%m.%Y")
    for number, page in enumerate(pages[1:], start=2):
        assert "Masterplan Wirtschaft Duisburg" in page
        assert today in page
        assert counter % {"page": number, "pages": len(pages)} in page
    # Summary: 4 measures asked (the archived one left out), 3 answered, 75 %.
    assert re.search(r"\b4\b", summary) and "75 %" in summary
    # Each working group starts a page of its own.
    assert "Arbeitskreis Mittelstand und Gründung" in pages[2]
    assert "Arbeitskreis Infrastruktur, Umwelt und Energie" in pages[3]


def test_page_counter_follows_the_language():
    with translation.override("en"):
        assert page_counter() == '"Page " counter(page) " of " counter(pages)'


def test_xlsx_has_a_summary_and_a_row_per_measure(data):
    with translation.override("de"):
        book = load_workbook(io.BytesIO(render_xlsx(data)))
        no_answer = gettext("no answer")
        on_behalf = gettext("entered by the project office")
    summary, measures = book.worksheets

    rows = list(measures.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert [row[0] for row in body] == [1, 2, 3, 4]
    first = dict(zip(header, body[0], strict=True))
    assert first[german("Title")] == "Gründerzentrum Außenstelle Müller"
    assert first[german("Working group")] == "Arbeitskreis Mittelstand und Gründung"
    assert first[german("Owner")] == "Jürgen Groß"
    assert first[german("Organisation")] == "Wirtschaftsförderung Duisburg GmbH"
    assert first[german("Progress in %")] == 60
    assert first[german("Traffic light")] == german("on track", "traffic light")
    assert first[german("Achieved")] == ACHIEVED
    assert first[german("Support needed")] == SUPPORT
    assert body[1][header.index(german("Answer"))] == on_behalf
    assert body[2][header.index(german("Traffic light"))] == no_answer
    assert body[2][header.index(german("Achieved"))] is None

    figures = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert figures[german("measures asked")] == 4
    assert figures[german("answered")] == 3
    assert figures["Rücklaufquote in %"] == 75
    assert figures["Arbeitskreis Infrastruktur, Umwelt und Energie"] == 0  # no green there


def test_docx_has_a_heading_per_working_group_and_measure(data):
    with translation.override("de"):
        document = Document(io.BytesIO(render_docx(data)))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    groups = [text for style, text in headings if style == "Heading 1"]
    measures = [text for style, text in headings if style == "Heading 2"]
    text = "\n".join(p.text for p in document.paragraphs)

    assert groups == [
        german("Summary"),
        "Arbeitskreis Mittelstand und Gründung",
        "Arbeitskreis Infrastruktur, Umwelt und Energie",
    ]
    assert "1 Gründerzentrum Außenstelle Müller" in measures
    assert "4 Wärmenetz Rheinhausen" in measures
    assert ACHIEVED in text and SUPPORT in text
    assert german("No answer") in text
    assert document.core_properties.title.endswith("Sachstandsabfrage Frühjahr 2018")


def test_file_names_spell_umlauts_out(review):
    today = datetime.date(2018, 4, 30)
    with translation.override("de"):
        name = build.file_name(review.cycle.title, "pdf", today)
        prefix = build.file_slug(gettext("Implementation status"))
    assert name == f"{prefix}-sachstandsabfrage-fruehjahr-2018-2018-04-30.pdf"


# The task ---------------------------------------------------------------------------


def test_closing_builds_one_report_per_format(review, anna, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reports = services.reports_for_review(actor=anna, cycle=review.cycle)

    assert len(callbacks) == 3
    done = {r.format: r for r in Report.objects.filter(cycle=review.cycle)}
    assert [r.format for r in reports] == ["pdf", "xlsx", "docx"]
    assert set(done) == {"pdf", "xlsx", "docx"}
    for format, report in done.items():
        assert report.state == State.DONE
        assert report.progress == 100
        assert report.initiative == review.initiative
        assert report.created_by == anna
        assert report.finished_at is not None
        assert report.size == len(bytes(report.content)) > 0
        assert re.fullmatch(
            rf"[a-z-]+-sachstandsabfrage-fruehjahr-2018-\d{{4}}-\d\d-\d\d\.{format}",
            report.file_name,
        )
    assert bytes(done["pdf"].content).startswith(b"%PDF")
    assert bytes(done["xlsx"].content).startswith(b"PK")  # a zip, as XLSX and DOCX are
    assert "Gründerzentrum Außenstelle Müller" in flat(
        " ".join(pdf_text(bytes(done["pdf"].content)))
    )


def test_the_task_reports_its_progress_as_it_goes(review, anna):
    report = services.report_request(actor=anna, cycle=review.cycle, format="pdf")
    assert (report.state, report.progress) == (State.QUEUED, 0)

    with CaptureQueriesContext(connection) as queries:
        result = build_report.call(report_id=report.pk, attempt=report.attempt)

    steps = [
        int(value)
        for query in queries.captured_queries
        if query["sql"].startswith("UPDATE")
        for value in re.findall(r'"progress" = (\d+)', query["sql"])
    ]
    # Claimed, data read, HTML written, pages laid out, stored.
    assert steps == [5, 10, 20, 80, 100]
    assert result == "done"
    report.refresh_from_db()
    assert report.state == State.DONE


def test_a_writer_that_breaks_fails_the_report(review, anna, monkeypatch, caplog):
    def broken(data, *, progress=None):
        progress(30)
        raise ValueError("Schriftart fehlt")

    monkeypatch.setitem(build.WRITERS, Report.Format.DOCX, broken)
    report = services.report_request(actor=anna, cycle=review.cycle, format="docx")

    with caplog.at_level(logging.ERROR, logger="standort.reports"):
        result = build_report.call(report_id=report.pk, attempt=report.attempt)

    report.refresh_from_db()
    assert result == "failed"
    assert report.state == State.FAILED
    assert report.error == "ValueError: Schriftart fehlt"
    assert report.finished_at is not None and not report.content and report.size == 0
    assert "failed" in caplog.text and "Schriftart fehlt" in caplog.text


def test_a_review_that_is_not_closed_fails_the_build(review, anna):
    report = services.report_request(actor=anna, cycle=review.cycle, format="xlsx")
    ReviewCycle.objects.filter(pk=review.cycle.pk).update(state=ReviewCycle.State.RUNNING)

    build_report.call(report_id=report.pk, attempt=report.attempt)

    report.refresh_from_db()
    assert report.state == State.FAILED
    assert report.error == german("Reports are made of closed status reviews only.")


def test_reports_only_of_closed_reviews(review, anna):
    review.cycle.state = ReviewCycle.State.RUNNING
    with pytest.raises(DomainError):
        services.reports_for_review(actor=anna, cycle=review.cycle)
    assert not Report.objects.exists()


def test_building_again_resets_the_report_and_outruns_the_old_task(review, anna):
    first = services.report_request(actor=anna, cycle=review.cycle, format="pdf")
    Report.objects.filter(pk=first.pk).update(state=State.FAILED, error="Kaputt")

    again = services.report_request(actor=anna, cycle=review.cycle, format="pdf")

    assert again.pk == first.pk
    assert (again.state, again.error, again.attempt) == (State.QUEUED, "", first.attempt + 1)
    # The task of the first request, should it still run, leaves the report alone.
    assert build_report.call(report_id=first.pk, attempt=first.attempt) is None
    assert Report.objects.get(pk=first.pk).state == State.QUEUED
    assert build_report.call(report_id=again.pk, attempt=again.attempt) == "done"
    # Built once, a report builds no second time from a repeated task.
    assert build_report.call(report_id=again.pk, attempt=again.attempt) is None


def test_a_report_on_its_way_is_not_queued_twice(review, anna, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.report_request(actor=anna, cycle=review.cycle, format="pdf")
        second = services.report_request(actor=anna, cycle=review.cycle, format="pdf")
    assert len(callbacks) == 1
    assert second.attempt == first.attempt


def test_a_report_lost_by_its_worker_may_be_requested_again(review, anna):
    lost = services.report_request(actor=anna, cycle=review.cycle, format="pdf")
    Report.objects.filter(pk=lost.pk).update(
        state=State.RUNNING, created_at=timezone.now() - services.STALE_AFTER * 2
    )
    again = services.report_request(actor=anna, cycle=review.cycle, format="pdf")
    assert (again.state, again.attempt) == (State.QUEUED, lost.attempt + 1)


def test_many_working_groups_split_the_chart_across_pictures(duisburg):
    from standort.initiatives.tests.factories import BodyFactory
    from standort.measures.tests.factories import MeasureFactory

    from .conftest import answer, closed_review, taken

    cycle = closed_review(duisburg, "Große Abfrage")
    for number in range(1, 31):
        body = BodyFactory(
            initiative=duisburg, name=f"Arbeitskreis Nr. {number:02}", position=number
        )
        answer(cycle, MeasureFactory(initiative=duisburg, number=number, body=body))
    taken(cycle)
    with translation.override("de"):
        data = report_data(cycle)
        chart = Template('{% load report_marks %}{% light_chart data "chart" %}').render(
            Context({"data": data})
        )
        pages = pdf_text(render_pdf(data))

    assert chart.count("<svg") == 3  # 12 + 12 + 6 bars
    # Every bar's label made it into the summary (the pages before the 30 working
    # groups' own): none was cut off at the foot of a page.
    chart_text = flat(" ".join(pages[1:-30]))
    for number in range(1, 31):
        assert chart_text.count(f"Arbeitskreis Nr. {number:02}") >= 2  # bar and table


def test_weasyprint_reads_no_file_a_text_names(review, anna):
    """Texts are escaped, and the fetcher would refuse a file beside the report's own."""
    from standort.core.pdf import url_fetcher as _url_fetcher

    with pytest.raises(ValueError):
        _url_fetcher().fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        _url_fetcher().fetch("https://example.org/tracker.png")
