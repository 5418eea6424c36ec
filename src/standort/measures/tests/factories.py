import datetime

import factory
from django.utils import timezone

from standort.initiatives.tests.factories import (
    BodyFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
)
from standort.measures.models import (
    CustomField,
    Measure,
    Milestone,
    Partnership,
    StatusUpdate,
    Tag,
    Topic,
)
from standort.measures.search import search_text_of


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Schlagwort {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    """A measure written directly (no service): progress and search text are set as
    the services would set them for a measure without parts or updates."""

    class Meta:
        model = Measure

    initiative = factory.SubFactory(InitiativeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    kind = Measure.Kind.PROJECT
    status = Measure.Status.ADOPTED
    body = factory.SubFactory(BodyFactory, initiative=factory.SelfAttribute("..initiative"))
    owner = factory.SubFactory(
        PersonFactory,
        initiative=factory.SelfAttribute("...initiative"),
        organization=factory.SubFactory(OrganizationFactory),
    )
    owner_organization = factory.SelfAttribute("owner.organization")
    search_text = factory.LazyAttribute(
        lambda o: search_text_of(Measure(number=o.number, title=o.title))
    )
    progress = factory.LazyAttribute(lambda o: 100 if o.status == Measure.Status.DONE else 0)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    measure = factory.SubFactory(MeasureFactory)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    measure = factory.SubFactory(MeasureFactory)
    person = factory.SubFactory(
        PersonFactory,
        initiative=factory.SelfAttribute("...measure.initiative"),
        organization=factory.SubFactory(OrganizationFactory),
    )
    organization = factory.SelfAttribute("person.organization")
    role = "Projektpartner"


class StatusUpdateFactory(factory.django.DjangoModelFactory):
    """Written directly; use services.status_update_record to make it current."""

    class Meta:
        model = StatusUpdate

    measure = factory.SubFactory(MeasureFactory)
    traffic_light = StatusUpdate.Light.GREEN
    progress = 50
    achieved = "Auftakt mit allen Partnern durchgeführt."
    reported_at = factory.LazyFunction(timezone.now)
    accepted_at = factory.LazyFunction(timezone.now)


class CustomFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomField

    initiative = factory.SubFactory(InitiativeFactory)
    label = factory.Sequence(lambda n: f"Feld {n}")
    kind = CustomField.Kind.TEXT
