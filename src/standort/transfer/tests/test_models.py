"""The transfer platform's data: each row is its initiative's, the vocabulary names a
topic once, a matching talk is between two organisations."""

import pytest
from django.db import IntegrityError, transaction

from standort.core.tenancy import across_initiatives, initiative_scope
from standort.transfer.models import Need, Offer, Talk, Topic

from .factories import NeedFactory, OfferFactory, TalkFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_each_initiative_reads_only_its_own_offers_and_needs(duisburg, muelheim):
    materials = TopicFactory(initiative=muelheim, name="Werkstoffe")
    OfferFactory(initiative=muelheim, title="Werkstoffprüfung", topics=[materials])
    NeedFactory(initiative=muelheim, title="Schweißnähte prüfen", topics=[materials])
    OfferFactory(initiative=duisburg, title="Logistikforschung")

    with initiative_scope(muelheim):
        assert [o.title for o in Offer.objects.all()] == ["Werkstoffprüfung"]
        assert [n.title for n in Need.objects.all()] == ["Schweißnähte prüfen"]
        assert [t.name for t in Topic.objects.all()] == ["Werkstoffe"]
    with initiative_scope(duisburg):
        assert [o.title for o in Offer.objects.all()] == ["Logistikforschung"]
        assert not Need.objects.exists()


def test_a_topic_is_named_once_in_an_initiative(duisburg, muelheim):
    TopicFactory(initiative=duisburg, name="Energie")
    TopicFactory(initiative=muelheim, name="Energie")  # another initiative's vocabulary
    with pytest.raises(IntegrityError), transaction.atomic():
        TopicFactory(initiative=duisburg, name="Energie")


def test_a_talk_is_between_two_organisations(duisburg):
    talk = TalkFactory(initiative=duisburg)
    talk.institution = talk.company
    with pytest.raises(IntegrityError), transaction.atomic():
        talk.save()
    with across_initiatives():
        assert Talk.objects.get().institution != Talk.objects.get().company
