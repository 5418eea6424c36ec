"""Anna builds the reports of the closed spring review, watches another one being
built, downloads the PDF and reads the report on the web."""

import datetime
import io
import re
from urllib.parse import urljoin

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from standort.initiatives.tests.factories import (
    InitiativeOrganizationFactory,
    OrganizationFactory,
    logo_png,
)
from standort.reports.models import Report

from .conftest import closed_review
from .factories import ReportFactory
from .test_build import pdf_text
from .test_demand import catalogue  # noqa: F401 - a catalogue with its past

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_build_watch_download_and_read(ui, review, anna):
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/reports/")
    ui.check(shot="reports-list-new")
    spring = page.get_by_role("region", name="Sachstandsabfrage Frühjahr 2018")

    # The task backend of the tests builds right after the commit.
    spring.get_by_role("button", name=re.compile("Berichte erstellen|Build reports")).click()
    ui.check(shot="reports-list-built")
    spring = page.get_by_role("region", name="Sachstandsabfrage Frühjahr 2018")
    for format in ["PDF", "Excel (XLSX)", "Word (DOCX)"]:
        expect(spring.get_by_role("link", name=re.compile(re.escape(format)))).to_be_visible()

    with page.expect_download() as download:
        spring.get_by_role("link", name=re.compile("PDF")).click()
    assert re.fullmatch(
        r"[a-z-]+-sachstandsabfrage-fruehjahr-2018-\d{4}-\d\d-\d\d\.pdf",
        download.value.suggested_filename,
    )
    assert download.value.path().read_bytes().startswith(b"%PDF")

    # Another review's report on its way: its progress shows and refreshes by itself.
    autumn = closed_review(review.initiative, "Sachstandsabfrage Herbst 2018")
    running = ReportFactory(cycle=autumn, state=Report.State.RUNNING, progress=40, content=b"")
    page.reload()
    ui.check(shot="reports-list-running")
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("value", "40")
    Report.objects.filter(pk=running.pk).update(state=Report.State.DONE, progress=100)
    autumn_region = page.get_by_role("region", name="Sachstandsabfrage Herbst 2018")
    expect(autumn_region.get_by_role("link", name=re.compile("PDF"))).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_count(0)
    ui.check(shot="reports-list-done")

    spring.get_by_role("link", name=re.compile("im Web lesen|Read the report on the web")).click()
    ui.check(shot="report-html")
    expect(ui.heading(re.compile("Stand der Umsetzung|Implementation status"))).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile("Gründerzentrum Außenstelle Müller"))
    ).to_be_visible()
    chart_table = page.get_by_role("table", name=re.compile("Arbeitskreis|working group"))
    expect(chart_table).to_contain_text("Arbeitskreis Infrastruktur, Umwelt und Energie")


def test_build_a_report_on_demand_of_one_working_group(ui, review):
    """Duisburg's steering committee wants the founders' working group as it stands:
    Anna picks it, only the PDF, with the city's logo on its cover, and reads the
    report on the web."""
    city = OrganizationFactory(name="Stadt Duisburg")
    city.logo.save("stadt.png", ContentFile(logo_png()))
    InitiativeOrganizationFactory(
        initiative=review.cycle.initiative, organization=city, is_leading=True
    )
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/reports/")
    page.get_by_role("link", name="Bericht zum aktuellen Stand erstellen").click()
    form = page.get_by_role("main")
    form.get_by_role("checkbox", name="Arbeitskreis Mittelstand und Gründung").check()
    for format in ["Excel (XLSX)", "Word (DOCX)"]:
        form.get_by_role("checkbox", name=format).uncheck()
    ui.check(shot="reports-demand-form")
    form.get_by_role("button", name="Bericht erstellen").click()

    demand = page.get_by_role("region", name="Berichte auf Abruf")
    expect(demand).to_contain_text("Arbeitskreis Mittelstand und Gründung")
    ui.check(shot="reports-demand-built")
    link = demand.get_by_role("link", name=re.compile("PDF"))
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.headers["content-type"] == "application/pdf"
    assert len(response.body()) > 1000
    with page.expect_download() as download:
        link.click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1  # the logo on the cover
    text = " ".join(pdf_text(pdf))
    assert "Gründerzentrum Außenstelle Müller" in text
    assert "Ladeinfrastruktur im Hafen" not in text  # of the energy working group

    demand.get_by_role("link", name=re.compile("im Web lesen")).click()
    ui.check(shot="report-demand-html")
    expect(page.get_by_role("img", name="Stadt Duisburg")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Flächenpool für Logistik"))).to_be_visible()
    expect(page.get_by_text("Ladeinfrastruktur im Hafen")).to_have_count(0)


def test_close_a_period_and_compare_it_with_today_on_a_phone(new_ui, catalogue, stefan):  # noqa: F811
    """Anna closes the reporting period of five days ago; Stefan, on his phone, sees
    what got worse since and why."""
    five_days_ago = timezone.localdate() - datetime.timedelta(days=5)
    ui = new_ui()
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/reports/")
    periods = page.get_by_role("region", name="Berichtszeiträume")
    periods.get_by_label("Stand zum Ende des Tages").fill(five_days_ago.isoformat())
    periods.get_by_role("button", name="Berichtszeitraum abschließen").click()
    expect(
        page.get_by_text(f"„Stand zum {five_days_ago:%d.%m.%Y}“ ist abgeschlossen")
    ).to_be_visible()
    ui.check(shot="reports-period-closed")

    phone = new_ui(width=390, height=844)
    phone.sign_in("stefan@example.org", next_path="/duisburg/reports/")
    phone.page.get_by_role("link", name=re.compile("mit heute vergleichen")).click()
    result = phone.page.get_by_role("region", name=re.compile("→"))
    expect(result).to_contain_text("Kein Bedarf mehr.")
    expect(result.get_by_role("row", name=re.compile("Hafenbahn"))).to_contain_text("schlechter")
    phone.check(shot="reports-compare-phone")
