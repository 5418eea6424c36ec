"""The transfer platform's bench generator runs (small sizes): its texts are what the
services would have written, the measured search and filter find the first offer, and
the measured pages read the result in as many queries on a larger catalogue as on a
smaller one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.transfer import FILTER_KIND, SEARCH, generate_transfer, measured_transfer
from standort.initiatives.models import InitiativeRole, Organization
from standort.initiatives.tests.factories import (
    InitiativeFactory,
    InitiativeOrganizationFactory,
    OrganizationFactory,
    PersonFactory,
    user_with_role,
)
from standort.measures.search import fold
from standort.transfer.models import Need, Offer, Talk, Topic


def _initiative(slug, organizations):
    initiative = InitiativeFactory(slug=slug, is_public=True)
    persons = []
    for _n in range(organizations):
        organization = OrganizationFactory(kind=Organization.Kind.ASSOCIATION)
        InitiativeOrganizationFactory(initiative=initiative, organization=organization)
        persons.append(PersonFactory(initiative=initiative, organization=organization))
    office = user_with_role(
        initiative,
        InitiativeRole.Role.OFFICE,
        email=f"office@{slug}.example.org",
        first_name="Olga",
        last_name="Office",
    )
    return initiative, persons, office


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_generator_fills_the_transfer_platform(db, client):
    initiative, persons, office = _initiative("bench", 12)
    result = generate_transfer(
        initiative, persons, office, seed=1, offers=60, institutions=4, needs=9, talks=10
    )

    offers = Offer.objects.filter(initiative=initiative)
    assert offers.filter(state=Offer.State.PUBLISHED).count() == 60 == result.offers - 20
    assert Offer.objects.values("institution").distinct().count() == 4
    assert not offers.exclude(institution__kind=Organization.Kind.SCIENCE).exists()
    assert Need.objects.count() == result.needs == 9
    assert not Need.objects.exclude(company__kind=Organization.Kind.COMPANY).exists()
    assert Talk.objects.count() == result.talks == 10
    assert Topic.objects.filter(initiative=initiative).count() == 12
    for offer in offers:
        assert offer.search_text == fold(f"{offer.title} {offer.description} {offer.conditions}")
        assert 300 <= len(offer.description) <= 800
        assert 1 <= offer.topics.count() <= 3
    for need in Need.objects.all():
        assert need.search_text == fold(f"{need.title} {need.problem}")
    first = offers.order_by("pk").first()
    assert first.kind == FILTER_KIND and SEARCH in first.search_text
    assert first.topics.filter(pk=result.topic).exists()
    assert measured_transfer(initiative) == (result.topic, result.need)
    assert Need.objects.get(pk=result.need).topics.count() == 3

    # The measured pages, for the office; a second, larger catalogue asks no more.
    client.force_login(office)
    urls = [
        reverse("transfer_offers", args=["bench"]),
        reverse("transfer_offers", args=["bench"]) + f"?topic={result.topic}&kind={FILTER_KIND}",
        reverse("transfer_offers", args=["bench"]) + f"?q={SEARCH}",
        reverse("transfer_need", args=["bench", result.need]),
    ]
    counts = []
    for url in urls:
        count, response = _queries(client, url)
        counts.append(count)
    # The need page's suggestions: the measured need shares topics with many offers.
    assert len(response.context["suggestions"]) == 5

    larger, persons, office = _initiative("larger", 12)
    more = generate_transfer(larger, persons, office, seed=2, offers=200, institutions=6, needs=20)
    client.force_login(office)
    for url, count in zip(urls, counts, strict=True):
        url = url.replace("/bench/", "/larger/").replace(
            f"topic={result.topic}", f"topic={more.topic}"
        )
        url = url.replace(f"needs/{result.need}/", f"needs/{more.need}/")
        assert _queries(client, url)[0] <= count, url
