"""Export of the measure list (CSV, XLSX), and the round trip: every field exported comes
back unchanged on import."""

import csv
import datetime
import io

import openpyxl
import pytest
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
from standort.measures.models import REASON_REQUIRED, Measure, Partnership
from standort.measures.queries import measures_for

from .exchange_files import (
    export_table,
    to_csv,
)
from .factories import MeasureFactory, PartnershipFactory, TagFactory

pytestmark = pytest.mark.django_db


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
        status = draw(st.sampled_from(Measure.Status.values))
        # A measure on hold or dropped has its reason: the import refuses it without.
        reasons = LINES.map(clean).filter(bool) if status in REASON_REQUIRED else LINES
        partners = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
        specs.append(
            {
                "title": draw(LINE.map(clean).filter(bool)),
                "kind": draw(st.sampled_from(Measure.Kind.values)),
                "status": status,
                "status_reason": clean(draw(reasons)),
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
    """Deletes the measures, or blanks every exchanged field but the status and its
    reason: the import moves a measure's status only along its life (see
    test_exchange_status.py), so the blanked ones keep theirs."""
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
