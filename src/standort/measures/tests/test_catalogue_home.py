"""The catalogue on the initiative home ("my measures", the catalogue in a line), and who
may read the catalogue at all. The catalogue of Duisburg is described in catalogue.py."""

import pytest
from django.urls import reverse

from standort.conftest import PERSONAS
from standort.measures.models import Measure

from .catalogue import detail, list_url
from .factories import PartnershipFactory

# My measures on the initiative home ---------------------------------------------


def my_measures(client):
    response = client.get(reverse("initiative_home", args=["duisburg"]))
    assert response.status_code == 200
    measures = response.context.get("my_measures")
    return None if measures is None else [m.number for m in measures]


def test_owner_and_partner_see_their_measures_on_the_home(catalogue, as_persona, ben):
    """Ben owns measure 1 and becomes a partner of measure 3."""
    PartnershipFactory(measure=catalogue.leader, person=ben.person_record)
    assert my_measures(as_persona("ben")) == [1, 3]


def test_home_shows_state_of_my_measures(catalogue, as_persona):
    """Stefan is the partner of measure 1; Ben owns it. Archived ones are left out."""
    stefan = as_persona("stefan")
    PartnershipFactory(
        measure=Measure.objects.get(initiative=catalogue.initiative, number=5),
        person=catalogue.partnership.person,
    )
    PartnershipFactory(measure=catalogue.leader, person=catalogue.partnership.person)
    assert my_measures(stefan) == [1, 3]
    page = stefan.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    section = page[page.index('id="mine-heading"') :].split("</section>")[0]
    assert "Führungsnachwuchs gewinnen" in section
    assert "light--red" in section and "30 %" in section
    assert "kern-badge--danger overdue" in section
    assert "Beirat Imageentwicklung" not in section


def test_the_home_sums_up_the_catalogue_with_links(catalogue, as_persona):
    """Four live measures: two adopted, one in progress, one done (5 is archived)."""
    response = as_persona("olga").get(reverse("initiative_home", args=["duisburg"]))
    figures = response.context["steering"]["figures"]
    assert figures.all.total == 4
    assert {status: n for status, n in figures.all.statuses.items() if n} == {
        "adopted": 2,
        "in_progress": 1,
        "done": 1,
    }
    page = response.content.decode()
    section = page[page.index('id="measures-heading"') :].split("</section>")[0]
    assert "empty-state" not in section
    assert f'href="{list_url()}"' in section
    assert f'href="{list_url()}?status=in_progress"' in section


def test_the_home_of_an_empty_catalogue_points_to_it(duisburg, as_persona):
    response = as_persona("olga").get(reverse("initiative_home", args=["duisburg"]))
    assert response.context["steering"]["figures"].all.total == 0
    page = response.content.decode()
    section = page[page.index('id="measures-heading"') :].split("</section>")[0]
    assert "empty-state" in section and f'href="{list_url()}"' in section


@pytest.mark.parametrize("persona", ["olga", "anna", "paul"])
def test_members_without_measures_see_the_empty_section(catalogue, as_persona, persona):
    assert my_measures(as_persona(persona)) == []


@pytest.mark.parametrize("persona", ["anonymous", "eva", "clara"])
def test_outsiders_see_the_adopted_measures_but_no_members_area(catalogue, as_persona, persona):
    """The public page lists what was adopted and released for it (see home's
    test_public_page), but neither "my measures", nor who owns a measure, nor an
    archived one, released or not."""
    Measure.objects.filter(initiative=catalogue.initiative, number__in=[1, 5]).update(
        is_internal=False
    )
    client = as_persona(persona)
    assert my_measures(client) is None
    page = client.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    assert "Breitband bis 2020" in page
    assert "Brandt" not in page and "Achterberg" not in page
    assert "Alte Kampagne" not in page


# Who may read the catalogue -----------------------------------------------------

LOGIN = "login"
READERS = {"olga", "ben", "stefan", "carl", "anna", "paul"}
EVERYONE = [*PERSONAS, "carl"]
VIEWS = {
    "measure_list": lambda place: [],
    "measure_detail": lambda place: [place.measure.number],
    "measure_history": lambda place: [place.measure.number],
}


def answer(response):
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login") + "?next=")
        return LOGIN
    return response.status_code


@pytest.fixture
def signed_in(client, request):
    def sign_in(persona):
        client.cookies.clear()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return sign_in


def refused(view, persona):
    """What a caller who may not read the catalogue gets: sent to sign in, or refused.
    A measure's address is its public page for them (measures/tests/test_public_measure),
    and a measure that is not public (as these are not) is not found."""
    if view == "measure_detail":
        return 404
    return LOGIN if persona == "anonymous" else 403


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", EVERYONE)
def test_who_may_read_duisburgs_catalogue(measures, signed_in, view, persona):
    place = measures["duisburg"]
    response = signed_in(persona).get(reverse(view, args=["duisburg", *VIEWS[view](place)]))
    expected = 200 if persona in READERS else refused(view, persona)
    assert answer(response) == expected
    page = response.content.decode()
    for foreign in ["Fahrplan Industrieflächen", "Vertrauliche Maßnahme", "Geheime Maßnahme"]:
        assert foreign not in page


@pytest.mark.parametrize("view", ["measure_detail", "measure_history"])
@pytest.mark.parametrize("persona", EVERYONE)
def test_muelheims_measure_through_duisburgs_address_is_not_found(
    measures, signed_in, view, persona
):
    number = measures["muelheim"].measure.number
    response = signed_in(persona).get(reverse(view, args=["duisburg", number]))
    assert answer(response) == (404 if persona in READERS else refused(view, persona))


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", EVERYONE)
def test_the_forums_catalogue_is_not_found_for_outsiders(measures, signed_in, view, persona):
    place = measures["forum"]
    response = signed_in(persona).get(reverse(view, args=["forum", *VIEWS[view](place)]))
    assert answer(response) == (200 if persona == "paul" else 404)


def test_clara_reads_muelheims_catalogue(measures, signed_in):
    client = signed_in("clara")
    assert answer(client.get(list_url("muelheim"))) == 200
    assert answer(detail(client, 101, "muelheim")) == 200
    assert answer(detail(client, 102, "muelheim")) == 200
    assert answer(detail(client, 1, "muelheim")) == 404
