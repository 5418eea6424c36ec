"""The cover of "Stand der Umsetzung" carries the leading organisations' logos, the
pages their numbers, the Word file a table of contents Word fills when it opens it,
and a report on demand a milestone timeline per measure."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from standort.initiatives.models import InitiativeOrganization
from standort.initiatives.tests.factories import (
    LOGO_SVG,
    InitiativeOrganizationFactory,
    OrganizationFactory,
    logo_png,
)
from standort.measures.tests.factories import MeasureFactory, MilestoneFactory
from standort.reports import services
from standort.reports.queries import demand_report_data, report_data, with_logos
from standort.reports.render import PAGE_LAYOUT, context, print_html, render_pdf
from standort.reports.word import render_docx

pytestmark = pytest.mark.django_db

SVG = LOGO_SVG
png = logo_png


def leading(initiative, name, file_name, content, is_leading=True):
    organization = OrganizationFactory(name=name)
    organization.logo.save(file_name, ContentFile(content))
    InitiativeOrganizationFactory(
        initiative=initiative, organization=organization, is_leading=is_leading
    )
    return organization


@pytest.fixture
def logos(review):
    initiative = review.cycle.initiative
    leading(initiative, "Stadt Duisburg", "stadt.svg", SVG)
    leading(initiative, "Unternehmerverband", "uv.png", png())
    leading(initiative, "Nur Partner GmbH", "partner.png", png(), is_leading=False)
    with translation.override("de"):
        return with_logos(report_data(review.cycle))


def test_the_pdf_cover_shows_the_leading_organisations_logos(logos):
    assert [logo.name for logo in logos.logos] == ["Stadt Duisburg", "Unternehmerverband"]
    with translation.override("de"):
        html = print_html(logos)
        pdf = render_pdf(logos)
    cover = html[html.index('class="report-cover"') : html.index("</header>")]
    images = re.findall(r'<img class="report-cover__logo" src="([^"]+)" alt="([^"]+)"', cover)
    assert [alt for _src, alt in images] == ["Stadt Duisburg", "Unternehmerverband"]
    assert images[0][0].startswith("data:image/svg+xml;base64,")
    assert images[1][0].startswith("data:image/png;base64,")

    first = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(first.images) == 1  # the PNG; the SVG is drawn as vectors
    # Page numbers run from the second page on (CSS counters in the margin).
    assert "@bottom-right { content: " in html and "counter(pages)" in html
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert "Seite 1 von" not in pages[0].extract_text()
    assert f"Seite 2 von {len(pages)}" in pages[1].extract_text()


def test_the_docx_cover_shows_the_logos_with_their_names(logos):
    with translation.override("de"):
        content = render_docx(logos)
    document = Document(io.BytesIO(content))
    shapes = document.inline_shapes
    assert len(shapes) == 2
    descriptions = [shape._inline.docPr.get("descr") for shape in shapes]
    assert descriptions == ["Stadt Duisburg", "Unternehmerverband"]
    assert len({round(shape.height) for shape in shapes}) == 1  # one height
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        names = package.namelist()
        body = package.read("word/document.xml").decode()
    # Word 2016 and later draw the SVG itself; older programs its PNG stand-in.
    assert any(name.endswith(".svg") for name in names)
    assert "svgBlip" in body


def test_the_docx_has_a_table_of_contents_headings_and_page_numbers(logos):
    with translation.override("de"):
        content = render_docx(logos)
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = package.read("word/document.xml").decode()
        settings = package.read("word/settings.xml").decode()
        footers = [package.read(n).decode() for n in package.namelist() if "footer" in n]
    assert 'TOC \\o "1-3" \\h \\z \\u' in body
    assert "drücken Sie F9" in body
    assert '<w:updateFields w:val="true"/>' in settings
    assert any(" PAGE " in footer and " NUMPAGES " in footer for footer in footers)

    document = Document(io.BytesIO(content))
    styles = {p.style.name for p in document.paragraphs if p.text}
    assert {"Title", "TOC Heading", "Heading 1", "Heading 2"} <= styles
    texts = [p.text for p in document.paragraphs]
    # The contents come after the cover and before the first chapter.
    assert texts.index("Inhalt") < texts.index("Zusammenfassung")
    assert "Stand der Umsetzung" in texts[: texts.index("Inhalt")]


def test_without_leading_logos_the_cover_has_none(review):
    InitiativeOrganization.objects.update(is_leading=False)
    with translation.override("de"):
        data = with_logos(report_data(review.cycle))
        assert "report-cover__logos" not in print_html(data)
        assert len(Document(io.BytesIO(render_docx(data))).inline_shapes) == 0


def test_a_report_on_demand_shows_each_measures_milestones(duisburg, anna):
    today = datetime.date.today()
    measure = MeasureFactory(initiative=duisburg, number=7, title="Hafenbahn")
    MilestoneFactory(
        measure=measure,
        title="Trasse festgelegt",
        due_on=today - datetime.timedelta(days=30),
        completed_on=today - datetime.timedelta(days=28),
    )
    MilestoneFactory(measure=measure, title="Gutachten", due_on=today - datetime.timedelta(days=3))
    MilestoneFactory(measure=measure, title="Bauantrag", due_on=today + datetime.timedelta(days=60))
    MeasureFactory(initiative=duisburg, number=8, title="Ohne Meilensteine")
    [report] = services.reports_on_demand(
        actor=anna,
        initiative=duisburg,
        measures=duisburg.measures.all(),
        title="Stand heute",
        formats=["pdf"],
    )
    data = demand_report_data(report)
    with translation.override("de"):
        html = render_to_string("reports/report.html", context(data, layout=PAGE_LAYOUT))
        printed = print_html(data)
    # On the web page a drawing and its table; in the PDF a sentence of what was
    # reached, what was missed and what is next.
    assert html.count('class="chart chart--milestones"') == 1
    chart = html[html.index('id="report-milestones-7"') :]
    for state in ("reached", "missed", "open"):
        assert f"chart__milestone--{state}" in chart
    assert "erreicht am" in chart and "verpasst" in chart and "offen" in chart
    assert "chart--milestones" not in printed
    missed, next_due = (today + datetime.timedelta(days=days) for days in (-3, 60))
    assert (
        "Meilensteine: 1 von 3 erreicht"
        f" · verpasst: {missed:%d.%m.%Y} Gutachten"
        f" · als Nächstes fällig: {next_due:%d.%m.%Y} Bauantrag"
    ) in printed
    assert printed.count('class="report-measure__milestones"') == 1
