"""The raw answers of a survey as CSV and XLSX (one row per response, one column per
question, declared once for both), and its results as PDF.

An anonymous survey's files name no firm, and a row shows a response's sector and size
only where the group it would single out has at least MIN_GROUP responses: the files
keep the small-group rule of the results page."""

import io

from defusedcsv import csv as defused_csv
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from standort.core import spreadsheets
from standort.core.pdf import pdf_from_html, running_page_style
from standort.initiatives.models import Organization

from . import queries
from .models import Answer, Question


def _shown_sectors(survey):
    """The sectors an anonymous survey's rows may name: those whose groups the results
    show (queries.shown_values)."""
    counts = {}
    for (sector, _size), n in queries.group_sizes(survey).items():
        counts[sector] = counts.get(sector, 0) + n
    return queries.shown_values(counts)


def _answer_text(question, answers):
    if question.is_choice:
        labels = dict(question.options)
        return "; ".join(labels.get(a.option, str(a.option)) for a in answers)
    if question.kind == Question.Kind.NUMBER:
        return answers[0].number if answers else None
    return answers[0].text if answers else ""


def table(survey):
    """(header, rows) of the raw answers: read in three queries, whatever their number.

    Of an anonymous survey the rows name no firm, no day, and of sector and size only
    the sector, where its group is shown on the results page (both would cross into
    small groups); they are ordered by their answers, not by their arrival."""
    private = survey.is_anonymous
    questions = list(
        Question.objects.filter(section__survey=survey).order_by(
            "section__position", "section__pk", "position", "pk"
        )
    )
    responses = list(
        queries.counted_responses(survey).select_related("organization").order_by("pk")
    )
    answers = {}
    for answer in Answer.objects.filter(response__in=[r.pk for r in responses]).order_by("pk"):
        answers.setdefault((answer.response_id, answer.question_id), []).append(answer)
    sectors, sizes = dict(Organization.Sector.choices), dict(Organization.Size.choices)
    shown_sectors = _shown_sectors(survey) if private else None
    header = [_("Sector (WZ 2008)")]
    if not private:
        header = [_("Received"), *header, _("Size"), _("Firm")]
    header += [question.text for question in questions]
    rows = []
    for response in responses:
        values = [
            _answer_text(question, answers.get((response.pk, question.pk), []))
            for question in questions
        ]
        if private:
            sector = response.sector if response.sector in shown_sectors else ""
            rows.append([str(sectors.get(sector, "")), *values])
        else:
            firm = response.organization.name if response.organization else ""
            rows.append(
                [
                    response.submitted_on,
                    str(sectors.get(response.sector, "")),
                    str(sizes.get(response.size, "")),
                    firm,
                    *values,
                ]
            )
    if private:
        rows.sort(key=lambda row: [str(value) for value in row])
    return [_("No."), *header], [[n, *row] for n, row in enumerate(rows, start=1)]


def _csv_cell(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    if not isinstance(value, str | int):
        return format(value, "f").replace(".", ",")
    return value


def write_csv(survey):
    """UTF-8 with BOM, semicolons, dates as 24.11.2026 and decimal commas: what German
    Excel opens with a double click; defusedcsv keeps texts from being formulas."""
    header, rows = table(survey)
    out = io.StringIO()
    writer = defused_csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(survey):
    header, rows = table(survey)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Answers")[:31])
    bold = Font(bold=True)
    heads = []
    for text in header:
        cell = spreadsheets.put(WriteOnlyCell(sheet), str(text))
        cell.font = bold
        heads.append(cell)
    sheet.append(heads)
    for row in rows:
        sheet.append([spreadsheets.put(WriteOnlyCell(sheet), value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def results_pdf(survey, results):
    today = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    html = render_to_string(
        "surveys/results_print.html",
        {
            "survey": survey,
            "results": results,
            "today": today,
            "min_group": queries.MIN_GROUP,
            "page_style": running_page_style(
                top_left=survey.initiative.name,
                top_right=survey.title,
                bottom_left=_("Results as of %(date)s") % {"date": today},
            ),
        },
    )
    return pdf_from_html(html)
