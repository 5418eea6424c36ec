import datetime

import factory
from django.utils import timezone

from standort.initiatives.tests.factories import InitiativeFactory
from standort.measures.models import StatusUpdate
from standort.measures.tests.factories import StatusUpdateFactory
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
    """A submitted answer for `measure` in the request of the measure's owner. What
    the owner reported (`traffic_light`, `progress`, `achieved`, `next_steps`,
    `support_needed`) goes into its status update: a draft, accepted with an accepted
    answer (written directly: the measure's latest update stays as it is); an open
    answer has none."""

    class Meta:
        model = ReviewAnswer

    class Params:
        traffic_light = StatusUpdate.Light.GREEN
        progress = 40
        achieved = "Erste Gespräche mit den Unternehmen geführt."
        next_steps = "Förderantrag stellen."
        support_needed = ""

    cycle = factory.SelfAttribute("request.cycle")
    request = factory.SubFactory(
        ReviewRequestFactory, person=factory.SelfAttribute("..measure.owner")
    )
    state = ReviewAnswer.State.SUBMITTED
    saved_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)
    status_update = factory.Maybe(
        factory.LazyAttribute(lambda o: o.state != ReviewAnswer.State.OPEN),
        factory.SubFactory(
            StatusUpdateFactory,
            measure=factory.SelfAttribute("..measure"),
            traffic_light=factory.SelfAttribute("..traffic_light"),
            progress=factory.SelfAttribute("..progress"),
            achieved=factory.SelfAttribute("..achieved"),
            next_steps=factory.SelfAttribute("..next_steps"),
            support_needed=factory.SelfAttribute("..support_needed"),
            reported_at=factory.LazyAttribute(
                lambda o: o.factory_parent.submitted_at or timezone.now()
            ),
            reported_by=factory.SelfAttribute("..request.person"),
            accepted_at=factory.LazyAttribute(
                lambda o: (
                    timezone.now()
                    if o.factory_parent.state == ReviewAnswer.State.ACCEPTED
                    else None
                )
            ),
        ),
        None,
    )
