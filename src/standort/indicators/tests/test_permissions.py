"""Every view of goals, indicators and industrial areas, for every persona.

Everyone taking part in Duisburg (Olga observes, Ben is a member, Stefan sits on the
steering committee, Anna runs the office) and Paul, the platform admin, read them;
only Anna and Paul keep them. Clara (Mülheim's office) and Eva (no role) get 403 in
Duisburg, anonymous callers the sign-in page.

Three tests run the table: in Duisburg as is, with Mülheim's objects addressed through
/duisburg/ (404 by construction), and in the non-public forum (404 for everybody but
Paul). A refused POST writes nothing, and no page shows a name of another initiative."""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from standort.conftest import PERSONAS
from standort.indicators import urls
from standort.indicators.models import Goal, Indicator, Observation, Site
from standort.initiatives.tests.test_permissions import LOGIN, answer, fresh
from standort.measures.tests.factories import MeasureFactory

from .factories import GoalFactory, IndicatorFactory, ObservationFactory, SiteFactory, square

pytestmark = pytest.mark.django_db

ALLOWED = {
    "view": {"olga", "ben", "stefan", "anna", "paul"},
    "manage": {"anna", "paul"},
}


@dataclass
class Place:
    """The objects of one initiative that the views address by id."""

    initiative: object
    goal: Goal
    indicator: Indicator
    observation: Observation
    site: Site
    names: tuple  # visible names that belong to this initiative only


def _apart(make, initiative_ids):
    """An object made by `make` whose id is no initiative's id: a rule that took the
    object for its initiative (as they once did, test_rules_ask_the_objects_initiative)
    would pass the table wherever the two ids happened to be equal."""
    obj = make()
    while obj.pk in initiative_ids:
        obj.delete()
        obj = make()
    return obj


def populate(initiative, initiative_ids, *, goal, measure, indicator, note, site):
    the_measure = MeasureFactory(initiative=initiative, title=measure)
    the_goal = _apart(
        lambda: GoalFactory(initiative=initiative, title=goal, measures=[the_measure]),
        initiative_ids,
    )
    the_indicator = _apart(
        lambda: IndicatorFactory(initiative=initiative, name=indicator, goal=the_goal),
        initiative_ids,
    )
    observation = ObservationFactory(
        indicator=the_indicator,
        observed_on=datetime.date(2024, 12, 31),
        value=Decimal("11.5"),
        note=note,
    )
    the_site = _apart(
        lambda: SiteFactory(initiative=initiative, name=site, geometry=square(6.7, 51.4)),
        initiative_ids,
    )
    return Place(
        initiative=initiative,
        goal=the_goal,
        indicator=the_indicator,
        observation=observation,
        site=the_site,
        names=(goal, measure, indicator, note, site),
    )


@pytest.fixture
def places(duisburg, muelheim, internal, anna, stefan, ben, olga, clara, paul, eva):
    ids = {duisburg.pk, muelheim.pk, internal.pk}
    return {
        "duisburg": populate(
            duisburg,
            ids,
            goal="Arbeitslosigkeit senken",
            measure="Lotse für Genehmigungen",
            indicator="Quote der Langzeitarbeitslosen",
            note="Zählung Ruhrort",
            site="Logport Rheinhausen",
        ),
        "muelheim": populate(
            muelheim,
            ids,
            goal="Rückenwind für die Industrie",
            measure="Akzeptanzkampagne Industrie",
            indicator="Industriebeschäftigte",
            note="Zählung Styrum",
            site="Hafengebiet Speldorf",
        ),
        "forum": populate(
            internal,
            ids,
            goal="Vertrauliches Ziel",
            measure="Interne Maßnahme",
            indicator="Geheime Quote",
            note="Zählung Werden",
            site="Gebiet Kettwig",
        ),
    }


@pytest.fixture
def personas(places, request):
    return {
        name: None if name == "anonymous" else request.getfixturevalue(name) for name in PERSONAS
    }


def values_file(place):
    content = f"Kennzahl;Stichtag;Wert\n{place.indicator.name};2025;12,5\n".encode()
    return {"file": SimpleUploadedFile("werte.csv", content, content_type="text/csv")}


def areas_file(place):
    feature = {
        "type": "Feature",
        "properties": {"name": "Neues Gebiet", "area_ha": 12, "glasfaser": "geplant"},
        "geometry": square(6.8, 51.5),
    }
    content = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    return {"file": SimpleUploadedFile("gebiete.geojson", content)}


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    target: Callable | None = None  # place → URL kwargs of the object the view addresses
    post: Callable | None = None  # place → form data; None: the view takes no POST

    def __str__(self):
        return self.name

    def kwargs(self, place):
        return self.target(place) if self.target else {}


def goal(place):
    return {"pk": place.goal.pk}


