"""The bodies of a public initiative for everyone without a role: their list (name,
kind, parent) and each body's public page (its description, the members who agreed to
be named with role and organisation, chairs first, and what the apps above add: its
public meetings, see meetings/tests/test_public_pages.py). Members keep their pages;
nothing of a non-public initiative is shown to outsiders."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standort.conftest import PERSONAS
from standort.initiatives.models import Body, Membership
from standort.initiatives.tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db
OUTSIDERS = ["anonymous", "eva", "clara"]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def steering(duisburg):
    """The Lenkungskreis with a chair and a member who agreed to be named, and one who
    did not; a working group under it."""
    body = BodyFactory(
        initiative=duisburg,
        name="Lenkungskreis",
        kind=Body.Kind.STEERING_COMMITTEE,
        description="Steuert den Masterplan.",
        position=1,
    )
    BodyFactory(
        initiative=duisburg,
        name="Arbeitskreis Mittelstand",
        kind=Body.Kind.WORKING_GROUP,
        parent=body,
        position=2,
    )
    city = OrganizationFactory(name="Stadt Duisburg")
    ihk = OrganizationFactory(name="Niederrheinische IHK")
    named = [
        ("Zora", "Zeller", Membership.Role.MEMBER, ihk),
        ("Thomas", "Berger", Membership.Role.CHAIR, city),
    ]
    for first, last, role, organization in named:
        person = PersonFactory(
            first_name=first,
            last_name=last,
            email=f"{first.lower()}@example.org",
            phone="0203 111",
            organization=organization,
            name_is_public=True,
            initiative=duisburg,
        )
        MembershipFactory(body=body, person=person, role=role)
    silent = PersonFactory(
        first_name="Norbert",
        last_name="Nichtgenannt",
        email="norbert@example.org",
        phone="0203 999",
        organization=city,
        initiative=duisburg,
    )
    MembershipFactory(body=body, person=silent, role=Membership.Role.CHAIR)
    return body


def body_url(body, slug="duisburg"):
    return reverse("body_detail", args=[slug, body.pk])


@pytest.mark.parametrize("persona", PERSONAS)
def test_outsiders_read_the_public_pages_and_members_keep_theirs(steering, as_persona, persona):
    client = as_persona(persona)
    for url, public, member in [
        (
            reverse("body_list", args=["duisburg"]),
            "initiatives/body_list_public.html",
            "initiatives/body_list.html",
        ),
        (body_url(steering), "initiatives/body_public.html", "initiatives/body_detail.html"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        names = [t.name for t in response.templates]
        if persona in OUTSIDERS:
            assert public in names and member not in names
        else:
            assert member in names and public not in names


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_a_non_public_initiatives_bodies_are_not_found(internal, as_persona, persona):
    body = BodyFactory(initiative=internal, name="Forum")
    client = as_persona(persona)
    assert client.get(reverse("body_list", args=["forum"])).status_code == 404
    assert client.get(body_url(body, "forum")).status_code == 404


@pytest.mark.parametrize("persona", ["anonymous", "clara"])
def test_another_initiatives_body_is_not_found_through_this_address(
    steering, muelheim, as_persona, persona
):
    assert as_persona(persona).get(body_url(steering, "muelheim")).status_code == 404
    assert (
        as_persona(persona).get(reverse("body_detail", args=["duisburg", 999999])).status_code
        == 404
    )


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_public_body_page_names_only_who_agreed(steering, as_persona, persona):
    response = as_persona(persona).get(body_url(steering))
    page = response.content.decode()
    for text in (
        "Lenkungskreis",
        "Steuert den Masterplan.",
        "Thomas Berger",
        "Stadt Duisburg",
        "Zora Zeller",
        "Niederrheinische IHK",
    ):
        assert text in page, text
    for text in ("Norbert", "Nichtgenannt", "0203"):
        assert text not in page, text
    assert not [e for e in EMAIL.findall(page) if e != "eva@example.org"]
    # Chairs first, as the members' page orders them.
    assert page.index("Thomas Berger") < page.index("Zora Zeller")
    groups = response.context["groups"]
    assert [role for role, _members in groups] == ["Vorsitz", "Mitglied"]


def test_the_public_list_names_kind_and_parent(steering, client):
    page = client.get(reverse("body_list", args=["duisburg"])).content.decode()
    assert "Arbeitskreis Mittelstand" in page
    assert "Lenkungskreis" in page
    assert "Thomas Berger" not in page
    assert body_url(steering) in page


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_the_public_list_costs_the_same_with_2_and_20_bodies(steering, duisburg, client):
    """The initiative, the page's bodies with their parents, their count."""
    url = reverse("body_list", args=["duisburg"])
    few = count(client, url)
    for n in range(18):
        BodyFactory(initiative=duisburg, name=f"Unterarbeitskreis {n}", parent=steering)
    many = count(client, url)
    assert len(many) == len(few) == 3, "\n".join(many)


def test_the_public_body_page_costs_the_same_with_2_and_20_members(steering, duisburg, client):
    """The initiative, the body with its parent, its public members, its next and its
    past public meetings (meetings.slots)."""
    url = body_url(steering)
    few = count(client, url)
    for _n in range(18):
        person = PersonFactory(name_is_public=True, initiative=duisburg)
        MembershipFactory(body=steering, person=person, role=Membership.Role.MEMBER)
    many = count(client, url)
    assert len(many) == len(few) == 5, "\n".join(many)
