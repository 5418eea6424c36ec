import datetime

import factory
from django.utils import timezone

from standort.initiatives.models import Organization
from standort.initiatives.tests.factories import InitiativeFactory, OrganizationFactory
from standort.transfer.models import Need, Offer, Talk, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Thema {n}")


class OfferFactory(factory.django.DjangoModelFactory):
    """A published offer written directly; OfferFactory(topics=[…]) names its topics."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    institution = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.SCIENCE)
    kind = Offer.Kind.CONTRACT_RESEARCH
    title = factory.Sequence(lambda n: f"Angebot {n}")
    description = "Werkstoffprüfung im Labor der Hochschule."
    state = Offer.State.PUBLISHED

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)


class NeedFactory(factory.django.DjangoModelFactory):
    """An open need written directly; NeedFactory(topics=[…]) names its topics."""

    class Meta:
        model = Need
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    company = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.COMPANY)
    title = factory.Sequence(lambda n: f"Bedarf {n}")
    problem = "Wir suchen ein Verfahren zur Prüfung von Schweißnähten."

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    initiative = factory.SubFactory(InitiativeFactory)
    company = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.COMPANY)
    institution = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.SCIENCE)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