def indicator(place):
    return {"pk": place.indicator.pk}


def value(place):
    return {"pk": place.indicator.pk, "value_pk": place.observation.pk}


def site(place):
    return {"pk": place.site.pk}


def site_data(name):
    return {"name": name, "area_ha": "10", "free_ha": "1", "fibre": "none"}


TABLE = [
    Row("goal_list", "view"),
    Row("goal_create", "manage", post=lambda p: {"title": "Neues Ziel", "position": 5}),
    Row("goal_detail", "view", goal),
    Row("goal_history", "view", goal),
    Row(
        "goal_edit",
        "manage",
        goal,
        post=lambda p: {"title": f"{p.goal.title} bis 2030", "position": 1},
    ),
    Row("goal_delete", "manage", goal, post=lambda p: {}),
    Row("indicator_list", "view"),
    Row(
        "indicator_create",
        "manage",
        post=lambda p: {"name": "Neue Kennzahl", "unit": "%", "position": 0},
    ),
    Row("observations_import", "manage", post=values_file),
    Row("observations_template", "manage"),
    Row("indicator_detail", "view", indicator),
    Row("indicator_history", "view", indicator),
    Row(
        "indicator_edit",
        "manage",
        indicator,
        post=lambda p: {"name": p.indicator.name, "unit": "Prozent", "position": 0},
    ),
    Row("indicator_delete", "manage", indicator, post=lambda p: {}),
    Row(
        "observation_create",
        "manage",
        indicator,
        post=lambda p: {"observed_on": "2025-06-30", "value": "7"},
    ),
    Row(
        "observation_edit",
        "manage",
        value,
        post=lambda p: {"observed_on": p.observation.observed_on.isoformat(), "value": "8"},
    ),
    Row("observation_delete", "manage", value, post=lambda p: {}),
    Row("site_list", "view"),
    Row("site_create", "manage", post=lambda p: site_data("Neues Gebiet")),
    Row("sites_import", "manage", post=areas_file),
    Row("site_detail", "view", site),
    Row("site_history", "view", site),
    Row("site_edit", "manage", site, post=lambda p: site_data(f"{p.site.name} Nord")),
    Row("site_delete", "manage", site, post=lambda p: {}),
]
CASES = [(row, "GET") for row in TABLE] + [(row, "POST") for row in TABLE if row.post]
IDS = [f"{row}-{method}" for row, method in CASES]
OBJECT_CASES = [(row, method) for row, method in CASES if row.target]
OBJECT_IDS = [f"{row}-{method}" for row, method in OBJECT_CASES]


def test_the_table_names_every_view():
    assert {row.name for row in TABLE} == {pattern.name for pattern in urls.urlpatterns}


def expected(row, method, persona):
    if persona in ALLOWED[row.kind]:
        return 302 if method == "POST" else 200
    return LOGIN if persona == "anonymous" else 403


def written():
    """Every row of the app with its version, and the number of history records: what
    a request may have changed."""
    rows = [sorted(model.objects.values_list("pk", "version")) for model in (Goal, Indicator, Site)]
    values = sorted(Observation.objects.values_list("pk", "version", "value"))
    histories = sum(model.history.count() for model in (Goal, Indicator, Observation, Site))
    return rows, values, histories


def ask_everyone(personas, row, method, place, *, slug, foreign):
    """{persona: answer}, {persona: whether the request wrote}, {persona: names of the
    `foreign(persona)` places on the page}. Each persona asks inside a transaction that
    is rolled back, so each meets the same data."""
    answers, wrote, leaks = {}, {}, {}
    client = Client()
    url = reverse(row.name, kwargs={"initiative_slug": slug, **row.kwargs(place)})
    for name, user in personas.items():
        with transaction.atomic():
            fresh(client, user)
            before = written()
            response = client.post(url, row.post(place)) if method == "POST" else client.get(url)
            answers[name] = answer(response)
            wrote[name] = written() != before
            page = response.content.decode(errors="replace")
            leaks[name] = [n for other in foreign(name) for n in other.names if n in page]
            transaction.set_rollback(True)
    return answers, wrote, leaks


NOBODY = dict.fromkeys(PERSONAS, [])


@pytest.mark.parametrize(("row", "method"), CASES, ids=IDS)
def test_duisburg(places, personas, row, method):
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        places["duisburg"],
        slug="duisburg",
        foreign=lambda persona: [places["muelheim"], places["forum"]],
    )

    assert answers == {p: expected(row, method, p) for p in PERSONAS}
    # Only an allowed POST changes anything.
    assert wrote == {p: method == "POST" and answers[p] == 302 for p in PERSONAS}
    assert leaks == NOBODY


