"""Anna imports indicator values from a CSV or Excel file: German numbers and dates,
years and months standing for their last day, every fault by row and column, and
nothing written unless the whole file is right."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from standort.indicators import importing, services
from standort.indicators.models import Observation

from .factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def rate(duisburg):
    return IndicatorFactory(initiative=duisburg, name="Arbeitslosenquote", unit="%")


@pytest.fixture
def jobs(duisburg):
    return IndicatorFactory(initiative=duisburg, name="Beschäftigte", unit="Personen")


def csv(*lines, header="Kennzahl;Stichtag;Wert;Anmerkung"):
    return "\n".join([header, *lines]).encode()


def xlsx(*rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read(initiative, content, name="werte.csv"):
    return importing.read(initiative, name, content)


def where(result):
    """The problems as (row, column, code): what the page lists, without its words."""
    return [(p.row, p.column, p.code) for p in result.problems]


# Reading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("12,5", Decimal("12.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1.234", Decimal("1234")),  # a German thousands point, not a decimal one
        ("1234.5", Decimal("1234.5")),
        ("-0,25", Decimal("-0.25")),
        ("18.000", Decimal("18000")),
        ("3,14159", Decimal("3.1416")),  # kept to the four places the column has
    ],
)
def test_numbers_are_read_the_german_way(duisburg, rate, cell, value):
    result = read(duisburg, csv(f"Arbeitslosenquote;2024;{cell}"))
    assert result.problems == []
    assert [row.value for row in result.rows] == [value]


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2024", D(2024, 12, 31)),
        ("03.2019", D(2019, 3, 31)),
        ("3/2019", D(2019, 3, 31)),
        ("2019-03", D(2019, 3, 31)),
        ("02.2024", D(2024, 2, 29)),
        ("31.12.2024", D(2024, 12, 31)),
        ("2024-12-31", D(2024, 12, 31)),
        ("30.06.2023", D(2023, 6, 30)),
    ],
)
def test_a_year_or_a_month_stands_for_its_last_day(duisburg, rate, cell, day):
    result = read(duisburg, csv(f"Arbeitslosenquote;{cell};11"))
    assert result.problems == []
    assert [row.observed_on for row in result.rows] == [day]


def test_headers_and_names_are_recognised_in_either_language_and_case(duisburg, rate, jobs):
    content = csv(
        "arbeitslosenquote;2024;11,6;BA",
        " BESCHÄFTIGTE ;2024;18.000;",
        header=("indicator,As of,VALUE,Source").replace(",", ";"),
    )
    result = read(duisburg, content)
    assert result.problems == []
    assert [(r.row, r.indicator, r.observed_on, r.value, r.note) for r in result.rows] == [
        (2, rate, D(2024, 12, 31), Decimal("11.6"), "BA"),
        (3, jobs, D(2024, 12, 31), Decimal("18000"), ""),
    ]


def test_an_excel_file_is_read_with_its_number_and_date_cells(duisburg, rate, jobs):
    content = xlsx(
        ["Kennzahl", "Stichtag", "Wert", "Anmerkung"],
        ["Arbeitslosenquote", datetime.datetime(2024, 12, 31), 11.6, "BA"],
        ["Arbeitslosenquote", 2023, "12,1", None],
        ["Beschäftigte", "06.2024", 18000, None],
    )
    result = read(duisburg, content, "werte.xlsx")
    assert result.problems == []
    assert [(r.row, r.indicator, r.observed_on, r.value) for r in result.rows] == [
        (2, rate, D(2024, 12, 31), Decimal("11.6")),
        (3, rate, D(2023, 12, 31), Decimal("12.1")),
        (4, jobs, D(2024, 6, 30), Decimal("18000")),
    ]


def test_every_fault_is_named_by_row_and_column(duisburg, rate):
    content = csv(
        "Arbeitslosenquote;2022;11,3;",  # 2: right
        "Arbeitsquote;2023;11,6;",  # 3: no such indicator
        "Arbeitslosenquote;2024;;",  # 4: no value
        "Arbeitslosenquote;2025;zwölf;",  # 5: not a number
        "Arbeitslosenquote;31.02.2024;11;",  # 6: no such day
        "Arbeitslosenquote;13.2024;11;",  # 7: no such month
        "Arbeitslosenquote;31.12.2022;11,4;",  # 8: the day of row 2 again
        f"Arbeitslosenquote;2021;11,8;{'x' * 301}",  # 9: note too long
        ";2020;11;",  # 10: no indicator
        "Arbeitslosenquote;;11;",  # 11: no day
        "Arbeitslosenquote;2019;1.000.000.000.000;",  # 12: too large for the column
    )
    result = read(duisburg, content)
    assert where(result) == [
        (3, "Kennzahl", "unknown_indicator"),
        (4, "Wert", "required"),
        (5, "Wert", "number"),
        (6, "Stichtag", "date"),
        (7, "Stichtag", "date"),
        (8, "Stichtag", "duplicate"),
        (9, "Anmerkung", "too_long"),
        (10, "Kennzahl", "required"),
        (11, "Stichtag", "required"),
        (12, "Wert", "too_large"),
    ]
    assert "2" in result.problems[5].message  # the duplicate names the first row


def test_a_missing_column_is_named_in_the_header_row(duisburg, rate):
    result = read(duisburg, csv("Arbeitslosenquote;2024", header="Kennzahl;Stichtag"))
    assert where(result) == [(1, "Wert", "missing_column")]
    assert result.rows == []


def test_a_column_given_twice_is_refused(duisburg, rate):
    content = csv("Arbeitslosenquote;2024;11;12", header="Kennzahl;Stichtag;Wert;Value")
    assert [p.code for p in read(duisburg, content).problems] == ["duplicate_column"]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("werte.txt", b"Kennzahl;Stichtag;Wert\n", "file_type"),
        ("werte.csv", b"", "empty"),
        ("werte.csv", b"Kennzahl;Stichtag;Wert\n", "no_rows"),
        ("werte.xlsx", b"PK\x03\x04 kaputt", "broken_xlsx"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_problem_without_a_row(duisburg, name, content, code):
    result = read(duisburg, content, name)
    assert where(result) == [(None, "", code)]


def test_another_initiatives_indicator_is_unknown(duisburg, muelheim, rate):
    IndicatorFactory(initiative=muelheim, name="Industriebeschäftigte")
    result = read(duisburg, csv("Industriebeschäftigte;2024;18000;"))
    assert where(result) == [(2, "Kennzahl", "unknown_indicator")]


# Storing ------------------------------------------------------------------------------


def test_a_value_for_a_day_with_one_replaces_it(duisburg, anna, rate):
    old = ObservationFactory(indicator=rate, observed_on=D(2023, 12, 31), value=Decimal("12"))
    same = ObservationFactory(indicator=rate, observed_on=D(2022, 12, 31), value=Decimal("11.3"))
    result = read(
        duisburg,
        csv(
            "Arbeitslosenquote;2023;11,6;BA",  # changed
            "Arbeitslosenquote;2022;11,3;",  # as stored: not counted
            "Arbeitslosenquote;2024;12,1;BA",  # new
        ),
    )

    assert services.observations_import(actor=anna, rows=result.rows) == (1, 1)

    old.refresh_from_db()
    same.refresh_from_db()
    assert (old.value, old.note, old.version) == (Decimal("11.6"), "BA", 2)
    assert same.version == 1
    assert Observation.objects.filter(indicator=rate).count() == 3
    assert old.history.count() == 2  # created, changed by the import
    assert old.history.first().history_user == anna


def upload(content, name="werte.csv"):
    return {"file": SimpleUploadedFile(name, content)}


def test_anna_imports_a_file(duisburg, anna, rate, jobs, client):
    ObservationFactory(indicator=rate, observed_on=D(2023, 12, 31), value=Decimal("12"))
    client.force_login(anna)

    response = client.post(
        reverse("observations_import", args=["duisburg"]),
        upload(csv("Arbeitslosenquote;2023;11,6;", "Beschäftigte;06.2024;18.000;IT.NRW")),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("indicator_list", args=["duisburg"])
    stored = Observation.objects.order_by("indicator__name").values_list(
        "indicator__name", "observed_on", "value", "note"
    )
    assert list(stored) == [
        ("Arbeitslosenquote", D(2023, 12, 31), Decimal("11.6"), ""),
        ("Beschäftigte", D(2024, 6, 30), Decimal("18000"), "IT.NRW"),
    ]


def test_anna_imports_an_excel_file(duisburg, anna, rate, client):
    client.force_login(anna)
    content = xlsx(["Kennzahl", "Stichtag", "Wert"], ["Arbeitslosenquote", 2024, 12.1])

    response = client.post(
        reverse("observations_import", args=["duisburg"]), upload(content, "werte.xlsx")
    )

    assert response.status_code == 302
    assert list(Observation.objects.values_list("observed_on", "value")) == [
        (D(2024, 12, 31), Decimal("12.1"))
    ]


def test_one_bad_row_keeps_the_whole_file_out(duisburg, anna, rate, jobs, client):
    kept = ObservationFactory(indicator=rate, observed_on=D(2023, 12, 31), value=Decimal("12"))
    client.force_login(anna)
    before = Observation.objects.count()

    response = client.post(
        reverse("observations_import", args=["duisburg"]),
        upload(
            csv(
                "Arbeitslosenquote;2023;11,6;",
                "Beschäftigte;2024;18.000;",
                "Beschäftigte;2025;viele;",
            )
        ),
    )

    assert response.status_code == 200
    assert [(p.row, p.column, p.code) for p in response.context["problems"]] == [
        (4, "Wert", "number")
    ]
    assert 'id="import-problems"' in response.content.decode()
    assert Observation.objects.count() == before
    kept.refresh_from_db()
    assert kept.value == Decimal("12")


def test_the_template_lists_the_indicators_and_keeps_formulas_text(duisburg, anna, client):
    IndicatorFactory(initiative=duisburg, name="Arbeitslosenquote", position=1)
    IndicatorFactory(initiative=duisburg, name='=HYPERLINK("http://x")', position=2)
    client.force_login(anna)

    response = client.get(reverse("observations_template", args=["duisburg"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Kennzahl;Stichtag;Wert;Anmerkung"
    names = [line.split(";")[0] for line in lines[1:]]
    assert names == ["Arbeitslosenquote", '"\'=HYPERLINK(""http://x"")"']


@pytest.mark.parametrize("name", ["=Quote", "-Saldo", "+Zuwachs", "@Anteil", "%Anteil", "|Pipe"])
def test_the_filled_in_template_imports_back(duisburg, anna, client, name):
    """The quote that keeps a formula-like name text is taken off again on import."""
    indicator = IndicatorFactory(initiative=duisburg, name=name)
    client.force_login(anna)
    template = client.get(reverse("observations_template", args=["duisburg"])).content
    filled = template.decode("utf-8-sig").replace(";;", ";4,5;", 1).encode()

    response = client.post(reverse("observations_import", args=["duisburg"]), upload(filled))

    assert response.status_code == 302, response.context["problems"]
    assert Observation.objects.get().indicator == indicator


def test_a_name_with_an_apostrophe_before_a_formula_sign_imports_back(duisburg, anna, client):
    indicator = IndicatorFactory(initiative=duisburg, name="'=Quote")
    client.force_login(anna)
    template = client.get(reverse("observations_template", args=["duisburg"])).content
    filled = template.decode("utf-8-sig").replace(";;", ";4,5;", 1).encode()

    response = client.post(reverse("observations_import", args=["duisburg"]), upload(filled))

    assert response.status_code == 302
    assert Observation.objects.get().indicator == indicator
