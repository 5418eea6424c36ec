"""Import of the measure list: good files are read into a preview and written all or
nothing; every fault of a bad one is named by row and column.

Files are built from the export of Duisburg's measures (the `place` fixture), with one
cell changed."""

import pytest

from standort.initiatives.tests.factories import (
    InitiativeOrganizationFactory,
    OrganizationFactory,
    PersonFactory,
)
from standort.measures import exchange, services
from standort.measures.exchange import columns as c
from standort.measures.models import Measure, Partnership
from standort.measures.queries import measures_for

from .exchange_files import (
    changed,
    counts,
    export_table,
    new_row,
    problems,
    to_csv,
    to_xlsx,
)
from .factories import MeasureFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


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
    # The partner's version moves on, so an edit form opened before notices the import.
    stored = Partnership.objects.get(pk=place.partnership.pk)
    assert stored.version == partner.version == place.partnership.version + 1


def test_a_save_between_check_and_write_stops_the_import(place, anna, monkeypatch):
    """The version is checked in the UPDATE itself, not only before it."""
    from standort.core.concurrency import ConcurrentEditError
    from standort.measures import bulk

    table = changed(export_table(place.initiative), 1, c.TITLE, "Glasfaser überall")
    plan = exchange.read(place.initiative, "a.csv", to_csv(table))

    def check_then_someone_saves(measures):
        services.measure_save(actor=anna, measure=Measure.objects.get(pk=place.measure.pk))

    monkeypatch.setattr(bulk, "_check_versions", check_then_someone_saves)
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


def test_a_row_without_number_is_the_measure_of_its_title(place, anna):
    """Imported twice, a file of new measures makes them once."""
    table = new_row(export_table(place.initiative), "Campus Duisburg", **{c.WEIGHT: "2"})
    new_row(table, "Gründerzentrum")
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
    table = new_row(export_table(place.initiative), "Breitband bis 2020")
    assert len(table) == 5  # measures 1, 2 and 9, then the row without a number
    plan = exchange.read(place.initiative, "a.csv", to_csv(table))
    assert problems(plan) == [(5, c.TITLE, "ambiguous_title")]


def test_rows_without_number_and_the_same_title_are_a_fault(place):
    table = new_row(export_table(place.initiative), "Campus Duisburg")
    new_row(table, "campus duisburg")
    # The title of measure 2 without its number, next to the row with its number.
    new_row(table, "Beirat Imageentwicklung")
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
