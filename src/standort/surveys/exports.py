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
from .models import Answer, Question, Response


def shown_groups(survey, sector, size, count):
    """The sector and size a row may show: both, one of them or none, whichever group
    the results page would show (queries.may_show)."""
    if queries.may_show(survey, sector, size, count):
        return sector, size
    if queries.may_show(survey, sector, "", count):
        return sector, ""
    if queries.may_show(survey, "", size, count):
        return "", size
    return "", ""


def _answer_text(question, answers):
    if question.is_choice:
        labels = dict(question.options)
        return "; ".join(labels.get(a.option, str(a.option)) for a in answers)
    if question.kind == Question.Kind.NUMBER:
        return answers[0].number if answers else None
    return answers[0].text if answers else ""


def table(survey):
    """(header, rows) of the raw answers: read in three queries, whatever their number."""
    questions = list(
        Question.objects.filter(section__survey=survey).order_by(
            "section__position", "section__pk", "position", "pk"
        )
    )
    responses = list(
        Response.objects.filter(survey=survey)
        .select_related("organization")
        .order_by("submitted_on", "pk")
    )
    answers = {}
    for answer in Answer.objects.filter(response__survey=survey).order_by("pk"):
        answers.setdefault((answer.response_id, answer.question_id), []).append(answer)
    count = queries.group_counter(queries.group_sizes(survey))
    sectors, size_labels = dict(Organization.Sector.choices), dict(Organization.Size.choices)
    header = [_("No."), _("Received"), _("Sector (WZ 2008)"), _("Size")]
    if not survey.is_anonymous:
        header.append(_("Firm"))
    header += [question.text for question in questions]
    rows = []
    for number, response in enumerate(responses, start=1):
        sector, size = shown_groups(survey, response.sector, response.size, count)
        row = [
            number,
            response.submitted_on,
            str(sectors.get(sector, "")),
            str(size_labels.get(size, "")),
        ]
        if not survey.is_anonymous:
            row.append(response.organization.name if response.organization else "")
        row += [
            _answer_text(question, answers.get((response.pk, question.pk), []))
            for question in questions
        ]
        rows.append(row)
    return header, rows


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
            "page_style": running_page_style(
                top_left=survey.initiative.name,
                top_right=survey.title,
                bottom_left=_("Results as of %(date)s") % {"date": today},
            ),
        },
    )
    return pdf_from_html(html)