@pytest.mark.parametrize(("row", "method"), OBJECT_CASES, ids=OBJECT_IDS)
def test_muelheims_objects_through_duisburg_are_not_found(places, personas, row, method):
    """/duisburg/goals/<id of a Mülheim goal>/: Mülheim's object does not exist in
    Duisburg, for anybody (core.access looks the object up before anyone's rights)."""
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        places["muelheim"],
        slug="duisburg",
        foreign=lambda persona: [places["muelheim"], places["forum"]],
    )

    assert answers == dict.fromkeys(PERSONAS, 404)
    assert wrote == dict.fromkeys(PERSONAS, False)
    assert leaks == NOBODY


@pytest.mark.parametrize(("row", "method"), CASES, ids=IDS)
def test_the_forum_is_hidden(places, personas, row, method):
    """Nobody but Paul takes part in the non-public forum: for all others, anonymous
    visitors included, it does not exist, and nothing they send changes it."""
    outsiders = [p for p in PERSONAS if p != "paul"]
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        places["forum"],
        slug="forum",
        # Paul may see the forum's own names; nobody else may.
        foreign=lambda persona: (
            [places["duisburg"], places["muelheim"]]
            + ([] if persona == "paul" else [places["forum"]])
        ),
    )

    assert answers == {**dict.fromkeys(outsiders, 404), "paul": expected(row, method, "paul")}
    assert wrote == {p: p == "paul" and method == "POST" for p in PERSONAS}
    assert leaks == NOBODY


def test_a_value_of_mulheim_under_a_duisburg_indicator_is_not_found(places, as_persona):
    duisburg, muelheim = places["duisburg"], places["muelheim"]
    client = as_persona("paul")
    for name in ("observation_edit", "observation_delete"):
        url = reverse(name, args=["duisburg", duisburg.indicator.pk, muelheim.observation.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"observed_on": "2024-12-31", "value": "1"}).status_code == 404
    muelheim.observation.refresh_from_db()
    assert muelheim.observation.value == Decimal("11.5")


def test_the_import_template_lists_only_the_initiatives_own_indicators(places, as_persona):
    response = as_persona("anna").get(reverse("observations_template", args=["duisburg"]))
    text = response.content.decode()
    assert "Quote der Langzeitarbeitslosen" in text
    assert "Industriebeschäftigte" not in text
    assert "Geheime Quote" not in text


def test_an_import_cannot_name_another_initiatives_indicator(places, as_persona):
    """Anna's file names Mülheim's indicator: to Duisburg it is unknown."""
    response = as_persona("anna").post(
        reverse("observations_import", args=["duisburg"]), values_file(places["muelheim"])
    )
    assert response.status_code == 200
    assert [p.code for p in response.context["problems"]] == ["unknown_indicator"]
    assert Observation.objects.count() == 3


def test_rules_ask_the_objects_initiative(duisburg, muelheim, olga, anna, clara):
    """A goal, indicator or area of Duisburg is Duisburg's, whatever its id: Olga reads
    it and Anna keeps it, Clara (Mülheim's office) neither, not even where its id is
    the id of Mülheim."""
    for model in (Goal, Indicator, Site):
        elsewhere = model(pk=duisburg.pk + 1000, initiative=duisburg)
        like_muelheim = model(pk=muelheim.pk, initiative=duisburg)
        assert olga.has_perm("indicators.view", elsewhere)
        assert anna.has_perm("indicators.manage", elsewhere)
        assert not clara.has_perm("indicators.view", like_muelheim)
        assert not clara.has_perm("indicators.manage", like_muelheim)


def test_forms_refuse_another_initiatives_goal_measure_body_or_firm(places, as_persona):
    """Anna types ids of Mülheim's objects into Duisburg's forms: refused, nothing
    written."""
    muelheim = places["muelheim"]
    theirs_measure = muelheim.goal.measures.get()
    theirs_body = theirs_measure.body
    theirs_firm = theirs_measure.owner_organization
    client = as_persona("anna")
    before = written()

    indicator = client.post(
        reverse("indicator_create", args=["duisburg"]),
        {
            "name": "Neue Kennzahl",
            "unit": "%",
            "position": 0,
            "goal": muelheim.goal.pk,
            "measure": theirs_measure.pk,
            "body": theirs_body.pk,
        },
    )
    goal = client.post(
        reverse("goal_create", args=["duisburg"]),
        {"title": "Neues Ziel", "position": 0, "measures": [theirs_measure.pk]},
    )
    site = client.post(
        reverse("site_create", args=["duisburg"]),
        {**site_data("Neues Gebiet"), "organizations": [theirs_firm.pk]},
    )

    assert sorted(indicator.context["form"].errors) == ["body", "goal", "measure"]
    assert list(goal.context["form"].errors) == ["measures"]
    assert list(site.context["form"].errors) == ["organizations"]
    assert written() == before
