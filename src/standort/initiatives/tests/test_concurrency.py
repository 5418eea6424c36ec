"""Anna and Paul open the same form; Paul saves first. Anna's save is refused with
what Paul changed, her input stays in the form, and saving again goes through."""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from .factories import (
    BodyFactory,
    InitiativeOrganizationFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
)

SEEN_VERSION = re.compile(r'name="seen_version" value="(\d+)"')


def text(response):
    """The page as a person reads it: tags gone, entities resolved, spaces collapsed."""
    page = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r" ([:,.])", r"\1", " ".join(html.unescape(page).split()))


def filled(response, changes):
    """What the form of `response` sends with `changes` typed in: the rest unchanged."""
    form = response.context["form"]
    values = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in {**values, **changes}.items() if value is not None}


@dataclass(frozen=True)
class Case:
    url_name: str
    make: Callable  # initiative → the object both open
    paul: dict  # what Paul saves first
    anna: dict  # what Anna sends with her stale form
    changed: str  # how the page shows Paul's change
    kept: str  # Anna's input, still in the form
    first: dict  # attribute → value (as the form sends it) after Paul saves: his changes
    merged: dict  # attribute → value (as the form sends it) after Anna saves: both changes

    def __str__(self):
        return self.url_name


def _organization(initiative):
    organization = OrganizationFactory(name="Hafen AG", city="Duisburg")
    InitiativeOrganizationFactory(initiative=initiative, organization=organization)
    return organization


def _membership(initiative):
    return MembershipFactory(
        body=BodyFactory(initiative=initiative, name="Lenkungskreis"),
        person=PersonFactory(first_name="Dieter", last_name="Duisberg", initiative=initiative),
        role="member",
    )


def stored(obj, names):
    """The attributes `names` of `obj` as they are stored now, as the form sends them."""
    obj.refresh_from_db()
    return {name: "" if (v := getattr(obj, name)) is None else str(v) for name in names}


CASES = [
    Case(
        "person_edit",
        lambda i: PersonFactory(first_name="Dieter", last_name="Duisberg", initiative=i),
        paul={"first_name": "Dieter", "last_name": "Neumann"},
        anna={"first_name": "Dieter", "last_name": "Duisberg", "function": "Werksleiter"},
        changed="Nachname: Duisberg → Neumann",
        kept='value="Werksleiter"',
        first={"function": "", "last_name": "Neumann"},
        merged={"function": "Werksleiter", "last_name": "Neumann"},
    ),
    Case(
        "body_edit",
        lambda i: BodyFactory(initiative=i, name="Arbeitskreis Hafen", position=1),
        paul={"kind": "working_group", "name": "Arbeitskreis Häfen", "position": 1},
        anna={
            "kind": "working_group",
            "name": "Arbeitskreis Hafen",
            "position": 1,
            "description": "Trimodale Logistik",
        },
        changed="Name: Arbeitskreis Hafen → Arbeitskreis Häfen",
        kept="Trimodale Logistik</textarea>",
        first={"description": "", "name": "Arbeitskreis Häfen"},
        merged={"description": "Trimodale Logistik", "name": "Arbeitskreis Häfen"},
    ),
    Case(
        "organization_edit",
        _organization,
        paul={"name": "Hafen Duisburg AG", "kind": "company", "city": "Duisburg"},
        anna={"name": "Hafen AG", "kind": "company", "city": "Duisburg-Ruhrort"},
        changed="Name: Hafen AG → Hafen Duisburg AG",
        kept='value="Duisburg-Ruhrort"',
        first={"city": "Duisburg", "name": "Hafen Duisburg AG"},
        merged={"city": "Duisburg-Ruhrort", "name": "Hafen Duisburg AG"},
    ),
    Case(
        "initiative_edit",
        lambda i: i,
        paul={"name": "Masterplan Duisburg", "city": "Duisburg", "is_public": "on"},
        anna={
            "name": "Masterplan Wirtschaft Duisburg",
            "city": "Duisburg",
            "is_public": "on",
            "summary": "Mehr Arbeit am Rhein",
        },
        changed="Name: Masterplan Wirtschaft Duisburg → Masterplan Duisburg",
        kept='value="Mehr Arbeit am Rhein"',
        first={
            "summary": "Gemeinsam für einen starken Wirtschaftsstandort.",
            "name": "Masterplan Duisburg",
        },
        merged={"summary": "Mehr Arbeit am Rhein", "name": "Masterplan Duisburg"},
    ),
    Case(
        "membership_edit",
        _membership,
        paul={"role": "chair"},
        anna={"starts_on": "2026-01-01"},
        changed="Rolle: Mitglied → Vorsitz",
        kept='value="2026-01-01"',
        first={"starts_on": "", "role": "chair"},
        merged={"starts_on": "2026-01-01", "role": "chair"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_second_save_is_told_what_changed_and_keeps_its_input(
    client, duisburg, anna, paul, case
):
    obj = case.make(duisburg)
    args = ["duisburg"] if case.url_name == "initiative_edit" else ["duisburg", obj.pk]
    url = reverse(case.url_name, args=args)
    client.force_login(anna)
    paul_client = Client()
    paul_client.force_login(paul)

    annas_form = client.get(url)
    pauls_form = paul_client.get(url)
    seen = SEEN_VERSION.search(annas_form.content.decode()).group(1)
    assert SEEN_VERSION.search(pauls_form.content.decode()).group(1) == seen

    assert paul_client.post(url, filled(pauls_form, case.paul)).status_code == 302
    refused = client.post(url, filled(annas_form, case.anna))

    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.conflict is not None
    assert form.non_field_errors()
    page = text(refused)
    assert "Geändert von Paul Plattform:" in page
    assert case.changed in page
    assert case.kept in refused.content.decode()
    # Paul's change is taken into Anna's form; no field was changed by both.
    assert {name: form[name].value() for name in case.merged} == case.merged
    assert not [name for name in form.errors if name != "__all__"]
    newer = SEEN_VERSION.search(refused.content.decode()).group(1)
    assert int(newer) == int(seen) + 1
    assert stored(obj, case.merged) == case.first, "Anna's change is not saved yet"

    again = client.post(url, form.data)

    assert again.status_code == 302
    assert stored(obj, case.merged) == case.merged
    assert obj.version == int(seen) + 2


def test_a_stale_form_without_a_version_cannot_overwrite_silently_twice(
    client, duisburg, anna, paul
):
    """The version travels with the form: saving the same stale version twice is
    refused both times, not only the first."""
    person = PersonFactory(first_name="Dieter", last_name="Duisberg", initiative=duisburg)
    url = reverse("person_edit", args=["duisburg", person.pk])
    client.force_login(anna)
    paul_client = Client()
    paul_client.force_login(paul)
    paul_client.post(url, {"first_name": "Dieter", "last_name": "Neumann", "seen_version": 1})

    for _attempt in range(2):
        refused = client.post(
            url, {"first_name": "Dieter", "last_name": "Duisberg", "seen_version": 1}
        )
        assert refused.status_code == 200
    person.refresh_from_db()
    assert person.last_name == "Neumann"
