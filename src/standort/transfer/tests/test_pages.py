"""The transfer pages render for the office with entries in them, and their query count
does not grow with the catalogue."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import Organization
from standort.initiatives.tests.factories import (
    InitiativeOrganizationFactory,
    OrganizationFactory,
    PersonFactory,
)

from . import world
from .factories import NeedFactory, OfferFactory, TalkFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(duisburg):
    topics = [TopicFactory(initiative=duisburg, name=n) for n in ("Werkstoffe", "Logistik")]
    university = OrganizationFactory(kind=Organization.Kind.SCIENCE, name="Hochschule Ruhr West")
    firm = OrganizationFactory(kind=Organization.Kind.COMPANY, name="Stahlbau Muster GmbH")
    for organization in (university, firm):
        InitiativeOrganizationFactory(initiative=duisburg, organization=organization)
    offer = OfferFactory(initiative=duisburg, institution=university, topics=topics[:1])
    need = NeedFactory(initiative=duisburg, company=firm, topics=topics, visibility="public")
    talk = TalkFactory(
        initiative=duisburg,
        company=firm,
        institution=university,
        need=need,
        offer=offer,
        starts_at=timezone.now() - datetime.timedelta(days=3),
        outcome="cooperation",
    )
    return offer, need, talk, topics[0]


def test_every_page_renders_for_the_office(filled, as_persona):
    offer, need, talk, topic = filled
    client = as_persona("anna")
    pages = [
        ("transfer_offers", []),
        ("transfer_needs", []),
        ("transfer_talks", []),
        ("transfer_effect", []),
        ("transfer_topics", []),
        ("transfer_offer", [offer.pk]),
        ("transfer_need", [need.pk]),
        ("transfer_talk", [talk.pk]),
        ("transfer_offer_create", []),
        ("transfer_need_create", []),
        ("transfer_talk_create", []),
        ("transfer_offer_edit", [offer.pk]),
        ("transfer_need_edit", [need.pk]),
        ("transfer_talk_edit", [talk.pk]),
        ("transfer_talk_outcome", [talk.pk]),
        ("transfer_effect_publish", []),
        ("transfer_topic_edit", [topic.pk]),
        ("transfer_offer_history", [offer.pk]),
    ]
    for name, args in pages:
        response = client.get(reverse(name, args=["duisburg", *args]))
        assert response.status_code == 200, name


# Query counts -----------------------------------------------------------------------------


def _fill(initiative, topics, anchor, start, end):
    """Entries `start`…`end - 1`: an offer and a need that fit the anchor's need and
    offer (shared topics and key words), each of an organisation of its own, and a talk
    about the anchor's need and offer with two participants."""
    offer, need = anchor
    for n in range(start, end):
        university = OrganizationFactory(kind=Organization.Kind.SCIENCE, name=f"Institut {n}")
        firm = OrganizationFactory(kind=Organization.Kind.COMPANY, name=f"Betrieb {n}")
        for organization in (university, firm):
            InitiativeOrganizationFactory(initiative=initiative, organization=organization)
        world.offer(
            initiative=initiative,
            institution=university,
            title=f"Schweißnähte prüfen {n}",
            topics=topics,
        )
        world.need(
            initiative=initiative,
            company=firm,
            title=f"Werkstoffprüfung gesucht {n}",
            visibility="public" if n % 2 else "officers",
            topics=topics,
        )
        talk = TalkFactory(
            initiative=initiative,
            company=need.company,
            institution=offer.institution,
            need=need,
            offer=offer,
            starts_at=timezone.now() + datetime.timedelta(days=n - 10),
            outcome="follow_up" if n < 10 else "",
        )
        talk.participants.set(
            [
                PersonFactory(organization=university, initiative=initiative),
                PersonFactory(organization=firm, initiative=initiative),
            ]
        )


