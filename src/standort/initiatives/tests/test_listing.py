"""Search, sort and pages of a list, seen on the people directory."""

import re

import pytest
from django.urls import reverse

from standort.initiatives.tests.factories import OrganizationFactory, PersonFactory


@pytest.fixture
def directory(client, duisburg, ben):
    """30 people named Person 00 … Person 29, the first ten working at the port."""
    port = OrganizationFactory(name="Hafen AG")
    for n in range(30):
        PersonFactory(
            first_name="Nina",
            last_name=f"Person {n:02}",
            function="Hafenmeisterin" if n < 10 else "",
            organization=port if n < 10 else None,
            email=f"nina{n}@example.org",
            initiative=duisburg,
        )
    client.force_login(ben)
    return lambda **params: client.get(reverse("person_list", args=["duisburg"]), params)


def names(response):
    return re.findall(r"Person \d\d", response.content.decode())


def test_the_first_page_holds_25_people_in_name_order(directory):
    first = directory().content.decode()
    # Ben Brandt, a member himself, comes first.
    assert first.index("Ben Brandt") < first.index("Person 00")
    assert names(directory()) == [f"Person {n:02}" for n in range(24)]
    assert names(directory(page=2)) == [f"Person {n:02}" for n in range(24, 30)]


def test_a_page_beyond_the_end_shows_the_last_page(directory):
    assert names(directory(page=99)) == names(directory(page=2))
    assert names(directory(page="x")) == names(directory())


def test_descending_sort(directory):
    assert names(directory(sort="-name"))[:3] == ["Person 29", "Person 28", "Person 27"]


def test_an_unknown_sort_key_falls_back_to_the_default(directory):
    response = directory(sort="password")
    assert response.status_code == 200
    assert names(response) == names(directory())
    assert names(directory(sort="-password")) == names(directory())


def test_search_matches_every_word_in_any_field(directory):
    assert names(directory(q="hafenmeisterin")) == [f"Person {n:02}" for n in range(10)]
    assert names(directory(q="Person 2")) == [f"Person {n:02}" for n in [2, 12, *range(20, 30)]]
    assert names(directory(q="Person hafen 05")) == ["Person 05"]
    assert names(directory(q="Mülheim")) == []


def test_search_and_sort_combine(directory):
    assert names(directory(q="hafenmeisterin", sort="-name")) == [
        f"Person {n:02}" for n in reversed(range(10))
    ]
