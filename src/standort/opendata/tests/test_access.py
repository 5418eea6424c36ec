"""Who gets the open data: of a public initiative everyone, signed in or not, whatever
their role; of a non-public one nobody, its members, its office and the platform's
administrator included (open data exist only for public initiatives). Each initiative's
files hold its own measures only. The files are built in a fixed number of queries
however many measures there are, and a client asking for very many is made to wait."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from standort.conftest import PERSONAS
from standort.initiatives.models import InitiativeRole
from standort.initiatives.tests.factories import user_with_role
from standort.measures.tests.factories import (
    MeasureFactory,
    MilestoneFactory,
    PartnershipFactory,
    StatusUpdateFactory,
)

from ..views import FILE_LIMIT
from .test_files import ADDRESSES, FILES, address

Role = InitiativeRole.Role


@pytest.fixture
def forum_people(internal):
    """Fiona runs the office of the non-public forum, Max is a member there."""
    return {
        "fiona": user_with_role(
            internal, Role.OFFICE, email="fiona@example.org", first_name="Fiona", last_name="Forst"
        ),
        "max": user_with_role(
            internal, Role.MEMBER, email="max@example.org", first_name="Max", last_name="Mitte"
        ),
    }


@pytest.mark.parametrize("name", ADDRESSES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_gets_the_open_data_of_a_public_initiative(as_persona, duisburg, persona, name):
    assert as_persona(persona).get(address(name)).status_code == 200


@pytest.mark.parametrize("name", ADDRESSES)
@pytest.mark.parametrize("persona", ["anonymous", "fiona", "max", "anna", "paul"])
def test_a_non_public_initiative_has_no_open_data(
    client, request, internal, forum_people, persona, name
):
    if persona in forum_people:
        client.force_login(forum_people[persona])
    elif persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    assert client.get(address(name, slug="forum")).status_code == 404


@pytest.mark.parametrize("name", ["unknown.csv", "measures.xml", "measures.csv/", "Measures.csv"])
def test_an_address_that_names_no_file_is_not_found(client, duisburg, name):
    assert client.get(address(name)).status_code == 404


def test_each_initiative_publishes_its_own_measures(client, duisburg, muelheim):
    MeasureFactory(initiative=duisburg, title="Gründerzentrum Duisburg", is_internal=False)
    MeasureFactory(initiative=muelheim, title="Industriekonferenz Mülheim", is_internal=False)
    for name in FILES:
        duisburgs = client.get(address(name)).content.decode()
        muelheims = client.get(address(name, slug="muelheim")).content.decode()
        assert "Mülheim" not in duisburgs and "Duisburg" not in muelheims, name
    assert "Gründerzentrum Duisburg" in client.get(address("measures.csv")).content.decode()


def _catalogue(initiative, count):
    for _n in range(count):
        measure = MeasureFactory(initiative=initiative, is_internal=False)
        MilestoneFactory(measure=measure)
        PartnershipFactory(measure=measure)
        StatusUpdateFactory(measure=measure)


def _queries(client, name):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address(name)).status_code == 200
    return len(queries)


# Per file, besides the initiative the middleware reads and the edition (one each):
# the measures, their partners' organisations | the milestones | the status updates |
# the goals' counts and titles | the leading organisation (the publisher, in the
# package's and the catalogue's descriptions: their attribution needs none).
QUERIES = {
    "measures": 4,
    "milestones": 3,
    "status-history": 3,
    "goals": 4,
    "datapackage.json": 2,
    "dcat.rdf": 3,
}


@pytest.mark.parametrize("name", [*FILES, "datapackage.json", "dcat.rdf"])
def test_the_files_take_as_many_queries_for_2_measures_as_for_20(client, duisburg, name):
    _catalogue(duisburg, 2)
    few = _queries(client, name)
    _catalogue(duisburg, 18)
    many = _queries(client, name)
    assert few == many == QUERIES[name.rsplit(".", 1)[0] if name in FILES else name]
    # Kept for the edition: asked again, only the initiative and the edition are read.
    assert _queries(client, name) == 2


def test_a_client_asking_for_too_many_files_is_made_to_wait(client, duisburg):
    allowed = int(FILE_LIMIT.rate.split("/")[0])
    for _n in range(allowed):
        assert client.get(address("measures.json")).status_code == 200
    refused = client.get(address("measures.json"))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # The page that describes the files is not counted.
    assert client.get(address()).status_code == 200
