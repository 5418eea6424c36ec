"""The report pages as the office and the steering committee use them: build the
reports of a closed review, watch them being built, download them, read the report
on the web."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from standort.reports import services
from standort.reports.models import Report
from standort.reviews.tests.factories import ReviewCycleFactory

from .conftest import ACHIEVED
from .factories import ReportFactory

pytestmark = pytest.mark.django_db
State = Report.State


def list_url(slug="duisburg"):
    return reverse("report_list", args=[slug])


def german(message):
    with translation.override("de"):
        return gettext(message)


def test_office_builds_the_reports_of_a_closed_review(
    review, as_persona, django_capture_on_commit_callbacks
):
    client = as_persona("anna")
    page = client.get(list_url()).content.decode()
    assert "Sachstandsabfrage Frühjahr 2018" in page
    assert reverse("report_generate", args=["duisburg", review.cycle.pk]) in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("report_generate", args=["duisburg", review.cycle.pk]))

    assert response.status_code == 302 and response["Location"] == list_url()
    reports = Report.objects.filter(cycle=review.cycle)
    assert sorted(r.format for r in reports) == ["docx", "pdf", "xlsx"]
    assert {r.state for r in reports} == {State.DONE}
    page = client.get(list_url()).content.decode()
    for report in reports:
        assert reverse("report_download", args=["duisburg", report.pk]) in page
    # Nothing runs any more: the list does not poll.
    assert "hx-trigger" not in page
    assert reverse("report_generate", args=["duisburg", review.cycle.pk]) not in page


def test_the_list_polls_while_a_report_is_being_built(review, anna, as_persona):
    running = ReportFactory(cycle=review.cycle, state=State.RUNNING, progress=40, content=b"")
    ReportFactory(cycle=review.cycle, format="xlsx")
    client = as_persona("stefan")

    page = client.get(list_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert re.search(rf'<progress id="report-progress-{running.pk}" max="100" value="40">', page)
    assert reverse("report_download", args=["duisburg", running.pk]) not in page

    # htmx asks for the list alone, which stops polling once the report is done.
    fragment = client.get(list_url(), headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<div id="report-list"')
    assert "HX-Request" in fragment["Vary"]
    Report.objects.filter(pk=running.pk).update(state=State.DONE, progress=100)
    fragment = client.get(list_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment
    assert reverse("report_download", args=["duisburg", running.pk]) in fragment


def test_a_report_lost_by_its_worker_stops_the_polling(review, as_persona):
    long_ago = timezone.now() - services.STALE_AFTER * 2
    lost = ReportFactory(cycle=review.cycle, state=State.RUNNING, progress=20, created_at=long_ago)
    page = as_persona("anna").get(list_url()).content.decode()
    assert "hx-trigger" not in page
    assert reverse("report_regenerate", args=["duisburg", lost.pk]) in page


def test_a_failed_report_shows_its_error_and_may_be_built_again(
    review, as_persona, django_capture_on_commit_callbacks
):
    failed = ReportFactory(
        cycle=review.cycle, state=State.FAILED, content=b"", error="ValueError: Schrift fehlt"
    )
    client = as_persona("anna")
    page = client.get(list_url()).content.decode()
    assert "ValueError: Schrift fehlt" in page
    regenerate = reverse("report_regenerate", args=["duisburg", failed.pk])
    assert regenerate in page

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(regenerate).status_code == 302

    failed.refresh_from_db()
    assert (failed.state, failed.error) == (State.DONE, "")
    assert bytes(failed.content).startswith(b"%PDF")


def test_observers_read_but_do_not_build(review, as_persona):
    ReportFactory(cycle=review.cycle, state=State.FAILED, error="Kaputt")
    page = as_persona("olga").get(list_url()).content.decode()
    assert "Sachstandsabfrage Frühjahr 2018" in page
    assert "/regenerate/" not in page and "/generate/" not in page


def test_download_is_an_attachment_with_its_type_and_name(review, as_persona):
    name = "stand-der-umsetzung-sachstandsabfrage-fruehjahr-2018-2026-11-24.xlsx"
    report = ReportFactory(
        cycle=review.cycle, format="xlsx", content=b"PK\x03\x04 fake", file_name=name
    )
    response = as_persona("ben").get(reverse("report_download", args=["duisburg", report.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response.content == b"PK\x03\x04 fake"


def test_downloaded_pdf_is_the_built_report(
    review, anna, as_persona, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(actor=anna, cycle=review.cycle, format="pdf")
    response = as_persona("olga").get(reverse("report_download", args=["duisburg", report.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Gründerzentrum Außenstelle Müller" in text


def test_report_on_the_web_is_the_same_report(review, as_persona):
    ReportFactory(cycle=review.cycle, format="pdf")
    response = as_persona("stefan").get(reverse("report_html", args=["duisburg", review.cycle.pk]))
    page = response.content.decode()

    assert response.status_code == 200
    assert page.count("<h1") == 1
    for text in [
        "Masterplan Wirtschaft Duisburg",
        "Sachstandsabfrage Frühjahr 2018",
        "Arbeitskreis Mittelstand und Gründung",
        "Gründerzentrum Außenstelle Müller",
        "Jürgen Groß, Wirtschaftsförderung Duisburg GmbH",
        ACHIEVED,
        german("No answer"),
        german("Entered by the project office on the owner's behalf."),
    ]:
        assert text in page
    assert '<svg class="report-chart__svg"' in page
    assert "Alte Kampagne" not in page
    assert "/download/" in page  # the finished PDF beside it


def test_list_without_closed_reviews_says_so(duisburg, as_persona):
    ReviewCycleFactory(initiative=duisburg, title="Noch offen")  # running
    page = as_persona("anna").get(list_url()).content.decode()
    assert "Noch offen" not in page
    assert "empty-state" in page
