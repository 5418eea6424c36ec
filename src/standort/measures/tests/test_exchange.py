"""Export of the measure list (CSV, XLSX) and its import: preview, all or nothing,
every fault named by row and column.

Files for the import tests are built from the export of Duisburg's measures, with one
cell changed, so each test shows the fault it is about and nothing else."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from standort.initiatives.tests.factories import (
    InitiativeOrganizationFactory,
    OrganizationFactory,
    PersonFactory,
)
from standort.measures import custom_fields, exchange, services
from standort.measures.exchange import columns as c
from standort.measures.models import Measure, Partnership, PendingImport, Tag
from standort.measures.queries import measures_for
from standort.measures.views import exchange as exchange_views

from . import permission_table
from .factories import CustomFieldFactory, MeasureFactory, PartnershipFactory, TagFactory
from .permission_table import LOGIN, ask_everyone

pytestmark = pytest.mark.django_db
# The shared test world of the permission tables.
world = permission_table.world
personas = permission_table.personas

VIEWERS = {"olga", "ben", "stefan", "carl", "anna", "paul"}
MANAGERS = {"anna", "paul"}


# Building files ------------------------------------------------------------------


@pytest.fixture
def place(measures):
    """Duisburg with its two measures, measure 1 fully filled in, and a field of its own
    of every kind besides the choice field "Priorität"."""
    place = measures["duisburg"]
    d = place.initiative
    place.amount = CustomFieldFactory(initiative=d, label="Kosten", kind="amount", position=1)
    place.count = CustomFieldFactory(initiative=d, label="Anzahl", kind="number", position=2)
    place.date = CustomFieldFactory(initiative=d, label="Stichtag", kind="date", position=3)
    place.flag = CustomFieldFactory(initiative=d, label="Gefördert", kind="boolean", position=4)
    place.text = CustomFieldFactory(initiative=d, label="Programm", kind="text", position=5)
    m = place.measure
    m.starts_on = datetime.date(2017, 3, 16)
    m.due_on = datetime.date(2020, 12, 31)
    m.description = "Glasfaser für alle Gewerbegebiete; auch „Hafen“.\nZweite Zeile."
    m.custom_values = {
        place.field.key: "hoch",
        place.amount.key: "1500.50",
        place.count.key: "12.5",
        place.date.key: "2018-02-28",
        place.flag.key: True,
        place.text.key: "EFRE",
    }
    m.save()
    services.set_tags(m, ["Digitalisierung", "Infrastruktur"])
    return place


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


# Export ----------------------------------------------------------------------------


def test_csv_is_what_german_excel_opens(place):
    content = exchange.write_csv(place.initiative, measures_for(place.initiative))
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    header, first = text.split("\r\n")[0], export_table(place.initiative)[1]
    assert header.split(";") == exchange.headers(
        [place.field, place.amount, place.count, place.date, place.flag, place.text]
    )
    row = dict(zip(export_table(place.initiative)[0], first, strict=True))
    assert row[c.NUMBER] == "1"
    assert row[c.BODY] == "Arbeitskreis Mittelstand"
    assert row[c.OWNER] == "Ben Brandt"
    assert row[c.OWNER_EMAIL] == "ben@example.org"
    assert row[c.PARTNERS] == "Stefan Sauer (Glasfaser Rhein-Ruhr GmbH): Projektpartner"
    assert (row[c.STARTS_ON], row[c.DUE_ON]) == ("16.03.2017", "31.12.2020")
    assert row["Kosten"] == "1500,50"
    assert row["Anzahl"] == "12,5"
    assert row["Stichtag"] == "28.02.2018"
    assert row["Gefördert"] == "Ja"
    assert row[c.TAGS] == "Digitalisierung, Infrastruktur"
    assert row[c.DESCRIPTION].endswith("\nZweite Zeile.")  # one cell, quoted
    assert row[c.NEXT_MILESTONE].endswith("Ausschreibung Glasfaser")


def test_xlsx_has_a_bold_frozen_header_and_real_dates(place):
    content = exchange.write_xlsx(place.initiative, measures_for(place.initiative))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row[c.DUE_ON].value == datetime.datetime(2020, 12, 31)
    assert row[c.DUE_ON].number_format == "DD.MM.YYYY"
    assert row["Kosten"].value == 1500.5
    assert "€" in row["Kosten"].number_format
    assert row[c.NUMBER].value == 1
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


def test_a_formula_stays_text(place):
    place.measure.title = '=HYPERLINK("http://evil.example","klick")'
    place.measure.save()
    table = export_table(place.initiative)
    assert table[1][1] == "'" + place.measure.title
    content = exchange.write_xlsx(place.initiative, measures_for(place.initiative))
    cell = openpyxl.load_workbook(io.BytesIO(content)).active["B2"]
    assert (cell.data_type, cell.value) == ("s", place.measure.title)
    # Both read back as the title, unchanged.
    for name, data in [("a.csv", to_csv(table)), ("a.xlsx", content)]:
        plan = exchange.read(place.initiative, name, data)
        assert (plan.errors, plan.updates, plan.unchanged) == ([], [], 2)


def test_export_views_export_the_list_as_filtered(place, client, olga):
    client.force_login(olga)
    url = reverse("measure_export_csv", args=["duisburg"])
    response = client.get(url, {"body": place.other_group.pk})
    assert response["Content-Type"].startswith("text/csv")
    today = datetime.date.today()
    assert f'filename="massnahmen-duisburg-{today:%Y-%m-%d}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["Beirat Imageentwicklung"]
    response = client.get(reverse("measure_export_xlsx", args=["duisburg"]), {"q": "Breitband"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Breitband bis 2020"
    ]
    assert ".xlsx" in response["Content-Disposition"]


@pytest.mark.parametrize("write", [exchange.write_csv, exchange.write_xlsx])
def test_export_query_count_does_not_grow_with_rows(place, write):
    def queries_for(n):
        Measure.objects.filter(initiative=place.initiative, number__gt=2).delete()
        for i in range(n):
            m = MeasureFactory(initiative=place.initiative, number=10 + i, parent=place.measure)
            PartnershipFactory(measure=m)
            m.tags.add(TagFactory(initiative=place.initiative))
        with CaptureQueriesContext(connection) as captured:
            write(place.initiative, measures_for(place.initiative).order_by("number"))
        return len(captured)

    # custom fields, people (ambiguous names), measures, tags, partnerships
    assert queries_for(3) == queries_for(30) == 5


# Import: good files ----------------------------------------------------------------


def test_a_file_as_exported_changes_nothing(place):
    before = counts()
    table = export_table(place.initiative)
    for name, content in [
        ("liste.csv", to_csv(table)),
        ("liste.xlsx", exchange.write_xlsx(place.initiative, measures_for(place.initiative))),
    ]:
        plan = exchange.read(place.initiative, name, content)
        assert (plan.errors, plan.creates, plan.updates, plan.unchanged) == ([], [], [], 2)
        exchange.apply(None, place.initiative, plan)
    assert counts() == before


def test_preview_lists_creates_and_updates_with_old_and_new(place):
    table = export_table(place.initiative)
    changed(table, 1, c.DUE_ON, "30.06.2021")
    changed(table, 1, "Kosten", "2.000,00")
    new = [""] * len(table[0])
    new[table[0].index(c.TITLE)] = "Gründerzentrum am Hafen"
    new[table[0].index(c.BODY)] = "arbeitskreis image"  # names match whatever the case
    new[table[0].index(c.STATUS)] = c.german_labels(Measure.Status)["adopted"].upper()
    table.append(new)
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert plan.errors == []
    assert plan.unchanged == 1
    [create] = plan.creates
    assert (create.number, create.title, create.values["body"]) == (
        None,
        "Gründerzentrum am Hafen",
        place.other_group,
    )
    [update] = plan.updates
    assert update.number == 1
    assert [(ch.label, ch.old, ch.new) for ch in update.changes] == [
        (c.DUE_ON, "31.12.2020", "30.06.2021"),
        ("Kosten", "1.500,50 €", "2.000,00 €"),
    ]


def test_confirming_applies_everything_and_a_second_import_changes_nothing(place, anna):
    table = export_table(place.initiative)
    changed(table, 2, c.OWNER, "Stefan Sauer")
    changed(table, 2, c.OWNER_EMAIL, "")
    changed(table, 2, c.ORGANIZATION, "")  # then it is the new owner's
    changed(table, 2, c.TAGS, "Image, Neu")
    changed(table, 1, c.PARTNERS, "")
    new = [""] * len(table[0])
    new[0], new[1], new[table[0].index(c.PARENT)] = "7", "Teilprojekt", "1"
    table.append(new)
    content = to_csv(table)
    plan = exchange.read(place.initiative, "liste.csv", content)
    assert exchange.apply(anna, place.initiative, plan) == (1, 2)

    second = Measure.objects.get(initiative=place.initiative, number=2)
    assert second.owner == place.partnership.person
    assert second.owner_organization == place.partnership.person.organization
    assert sorted(second.tags.values_list("name", flat=True)) == ["Image", "Neu"]
    assert not Partnership.objects.filter(measure=place.measure).exists()
    part = Measure.objects.get(initiative=place.initiative, number=7)
    assert (part.title, part.parent) == ("Teilprojekt", place.measure)
    assert part.history.first().history_user == anna

    before = counts()
    versions = list(Measure.objects.order_by("pk").values_list("version", flat=True))
    plan = exchange.read(place.initiative, "liste.csv", content)
    assert (plan.creates, plan.updates, plan.unchanged) == ([], [], 3)
    exchange.apply(anna, place.initiative, plan)
    assert counts() == before
    assert list(Measure.objects.order_by("pk").values_list("version", flat=True)) == versions


def test_updates_keep_history_search_text_and_progress(place, anna):
    """What measure_save and partnership_save gave each row, the bulk writing gives too."""
    d = place.initiative
    part = MeasureFactory(initiative=d, number=3, title="Teil", parent=place.measure)
    services.refresh_progress(part)
    table = export_table(d)
    changed(table, 3, c.STATUS, c.german_labels(Measure.Status)["done"])
    changed(table, 1, c.TITLE, "Glasfaser überall")
    changed(table, 1, c.PARTNERS, "Stefan Sauer (Glasfaser Rhein-Ruhr GmbH): Berater")
    changed(table, 1, "Kosten", "2.000,00")
    version = Measure.objects.get(pk=place.measure.pk).version
    exchange.apply(anna, d, exchange.read(d, "a.csv", to_csv(table)))

    measure = Measure.objects.get(pk=place.measure.pk)
    assert (measure.version, measure.progress) == (version + 1, 100)  # its only part is done
    assert "glasfaser ueberall" in measure.search_text
    record = measure.history.first()
    assert (record.history_user, record.history_type, record.version) == (anna, "~", version + 1)
    changes = {change[0]: change[1:] for change in record.history_changes["changes"]}
    assert changes["title"] == ["Breitband bis 2020", "Glasfaser überall"]
    assert changes["custom_values"][1:] == ["2.000,00 €", "Kosten"]
    partner = Partnership.history.filter(id=place.partnership.pk).first()
    assert (partner.history_user, partner.role) == (anna, "Berater")
    assert partner.history_changes["changes"] == [["role", "Projektpartner", "Berater"]]


def test_a_save_between_check_and_write_stops_the_import(place, anna, monkeypatch):
    """The version is checked in the UPDATE itself, not only before it."""
    from standort.core.concurrency import ConcurrentEditError
    from standort.measures.exchange import importing

    table = changed(export_table(place.initiative), 1, c.TITLE, "Glasfaser überall")
    plan = exchange.read(place.initiative, "a.csv", to_csv(table))

    def check_then_someone_saves(measures):
        services.measure_save(actor=anna, measure=Measure.objects.get(pk=place.measure.pk))

    monkeypatch.setattr(importing, "_check_versions", check_then_someone_saves)
    with pytest.raises(ConcurrentEditError):
        exchange.apply(anna, place.initiative, plan)
    assert Measure.objects.get(pk=place.measure.pk).title == "Breitband bis 2020"


def test_new_rows_without_number_take_the_next_free_ones(place, anna):
    header = [c.NUMBER, c.TITLE, c.PARENT]
    table = [header, ["", "Ohne Nummer", "5"], ["5", "Mit Nummer 5", ""], ["", "Noch eine", ""]]
    plan = exchange.read(place.initiative, "neu.csv", to_csv(table))
    assert plan.errors == []
    exchange.apply(anna, place.initiative, plan)
    made = dict(
        Measure.objects.filter(initiative=place.initiative, number__gt=2).values_list(
            "title", "number"
        )
    )
    assert made["Mit Nummer 5"] == 5
    assert sorted([made["Ohne Nummer"], made["Noch eine"]]) == [6, 7]
    assert (
        Measure.objects.get(number=made["Ohne Nummer"], initiative=place.initiative).parent.number
        == 5
    )


def test_partners_with_the_same_name_are_told_apart_by_email(place, anna):
    d = place.initiative
    twin = PersonFactory(
        first_name="Stefan", last_name="Sauer", email="s2@example.org", initiative=d
    )
    twin_org = OrganizationFactory(name="Hafen (Duisburg): AG")
    PartnershipFactory(
        measure=place.other_measure, person=twin, organization=twin_org, role="Ideen: und mehr"
    )
    table = export_table(d)
    partners = table[2][table[0].index(c.PARTNERS)]
    assert partners == "Stefan Sauer <s2@example.org> (Hafen (Duisburg): AG): Ideen: und mehr"
    plan = exchange.read(d, "a.csv", to_csv(table))
    assert (plan.errors, plan.unchanged) == ([], 2)
    # Without the address the name is ambiguous.
    changed(table, 2, c.PARTNERS, "Stefan Sauer (Hafen (Duisburg): AG)")
    plan = exchange.read(d, "a.csv", to_csv(table))
    assert problems(plan) == [(3, c.PARTNERS, "ambiguous_person")]


def test_names_that_casefold_longer_are_found(place):
    """“ß” casefolds to “ss”: the partner cell is matched on its own letters."""
    d = place.initiative
    person = PersonFactory(first_name="Yvonne", last_name="Preiß", initiative=d)
    PartnershipFactory(
        measure=place.other_measure,
        person=person,
        organization=OrganizationFactory(name="Süßebier GmbH"),
        role="Straße",
    )
    table = export_table(d)
    assert table[2][table[0].index(c.PARTNERS)] == "Yvonne Preiß (Süßebier GmbH): Straße"
    plan = exchange.read(d, "a.csv", to_csv(table))
    assert (plan.errors, plan.unchanged) == ([], 2)


def test_organisations_of_the_same_name_are_told_apart_by_the_person(place):
    d = place.initiative
    glasfaser = place.partnership.organization
    for person in [place.measure.owner, place.partnership.person]:
        person.organization = glasfaser
        person.save()
    namesake = OrganizationFactory(name=glasfaser.name)
    InitiativeOrganizationFactory(initiative=d, organization=namesake)
    table = export_table(d)
    plan = exchange.read(d, "a.csv", to_csv(table))
    assert (plan.errors, plan.unchanged) == ([], 2)
    # Measure 2's owner does not belong to either: that is ambiguous.
    changed(table, 2, c.ORGANIZATION, glasfaser.name)
    plan = exchange.read(d, "a.csv", to_csv(table))
    assert problems(plan) == [(3, c.ORGANIZATION, "ambiguous_organization")]


def test_cp1252_and_comma_separated_csv_are_read(place):
    table = export_table(place.initiative)
    changed(table, 1, c.TITLE, "Breitband für Gewerbegebiete – Straße")
    plan = exchange.read(
        place.initiative, "excel.csv", to_csv(table, delimiter=",", encoding="cp1252")
    )
    assert plan.errors == []
    assert plan.encoding == "Windows-1252"
    [update] = plan.updates
    assert update.changes[0].new == "Breitband für Gewerbegebiete – Straße"


# Import: bad files -----------------------------------------------------------------

BAD_CELLS = [
    # (header, value, code) – set in the row of measure 2, which is row 3 of the file
    (c.BODY, "Arbeitskreis Unbekannt", "unknown_body"),
    (c.ADOPTED_BY, "Rat der Stadt", "unknown_body"),
    (c.TOPIC, "Raumfahrt", "unknown_topic"),
    (c.OWNER, "Max Mustermann", "unknown_person"),
    (c.ORGANIZATION, "Unbekannte GmbH", "unknown_organization"),
    (c.PARTNERS, "Nora Niemand (Glasfaser Rhein-Ruhr GmbH): Partner", "unknown_partner"),
    (c.PARENT, "99", "unknown_parent"),
    (c.PARENT, "2", "parent_circle"),
    (c.DUE_ON, "31.02.2018", "date"),
    (c.STARTS_ON, "morgen", "date"),
    (c.NUMBER, "zwei", "number"),
    (c.NUMBER, "1", "duplicate_number"),
    (c.WEIGHT, "0", "weight"),
    (c.WEIGHT, "101", "weight"),
    (c.WEIGHT, "1,5", "weight"),
    (c.STATUS, "erledigt?", "status"),
    (c.KIND, "Wunsch", "kind"),
    (c.TITLE, "", "title_required"),
    (c.TITLE, "x" * 301, "too_long"),
    (c.TAGS, "y" * 51, "too_long"),
    ("Priorität", "dringend", "choice"),
    ("Kosten", "viel", "number"),
    ("Anzahl", "1,2,3", "number"),
    ("Stichtag", "30.02.2019", "date"),
    ("Gefördert", "vielleicht", "yes_no"),
]


@pytest.mark.parametrize(
    ("header", "value", "code"), BAD_CELLS, ids=[f"{h}-{code}" for h, _v, code in BAD_CELLS]
)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_bad_cell_is_named_by_row_and_column(place, header, value, code, kind):
    table = changed(export_table(place.initiative), 2, header, value)
    content = to_csv(table) if kind == "csv" else to_xlsx(table)
    plan = exchange.read(place.initiative, f"liste.{kind}", content)
    assert problems(plan) == [(3, header, code)]
    assert (plan.creates, plan.updates) == ([], [])
    if value:
        assert value[:40] in str(plan.errors[0]) or code in {
            "duplicate_number",
            "parent_circle",
            "too_long",
        }
    with pytest.raises(services.DomainError):
        exchange.apply(None, place.initiative, plan)


def test_row_numbers_are_those_excel_shows(place):
    """The example of the issue: row 14, the due date 31.02.2018."""
    table = export_table(place.initiative)
    title = table[0].index(c.TITLE)
    for n in range(11):
        row = [""] * len(table[0])
        row[title] = f"Maßnahme {n}"
        table.append(row)
    changed(table, "", c.DUE_ON, "")  # the new rows have no number
    table[13][table[0].index(c.DUE_ON)] = "31.02.2018"
    plan = exchange.read(place.initiative, "liste.xlsx", to_xlsx(table))
    [error] = plan.errors
    assert (error.row, error.column, error.code) == (14, c.DUE_ON, "date")
    assert "14" in str(error) and "„Fällig am“" in str(error) or "“Fällig am”" in str(error)
    assert "31.02.2018" in str(error)


def test_every_fault_is_listed_not_just_the_first(place):
    table = export_table(place.initiative)
    changed(table, 1, c.BODY, "Arbeitskreis X")
    changed(table, 2, c.DUE_ON, "31.02.2018")
    changed(table, 2, c.OWNER, "Niemand")
    changed(table, 2, c.OWNER_EMAIL, "")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == [
        (2, c.BODY, "unknown_body"),
        (3, c.OWNER, "unknown_person"),
        (3, c.DUE_ON, "date"),
    ]


def test_rules_across_cells(place):
    table = export_table(place.initiative)
    changed(table, 1, c.DUE_ON, "01.01.2017")  # before the start, 16.03.2017
    changed(table, 2, c.OWNER, "Stefan Sauer")
    changed(table, 2, c.OWNER_EMAIL, "ben@example.org")
    table = changed(table, 1, c.PARTNERS, "Ben Brandt\nStefan Sauer\nStefan Sauer")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == [
        (2, c.PARTNERS, "partner_twice"),
        (2, c.PARTNERS, "owner_is_partner"),
        (2, c.DUE_ON, "due_before_start"),
    ]


def test_an_ambiguous_owner_name_needs_the_address(place):
    PersonFactory(first_name="Ben", last_name="Brandt", initiative=place.initiative)
    table = changed(export_table(place.initiative), 1, c.OWNER_EMAIL, "")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == [(2, c.OWNER, "ambiguous_person")]


def test_a_person_of_another_initiative_is_unknown(place, measures):
    table = changed(export_table(place.initiative), 2, c.OWNER, "Clara Conrad")
    changed(table, 2, c.OWNER_EMAIL, "clara@example.org")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == [(3, c.OWNER, "unknown_person")]


def test_the_name_decides_over_an_old_address(place):
    """The office changes only “Verantwortlich”: the old owner's address still in the
    row does not stop it."""
    georg = PersonFactory(first_name="Georg", last_name="Schulz", initiative=place.initiative)
    table = changed(export_table(place.initiative), 1, c.OWNER, "Georg Schulz")
    assert table[1][table[0].index(c.OWNER_EMAIL)] == "ben@example.org"
    changed(table, 2, c.PARTNERS, "Georg Schulz <ben@example.org>: Beratung")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert plan.errors == []
    first, second = plan.updates
    assert first.values["owner"] == georg
    assert [(p.pk, r) for p, _o, r in second.partners] == [(georg.pk, "Beratung")]


def test_an_unknown_owner_name_is_not_about_the_address(place):
    table = changed(export_table(place.initiative), 1, c.OWNER, "Max Mustermann")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == [(2, c.OWNER, "unknown_person")]
    assert "Max Mustermann" in str(plan.errors[0])
    assert "ben@example.org" not in str(plan.errors[0])


def test_the_address_tells_namesakes_apart_or_names_the_owner_alone(place):
    twin = PersonFactory(
        first_name="Ben", last_name="Brandt", email="ben2@example.org", initiative=place.initiative
    )
    table = changed(export_table(place.initiative), 1, c.OWNER_EMAIL, "ben2@example.org")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert plan.errors == []
    assert plan.updates[0].values["owner"] == twin
    changed(table, 1, c.OWNER_EMAIL, "niemand@example.org")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == [(2, c.OWNER_EMAIL, "unknown_email")]
    # No name: the address alone says who.
    changed(table, 2, c.OWNER, "")
    changed(table, 2, c.OWNER_EMAIL, "ben2@example.org")
    changed(table, 1, c.OWNER_EMAIL, "ben@example.org")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert plan.errors == []
    assert [u.values["owner"] for u in plan.updates] == [twin]


def _new_row(table, title, **cells):
    row = [""] * len(table[0])
    row[table[0].index(c.TITLE)] = title
    for header, value in cells.items():
        row[table[0].index(header)] = value
    table.append(row)
    return table


def test_a_row_without_number_is_the_measure_of_its_title(place, anna):
    """Imported twice, a file of new measures makes them once."""
    table = _new_row(export_table(place.initiative), "Campus Duisburg", **{c.WEIGHT: "2"})
    _new_row(table, "Gründerzentrum")
    content = to_csv(table)
    exchange.apply(anna, place.initiative, exchange.read(place.initiative, "a.csv", content))
    before, versions = counts(), list(Measure.objects.values_list("pk", "version"))
    plan = exchange.read(place.initiative, "a.csv", content)
    assert (plan.errors, plan.creates, plan.updates, plan.unchanged) == ([], [], [], 4)
    exchange.apply(anna, place.initiative, plan)
    assert counts() == before
    assert list(Measure.objects.values_list("pk", "version")) == versions
    # Case and spacing do not matter; a changed cell updates the measure.
    table[3][table[0].index(c.TITLE)] = "  campus   DUISBURG "
    table[3][table[0].index(c.WEIGHT)] = "5"
    plan = exchange.read(place.initiative, "a.csv", to_csv(table))
    assert plan.errors == [] and plan.creates == []
    [update] = plan.updates
    assert (update.row, update.measure.title) == (4, "Campus Duisburg")
    exchange.apply(anna, place.initiative, plan)
    assert Measure.objects.filter(initiative=place.initiative).count() == 4
    assert Measure.objects.get(initiative=place.initiative, number=3).weight == 5


def test_a_title_of_several_measures_needs_the_number(place):
    MeasureFactory(initiative=place.initiative, number=9, title=" breitband BIS 2020")
    table = _new_row(export_table(place.initiative), "Breitband bis 2020")
    assert len(table) == 5  # measures 1, 2 and 9, then the row without a number
    plan = exchange.read(place.initiative, "a.csv", to_csv(table))
    assert problems(plan) == [(5, c.TITLE, "ambiguous_title")]


def test_rows_without_number_and_the_same_title_are_a_fault(place):
    table = _new_row(export_table(place.initiative), "Campus Duisburg")
    _new_row(table, "campus duisburg")
    # The title of measure 2 without its number, next to the row with its number.
    _new_row(table, "Beirat Imageentwicklung")
    plan = exchange.read(place.initiative, "a.csv", to_csv(table))
    assert problems(plan) == [(5, c.TITLE, "duplicate_title"), (6, c.TITLE, "duplicate_number")]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda h: [x for x in h if x != c.TITLE], [(1, c.TITLE, "missing_column")]),
        (
            lambda h: ["Titl" if x == c.TITLE else x for x in h],
            [(1, "Titl", "unknown_column"), (1, c.TITLE, "missing_column")],
        ),
        (lambda h: [*h, "Bemerkung"], [(1, "Bemerkung", "unknown_column")]),
        (lambda h: [*h, "Ziel"], [(1, "Ziel", "duplicate_column")]),
    ],
    ids=["missing", "typo", "unknown", "twice"],
)
def test_header_faults(place, change, expected):
    table = export_table(place.initiative)
    header = change(table[0])
    if len(header) < len(table[0]):
        drop = table[0].index(c.TITLE)
        table = [[v for i, v in enumerate(row) if i != drop] for row in table]
    table[0] = header
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == expected


def test_only_some_columns_keep_the_others(place, anna):
    table = [[c.NUMBER, c.TITLE, c.WEIGHT], ["1", "Breitband für alle", "3"]]
    plan = exchange.read(place.initiative, "kurz.csv", to_csv(table))
    exchange.apply(anna, place.initiative, plan)
    place.measure.refresh_from_db()
    assert (place.measure.title, place.measure.weight, place.measure.owner.email) == (
        "Breitband für alle",
        3,
        "ben@example.org",
    )
    assert place.measure.custom_values[place.amount.key] == "1500.50"


def _xlsx_bytes(place):
    return exchange.write_xlsx(place.initiative, measures_for(place.initiative))


FILES = [
    ("liste.txt", lambda p: to_csv(export_table(p.initiative)), "file_type"),
    ("liste.xls", lambda p: _xlsx_bytes(p), "file_type"),
    ("liste.xlsx", lambda p: to_csv(export_table(p.initiative)), "broken_xlsx"),
    ("liste.csv", _xlsx_bytes, "file_type"),
    ("liste.xlsx", lambda p: _xlsx_bytes(p)[:300], "broken_xlsx"),
    ("liste.xlsx", lambda p: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted_xlsx"),
    ("liste.csv", lambda p: b"", "empty"),
    ("liste.xlsx", lambda p: to_xlsx([]), "empty"),
    ("liste.csv", lambda p: to_csv(export_table(p.initiative)[:1]), "no_rows"),
    ("liste.xlsx", lambda p: to_xlsx(export_table(p.initiative)[:1]), "no_rows"),
    ("liste.csv", lambda p: b"Nummer;Titel\r\n1;\x81\x8d\xff\xfe\r\n", "encoding"),
]


@pytest.mark.parametrize(
    ("name", "content", "code"), FILES, ids=[f"{n}-{code}" for n, _c, code in FILES]
)
def test_a_bad_file_is_refused_as_a_whole(place, name, content, code):
    plan = exchange.read(place.initiative, name, content(place))
    assert problems(plan) == [(None, "", code)]


def test_a_file_too_large_is_refused(place, settings):
    settings.IMPORT_MAX_BYTES = 200
    plan = exchange.read(place.initiative, "liste.csv", to_csv(export_table(place.initiative)))
    assert problems(plan) == [(None, "", "too_large")]


# The import page ------------------------------------------------------------------


def upload(client, content, name="liste.csv"):
    return client.post(
        reverse("measure_import", args=["duisburg"]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_upload_with_faults_lists_them_and_writes_nothing(place, client, anna):
    client.force_login(anna)
    table = changed(export_table(place.initiative), 2, c.DUE_ON, "31.02.2018")
    changed(table, 1, c.BODY, "Arbeitskreis Unbekannt")
    before = counts()
    response = upload(client, to_csv(table))
    assert response.status_code == 200
    page = response.content.decode()
    assert "31.02.2018" in page and "Arbeitskreis Unbekannt" in page
    assert 'name="pending"' not in page
    assert counts() == before
    assert not PendingImport.objects.exists()


def test_upload_preview_and_confirm(place, client, anna):
    client.force_login(anna)
    table = changed(export_table(place.initiative), 1, c.TITLE, "Glasfaser überall")
    table.append(["", "Campus Duisburg"] + [""] * (len(table[0]) - 2))
    response = upload(client, to_xlsx(table), name="liste.xlsx")
    page = response.content.decode()
    assert "Campus Duisburg" in page
    assert "Breitband bis 2020" in page and "Glasfaser überall" in page
    pending = PendingImport.objects.get()
    assert Measure.objects.filter(title="Campus Duisburg").count() == 0
    # A second upload replaces the first pending one.
    upload(client, to_xlsx(table), name="liste.xlsx")
    pending = PendingImport.objects.get()
    response = client.post(reverse("measure_import", args=["duisburg"]), {"pending": pending.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("measure_list", args=["duisburg"])
    assert Measure.objects.filter(initiative=place.initiative, title="Campus Duisburg").exists()
    place.measure.refresh_from_db()
    assert place.measure.title == "Glasfaser überall"
    assert not PendingImport.objects.exists()


def test_preview_names_the_row_of_each_measure(place, client, anna):
    client.force_login(anna)
    table = changed(export_table(place.initiative), 2, c.TITLE, "Beirat Image")
    _new_row(table, "Campus Duisburg")
    response = upload(client, to_csv(table))
    assert [(e["row"], e["title"]) for e in response.context["creates"]] == [(4, "Campus Duisburg")]
    rows = re.findall(
        r'<tr class="kern-table__row">\s*<td[^>]*>(\d*)</td>\s*<td[^>]*>([^<]*)</td>',
        response.content.decode(),
    )
    # Created: row 4, the next free number; changed: row 3, measure 2.
    assert [(row, number.strip()) for row, number in rows][1:] == [("3", "2")]
    assert rows[0][0] == "4"


@pytest.mark.parametrize(("created", "updated"), [(1, 0), (2, 1)])
def test_the_success_message_counts_in_the_plural(
    place, client, anna, monkeypatch, created, updated
):
    client.force_login(anna)
    table = export_table(place.initiative)
    for n in range(created):
        _new_row(table, f"Neu {n}")
    if updated:
        changed(table, 1, c.TITLE, "Glasfaser überall")
    upload(client, to_csv(table))
    counted = []
    real = exchange_views.ngettext

    def ngettext(singular, plural, number):
        counted.append(number)
        return real(singular, plural, number)

    monkeypatch.setattr(exchange_views, "ngettext", ngettext)
    response = client.post(
        reverse("measure_import", args=["duisburg"]),
        {"pending": PendingImport.objects.get().pk},
        follow=True,
    )
    [message] = [str(m) for m in response.context["messages"]]
    assert counted == [created]
    assert f"{created} " in message and f"{updated} " in message


def test_confirm_reads_the_file_again(place, client, anna):
    """Between preview and confirmation the working group was renamed: the file is
    wrong now, and nothing is written."""
    client.force_login(anna)
    table = changed(export_table(place.initiative), 1, c.TITLE, "Glasfaser überall")
    upload(client, to_csv(table))
    pending = PendingImport.objects.get()
    place.group.name = "Arbeitskreis Mittelstand und Gründung"
    place.group.save()
    before = counts()
    response = client.post(reverse("measure_import", args=["duisburg"]), {"pending": pending.pk})
    assert response.status_code == 200
    assert "Arbeitskreis Mittelstand" in response.content.decode()
    assert counts() == before


def test_a_measure_changed_meanwhile_stops_the_import(place, client, anna, monkeypatch):
    client.force_login(anna)
    table = changed(export_table(place.initiative), 1, c.TITLE, "Glasfaser überall")
    table = changed(table, 2, c.TITLE, "Beirat Image")
    upload(client, to_csv(table))
    pending = PendingImport.objects.get()
    real_read = exchange.read

    def read_then_someone_saves(*args):
        plan = real_read(*args)
        services.measure_save(actor=anna, measure=Measure.objects.get(pk=place.other_measure.pk))
        return plan

    monkeypatch.setattr(exchange, "read", read_then_someone_saves)
    before = Measure.objects.get(pk=place.measure.pk).version
    response = client.post(reverse("measure_import", args=["duisburg"]), {"pending": pending.pk})
    assert response.status_code == 200
    place.measure.refresh_from_db()
    assert (place.measure.title, place.measure.version) == ("Breitband bis 2020", before)


@pytest.mark.parametrize("owner", ["paul", "other_initiative"])
def test_someone_elses_pending_import_is_not_found(place, client, anna, paul, muelheim, owner):
    pending = PendingImport.objects.create(
        initiative=muelheim if owner == "other_initiative" else place.initiative,
        created_by=anna if owner == "other_initiative" else paul,
        file_name="x.csv",
        content=to_csv(export_table(place.initiative)),
    )
    client.force_login(anna)
    response = client.post(reverse("measure_import", args=["duisburg"]), {"pending": pending.pk})
    assert response.status_code == 404
    assert (
        client.post(reverse("measure_import", args=["duisburg"]), {"pending": "x"}).status_code
        == 404
    )


# Who may ---------------------------------------------------------------------------


def _csv_upload(place):
    return {"file": SimpleUploadedFile("liste.csv", to_csv(export_table(place.initiative)))}


EXCHANGE_CASES = [
    ("measure_export_csv", "GET", VIEWERS),
    ("measure_export_xlsx", "GET", VIEWERS),
    ("measure_import", "GET", MANAGERS),
    ("measure_import", "POST", MANAGERS),
]


class _Row:
    def __init__(self, name, method):
        self.name, self.method = name, method
        self.post = _csv_upload

    def kwargs(self, place):
        return {}


@pytest.mark.parametrize(("name", "method", "allowed"), EXCHANGE_CASES)
def test_who_may_exchange(world, personas, name, method, allowed):
    answers, wrote, leaks = ask_everyone(
        personas,
        _Row(name, method),
        method,
        world["duisburg"],
        slug="duisburg",
        foreign=[world["muelheim"], world["forum"]],
    )
    assert answers == {
        p: 200 if p in allowed else LOGIN if p == "anonymous" else 403 for p in personas
    }
    assert not any(wrote.values())
    assert not any(leaks.values())


@pytest.mark.parametrize(("name", "method", "allowed"), EXCHANGE_CASES)
def test_the_forum_is_not_found_for_outsiders(world, personas, name, method, allowed):
    answers, _wrote, _leaks = ask_everyone(
        personas, _Row(name, method), method, world["forum"], slug="forum"
    )
    assert answers == {p: 200 if p == "paul" else 404 for p in personas}


# Round trip ------------------------------------------------------------------------

ALPHABET = st.characters(max_codepoint=0xFFFD, blacklist_categories=("Cs", "Cc", "Co", "Cn"))
LINE = st.text(ALPHABET | st.sampled_from(list("äöüßÄÖÜ\"';,=:()<>-+@€ ")), max_size=40)
LINES = st.text(ALPHABET | st.sampled_from(list("äöüß\"';=\n ")), max_size=80)


def clean(text):
    return text.strip()


@st.composite
def measure_specs(draw, pool):
    n = draw(st.integers(min_value=1, max_value=3))
    specs = []
    for i in range(n):
        starts = draw(st.none() | st.dates(datetime.date(1990, 1, 1), datetime.date(2090, 1, 1)))
        due = draw(
            st.none() | st.dates(starts or datetime.date(1990, 1, 1), datetime.date(2100, 12, 31))
        )
        owner = draw(st.none() | st.sampled_from(pool.people))
        others = [p for p in pool.people if p != owner]
        partners = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
        specs.append(
            {
                "title": draw(LINE.map(clean).filter(bool)),
                "kind": draw(st.sampled_from(Measure.Kind.values)),
                "status": draw(st.sampled_from(Measure.Status.values)),
                "status_reason": clean(draw(LINES)),
                "body": draw(st.none() | st.sampled_from(pool.bodies)),
                "topic": draw(st.none() | st.sampled_from(pool.topics)),
                "parent": draw(st.none() | st.integers(0, i - 1)) if i else None,
                "weight": draw(st.integers(1, 100)),
                "description": clean(draw(LINES)),
                "goal": clean(draw(LINES)),
                "owner": owner,
                "owner_organization": draw(st.none() | st.sampled_from(pool.organizations)),
                "partners": [
                    (
                        person,
                        draw(st.none() | st.sampled_from(pool.organizations)),
                        " ".join(draw(LINE).split())[:100],
                    )
                    for person in partners
                ],
                "starts_on": starts,
                "due_on": due,
                "adopted_by": draw(st.none() | st.sampled_from(pool.bodies)),
                "adopted_on": draw(st.none() | st.dates(datetime.date(1990, 1, 1))),
                "decision": clean(draw(LINE)),
                "tags": draw(
                    st.lists(
                        LINE.map(lambda t: clean(t.replace(",", " "))[:50].strip()).filter(bool),
                        max_size=3,
                        unique_by=str.casefold,
                    )
                ),
                "custom": {f: draw(st.none() | pool.values[f.kind](f)) for f in pool.fields},
            }
        )
    return specs


VALUES = {
    "text": lambda f: LINE.map(clean).filter(bool),
    "number": lambda f: st.decimals(
        min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False
    ),
    "amount": lambda f: st.decimals(
        min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
    ),
    "date": lambda f: st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
    "choice": lambda f: st.sampled_from(f.choice_list),
    "boolean": lambda f: st.booleans(),
}


class Pool:
    """What the generated measures may name: the initiative's bodies, topics, people
    (two of the same name, told apart by their address) and organisations."""

    def __init__(self, place):
        d = place.initiative
        self.initiative = d
        self.bodies = [place.group, place.other_group]
        self.topics = [place.topic]
        self.organizations = [
            OrganizationFactory(name="Stadt (Duisburg): Amt für Wirtschaft"),
            OrganizationFactory(name="Süßebier Hafen AG"),
        ]
        for organization in self.organizations:
            InitiativeOrganizationFactory(initiative=d, organization=organization)
        org = self.organizations[1]
        self.people = [
            place.measure.owner,
            place.partnership.person,
            PersonFactory(first_name="Max", last_name="Muster", organization=org, initiative=d),
            PersonFactory(first_name="Max", last_name="Muster", initiative=d),
            PersonFactory(
                title="Dr.", first_name="Ülkü", last_name="Preiß (Jr.)", email="", initiative=d
            ),
        ]
        self.fields = [place.field, place.amount, place.count, place.date, place.flag, place.text]
        self.values = VALUES


def create(pool, specs, actor):
    made = []
    for spec in specs:
        measure = Measure(initiative=pool.initiative, number=None)
        for name in [
            "title kind status status_reason body topic weight description goal owner "
            "owner_organization starts_on due_on adopted_by adopted_on decision"
        ][0].split():
            setattr(measure, name, spec[name])
        measure.parent = made[spec["parent"]] if spec["parent"] is not None else None
        services.set_custom_values(
            measure, pool.fields, {f.key: v for f, v in spec["custom"].items()}
        )
        services.measure_save(actor=actor, measure=measure, tags=spec["tags"])
        for person, organization, role in spec["partners"]:
            services.partnership_save(
                actor=actor,
                partnership=Partnership(
                    measure=measure, person=person, organization=organization, role=role
                ),
            )
        made.append(measure)


def snapshot(pool):
    """Every exchanged field of every measure, as the database holds it."""
    result = {}
    for m in Measure.objects.filter(initiative=pool.initiative).prefetch_related(
        "tags", "partnerships"
    ):
        result[m.number] = {
            **{
                name: getattr(m, name)
                for name in [
                    "title",
                    "kind",
                    "status",
                    "status_reason",
                    "body_id",
                    "topic_id",
                    "weight",
                    "description",
                    "goal",
                    "owner_id",
                    "owner_organization_id",
                    "starts_on",
                    "due_on",
                    "adopted_by_id",
                    "adopted_on",
                    "decision",
                ]
            },
            "parent": m.parent.number if m.parent else None,
            "tags": sorted(t.name for t in m.tags.all()),
            "partners": sorted(
                (p.person_id, p.organization_id, p.role) for p in m.partnerships.all()
            ),
            "custom": {
                f.label: custom_fields.to_python(f, m.custom_values.get(f.key)) for f in pool.fields
            },
        }
    return result


def wipe(pool, how):
    measures = Measure.objects.filter(initiative=pool.initiative)
    Partnership.objects.filter(measure__initiative=pool.initiative).delete()
    if how == "delete":
        measures.update(parent=None)
        measures.delete()
        return
    for m in measures:
        m.tags.clear()
    measures.update(
        title="–",
        kind="measure",
        status="proposed",
        status_reason="",
        body=None,
        topic=None,
        parent=None,
        weight=1,
        description="",
        goal="",
        owner=None,
        owner_organization=None,
        starts_on=None,
        due_on=None,
        adopted_by=None,
        adopted_on=None,
        decision="",
        custom_values={},
    )


def test_export_then_import_gives_back_every_field(place, anna):
    pool = Pool(place)
    Measure.objects.filter(initiative=place.initiative).update(parent=None)
    Measure.objects.filter(initiative=place.initiative).delete()

    @hypothesis_settings(max_examples=25, deadline=None, derandomize=True)
    @given(
        specs=measure_specs(pool),
        kind=st.sampled_from(["csv", "xlsx"]),
        how=st.sampled_from(["delete", "blank"]),
    )
    def round_trip(specs, kind, how):
        with transaction.atomic():
            create(pool, specs, anna)
            before = snapshot(pool)
            measures = measures_for(pool.initiative).order_by("number")
            write = exchange.write_csv if kind == "csv" else exchange.write_xlsx
            content = write(pool.initiative, measures)
            wipe(pool, how)
            plan = exchange.read(pool.initiative, f"liste.{kind}", content)
            assert [str(e) for e in plan.errors] == []
            exchange.apply(anna, pool.initiative, plan)
            assert snapshot(pool) == before
            # And once more: nothing left to change.
            again = exchange.read(pool.initiative, f"liste.{kind}", content)
            assert (again.creates, again.updates) == ([], [])
            transaction.set_rollback(True)

    round_trip()


# The initiative's own fields -------------------------------------------------------


@pytest.mark.parametrize(
    "label", [c.STATUS, "titel", " Fällig  am ", c.LIGHT, "verantwortlich e-mail"]
)
def test_an_own_field_may_not_take_the_name_of_a_fixed_column(place, anna, label):
    field = CustomFieldFactory.build(initiative=place.initiative, label=label, kind="text")
    with pytest.raises(services.DomainError) as refused:
        services.custom_field_save(actor=anna, field=field)
    assert " ".join(label.split()) in str(refused.value)
    assert field.pk is None
    # A name of its own is fine.
    field.label = "Statusbericht"
    services.custom_field_save(actor=anna, field=field)
    assert field.pk is not None
