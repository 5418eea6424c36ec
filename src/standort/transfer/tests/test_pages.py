"""The transfer pages render for the office with entries in them, and their query count
does not grow with the catalogue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import Organization
from standort.initiatives.tests.factories import InitiativeOrganizationFactory, OrganizationFactory

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
