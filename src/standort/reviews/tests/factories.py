import datetime

import factory
from django.utils import timezone

from standort.initiatives.tests.factories import InitiativeFactory
from standort.measures.models import StatusUpdate
from standort.reviews.models import ReviewAnswer, ReviewCycle, ReviewRequest


class ReviewCycleFactory(factory.django.DjangoModelFactory):
    """A running review with its deadline in two weeks."""

    class Meta:
        model = ReviewCycle

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Sachstandsabfrage {n}")
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    state = ReviewCycle.State.RUNNING
    launched_at = factory.LazyFunction(timezone.now)


class ReviewRequestFactory(factory.django.DjangoModelFactory):
    """A request for the owner of nobody in particular; pass `person`."""

    class Meta:
        model = ReviewRequest

    cycle = factory.SubFactory(ReviewCycleFactory)
    email = factory.LazyAttribute(lambda o: o.person.email)
    sent_at = factory.LazyFunction(timezone.now)


class ReviewAnswerFactory(factory.django.DjangoModelFactory):
    """A submitted answer for `measure` in the request of the measure's owner."""

    class Meta:
        model = ReviewAnswer

    cycle = factory.SelfAttribute("request.cycle")
    request = factory.SubFactory(
        ReviewRequestFactory, person=factory.SelfAttribute("..measure.owner")
    )
    state = ReviewAnswer.State.SUBMITTED
    traffic_light = StatusUpdate.Light.GREEN
    progress = 40
    achieved = "Erste Gespräche mit den Unternehmen geführt."
    next_steps = "Förderantrag stellen."
    saved_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)
