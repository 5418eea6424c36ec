"""The measure form with the initiative's own fields: what people type (German
numbers and dates) is stored exactly and shown again as they typed it."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from standort.measures import services
from standort.measures.forms import MeasureForm, parse_tags, ungroup
from standort.measures.models import CustomField, Measure

from .factories import CustomFieldFactory

pytestmark = pytest.mark.django_db
Kind = CustomField.Kind


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def form_for(measure, anna, data=None):
    return MeasureForm(data, instance=measure, initiative=measure.initiative, user=anna)


def posted(measure, anna, **values):
    form = form_for(measure, anna)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    return form_for(measure, anna, {**data, **values})


@pytest.mark.parametrize(
    ("kind", "typed", "stored", "python", "shown"),
    [
        (Kind.TEXT, " Bundesmittel ", "Bundesmittel", "Bundesmittel", "Bundesmittel"),
        (Kind.NUMBER, "1.500,5", "1500.5", Decimal("1500.5"), "1500,5"),
        (Kind.NUMBER, "-3", "-3", Decimal("-3"), "-3"),
        (Kind.NUMBER, "2.000", "2000", Decimal("2000"), "2000"),
        (Kind.AMOUNT, "1.500,5", "1500.50", Decimal("1500.50"), "1500,50"),
        (Kind.AMOUNT, "250000", "250000.00", Decimal("250000"), "250000,00"),
        # As the hint says euros (issue 14, item 18): the sign and spaces are no fault.
        (Kind.AMOUNT, "50.000 €", "50000.00", Decimal("50000"), "50000,00"),
        (Kind.AMOUNT, "€ 1.500,50", "1500.50", Decimal("1500.50"), "1500,50"),
        (Kind.AMOUNT, "50\u00a0000 EUR", "50000.00", Decimal("50000"), "50000,00"),
        (Kind.DATE, "24.11.2026", "2026-11-24", datetime.date(2026, 11, 24), "2026-11-24"),
        (Kind.DATE, "2026-11-24", "2026-11-24", datetime.date(2026, 11, 24), "2026-11-24"),
        (Kind.CHOICE, "mittel", "mittel", "mittel", "mittel"),
        (Kind.BOOLEAN, "true", True, True, "true"),
        (Kind.BOOLEAN, "false", False, False, "false"),
    ],
)
def test_own_field_values_round_trip(measures, anna, kind, typed, stored, python, shown):
    measure = measures["duisburg"].measure
    field = CustomFieldFactory(initiative=measure.initiative, kind=kind, choices="hoch\nmittel")

    form = posted(measure, anna, **{field.key: typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data[field.key] == python
    services.set_custom_values(measure, form.custom_fields, form.cleaned_data)
    services.measure_save(actor=anna, measure=measure, expected_version=measure.version)

    saved = Measure.objects.get(pk=measure.pk)
    assert saved.custom_values[field.key] == stored
    widget = str(form_for(saved, anna)[field.key])
    if kind in (Kind.CHOICE, Kind.BOOLEAN):
        assert f'value="{shown}" selected' in widget
    else:
        assert f'value="{shown}"' in widget


@pytest.mark.parametrize(
    ("kind", "typed"),
    [
        (Kind.NUMBER, "viel"),
        (Kind.NUMBER, "1,2,3"),
        (Kind.AMOUNT, "12,345"),  # cents only to two places
        (Kind.DATE, "31.02.2018"),
        (Kind.CHOICE, "gering"),
        (Kind.BOOLEAN, "vielleicht"),
    ],
)
def test_bad_own_field_values_are_refused_next_to_the_field(measures, anna, kind, typed):
    measure = measures["duisburg"].measure
    field = CustomFieldFactory(initiative=measure.initiative, kind=kind, choices="hoch")
    form = posted(measure, anna, **{field.key: typed})
    assert not form.is_valid()
    assert list(form.errors) == [field.key]


def test_emptying_an_own_field_removes_its_value(measures, anna):
    measure = measures["duisburg"].measure
    field = measures["duisburg"].field
    measure.custom_values = {field.key: "hoch", "f999999": "kept"}
    form = posted(measure, anna, **{field.key: ""})
    assert form.is_valid(), form.errors
    services.set_custom_values(measure, form.custom_fields, form.cleaned_data)
    assert measure.custom_values == {"f999999": "kept"}


def test_fields_of_another_initiative_are_not_in_the_form(measures, anna):
    form = form_for(measures["duisburg"].measure, anna)
    assert measures["duisburg"].field.key in form.fields
    assert measures["muelheim"].field.key not in form.fields


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("1.500,5", "1500,5"),
        ("1.500", "1500"),
        ("1.500.000", "1500000"),
        ("1500,5", "1500,5"),
        ("1.5", "1.5"),  # not German grouping: left for the field to judge
    ],
)
def test_german_thousands_separators(typed, plain):
    assert ungroup(typed) == plain


def test_english_thousands_separators():
    with translation.override("en"):
        assert ungroup("1,500.5") == "1500.5"
        assert ungroup("1,500") == "1500"


def test_tags_are_split_at_commas_without_repeats():
    assert parse_tags(" Glasfaser, breitband,, glasfaser , Breitband ") == [
        "Glasfaser",
        "breitband",
    ]
    assert parse_tags("") == []