@pytest.fixture
def anchor(duisburg):
    topics = [TopicFactory(initiative=duisburg, name=n) for n in ("Werkstoffe", "Produktion")]
    university = OrganizationFactory(kind=Organization.Kind.SCIENCE, name="Hochschule Ruhr West")
    firm = OrganizationFactory(kind=Organization.Kind.COMPANY, name="Stahlbau Muster GmbH")
    for organization in (university, firm):
        InitiativeOrganizationFactory(initiative=duisburg, organization=organization)
    offer = world.offer(
        initiative=duisburg,
        institution=university,
        title="Prüflabor",
        description="Werkstoffprüfung und Schweißnähte",
        topics=topics,
    )
    need = world.need(
        initiative=duisburg,
        company=firm,
        title="Schweißnähte prüfen",
        problem="Werkstoffprüfung an Trägern",
        topics=topics,
        visibility="public",
    )
    return topics, (offer, need)


# Every page: 1 session, 2 user, 3 initiative (middleware), 4 the reader's roles, 5 the
# reader's organisation (transfer.rules), 6 the unread notifications of the header;
# besides these:
PAGES = {
    # page: (its arguments from the anchor's offer and need, at most its queries)
    # 7 the topics and 8 the institutions of the filter, 9 the offers awaiting approval
    # (the office's hint), 10 the stamp of the kept rows, 11 the pager's count, 12 the
    # page of offers with their institutions, 13 their topics
    "transfer_offers": (lambda offer, need: [], 13),
    # 7 topics, 8 institutions, 9 count, 10 the needs with their firms, 11 their topics
    "transfer_needs": (lambda offer, need: [], 11),
    # 7 count, 8 the talks with firm, institution, need and offer, 9 their participants
    "transfer_talks": (lambda offer, need: [], 9),
    # 7 topics with their offers and needs, 8 offers, 9 open needs, 10 talks per
    # quarter, 11 outcomes, 12 the needs' waits for their first talk, 13 firms, 14 of
    # them those cooperating
    "transfer_effect": (lambda offer, need: [], 14),
    # 7 the offer with its institution and contact, 8 its history, 9 its topics' ids,
    # 10 the ranked needs with their firms, 11 their topics, 12 the reasons' topic
    # names, 13 its talks, 14 its topics shown
    "transfer_offer": (lambda offer, need: [offer.pk], 14),
    # as the offer's, the ranked offers without their topics' prefetch
    "transfer_need": (lambda offer, need: [need.pk], 13),
}


@pytest.mark.parametrize("page", PAGES)
def test_the_query_count_does_not_grow_with_the_entries(
    duisburg, anna, anchor, as_persona, django_assert_max_num_queries, page
):
    topics, entries = anchor
    args, most = PAGES[page]
    client = as_persona("anna")
    _fill(duisburg, topics, entries, 0, 2)
    url = reverse(page, args=["duisburg", *args(*entries)])

    forget()
    with django_assert_max_num_queries(most) as few:
        response = client.get(url)
    assert response.status_code == 200
    shown = _entries_shown(page, response)

    _fill(duisburg, topics, entries, 2, 20)

    forget()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    # The page shows more (else the count proves nothing), with as many queries.
    assert _entries_shown(page, response) > shown
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def _entries_shown(page, response):
    context = response.context
    if page in ("transfer_offer", "transfer_need"):
        return len(context["suggestions"]) + len(context["talks"])
    if page == "transfer_effect":
        effect = context["effect"]
        return effect.offers + effect.needs + sum(n for _label, n in effect.outcomes)
    return context["listing"].page.count


def forget():
    for each in caches.all():  # nothing an earlier request kept counts
        each.clear()


def test_the_kept_catalogue_rows_follow_a_change_and_the_reader(filled, as_persona, client, anna):
    offer = filled[0]
    url = reverse("transfer_offers", args=["duisburg"])
    assert offer.title in as_persona("anonymous").get(url).content.decode()

    from standort.transfer import services

    services.offer_change_state(actor=anna, offer=offer, action="withdraw", by_office=True)
    # The public's kept rows no longer name it; the office's rows (a key of their own) do.
    assert offer.title not in client.get(url).content.decode()
    client.force_login(anna)
    assert offer.title in client.get(url).content.decode()
    client.logout()
    assert offer.title not in client.get(url).content.decode()
