"""Files for the exchange tests: the export of an initiative's measures as a table of
text, written back as CSV or XLSX with a cell changed, so that each test shows the
fault it is about and nothing else."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from standort.measures import exchange
from standort.measures.exchange import columns as c
from standort.measures.models import Measure, Partnership, Tag
from standort.measures.queries import measures_for


def export_table(initiative):
    """The CSV export as a list of rows of text."""
    content = exchange.write_csv(initiative, measures_for(initiative).order_by("number"))
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def to_csv(table, *, delimiter=";", encoding="utf-8-sig"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    return out.getvalue().encode(encoding)


def to_xlsx(table):
    workbook = openpyxl.Workbook()
    for row in table:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def changed(table, number, header, value):
    """The table with one cell of the row of measure `number` set to `value`."""
    index = table[0].index(header)
    for row in table[1:]:
        if row[0] == str(number):
            row[index] = value
    return table


def counts():
    """Rows that an import may write: measures, partners, tags and their histories."""
    return (
        Measure.objects.count(),
        Partnership.objects.count(),
        Tag.objects.count(),
        Measure.history.count(),
        Partnership.history.count(),
    )


def problems(plan):
    return [(p.row, p.column, p.code) for p in plan.errors]


def new_row(table, title, **cells):
    row = [""] * len(table[0])
    row[table[0].index(c.TITLE)] = title
    for header, value in cells.items():
        row[table[0].index(header)] = value
    table.append(row)
    return table


def upload(client, content, name="liste.csv"):
    return client.post(
        reverse("measure_import", args=["duisburg"]),
        {"file": SimpleUploadedFile(name, content)},
    )
