"""A closed status review of Duisburg around the personas, and one each of Mülheim and
the non-public forum, whose names must never show through /duisburg/.

Duisburg's review "Sachstandsabfrage Frühjahr 2018" asked about five measures:

* 1 "Gründerzentrum Außenstelle Müller" (Arbeitskreis Mittelstand und Gründung):
  Jürgen Groß answered and the office accepted it: on track, 60 %, support needed.
* 2 "Flächenpool für Logistik" (same group): the office typed Hans Weiß's answer
  from a phone call; submitted, not yet accepted: delayed, 30 %.
* 3 "Ladeinfrastruktur im Hafen" (Arbeitskreis Infrastruktur, Umwelt und Energie):
  Grete Öztürk never answered (her draft stays a draft).
* 4 "Wärmenetz Rheinhausen" (same group): accepted, at risk, 10 %.
* 5 "Alte Kampagne": answered, but archived since; the report leaves it out."""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from standort.initiatives.tests.factories import BodyFactory, OrganizationFactory, PersonFactory
from standort.measures.models import Measure, StatusUpdate
from standort.measures.tests.factories import MeasureFactory
from standort.reviews.models import ReviewAnswer, ReviewCycle, ReviewRequest
from standort.reviews.services import cycle_snapshot_take

# A review run through the services, from launch to close (test_freeze.py).
from standort.reviews.tests.conftest import catalogue, draft, owners, running  # noqa: F401
from standort.reviews.tests.factories import ReviewAnswerFactory, ReviewCycleFactory

Light = StatusUpdate.Light
Answer = ReviewAnswer.State

ACHIEVED = (
    "Räume in der Außenstelle an der Müllerstraße angemietet. Der Förderbescheid über "
    "250.000 € liegt vor; die Möblierung läuft."
)
NEXT_STEPS = "Eröffnung im Frühjahr; Gespräche mit Gründerinnen und Gründern aus der Region."
SUPPORT = "Unterstützung bei der Öffentlichkeitsarbeit und beim Straßenschild gewünscht."


def closed_review(initiative, title, **kwargs):
    return ReviewCycleFactory(
        initiative=initiative,
        title=title,
        state=ReviewCycle.State.CLOSED,
        closed_at=timezone.now(),
        **kwargs,
    )


def taken(cycle):
    """The review's snapshot, as closing it takes one."""
    cycle.snapshot = cycle_snapshot_take(cycle)
    ReviewCycle.objects.filter(pk=cycle.pk).update(snapshot=cycle.snapshot)


def owner(initiative, first_name, last_name, organization):
    return PersonFactory(
        first_name=first_name,
        last_name=last_name,
        initiative=initiative,
        organization=OrganizationFactory(name=organization),
    )


def answer(cycle, measure, **kwargs):
    """The measure's answer in `cycle`, in the request of its owner (made once)."""
    request = ReviewRequest.objects.filter(cycle=cycle, person=measure.owner).first()
    if request is None:
        return ReviewAnswerFactory(measure=measure, request__cycle=cycle, **kwargs)
    return ReviewAnswerFactory(measure=measure, request=request, **kwargs)


@dataclass
class ReviewPlace:
    initiative: object
    cycle: object
    measures: list
    names: list  # texts only this place's report shows


def duisburg_review(duisburg, anna):
    founders = BodyFactory(
        initiative=duisburg, name="Arbeitskreis Mittelstand und Gründung", position=1
    )
    energy = BodyFactory(
        initiative=duisburg, name="Arbeitskreis Infrastruktur, Umwelt und Energie", position=2
    )
    cycle = closed_review(duisburg, "Sachstandsabfrage Frühjahr 2018")
    m1 = MeasureFactory(
        initiative=duisburg,
        number=1,
        title="Gründerzentrum Außenstelle Müller",
        body=founders,
        status=Measure.Status.IN_PROGRESS,
        owner=owner(duisburg, "Jürgen", "Groß", "Wirtschaftsförderung Duisburg GmbH"),
    )
    m2 = MeasureFactory(
        initiative=duisburg,
        number=2,
        title="Flächenpool für Logistik",
        body=founders,
        status=Measure.Status.ADOPTED,
        owner=owner(duisburg, "Hans", "Weiß", "Hafen Duisburg AG"),
    )
    m3 = MeasureFactory(
        initiative=duisburg,
        number=3,
        title="Ladeinfrastruktur im Hafen",
        body=energy,
        status=Measure.Status.IN_PROGRESS,
        progress=20,
        owner=owner(duisburg, "Grete", "Öztürk", "Stadtwerke Duisburg AG"),
    )
    m4 = MeasureFactory(
        initiative=duisburg,
        number=4,
        title="Wärmenetz Rheinhausen",
        body=energy,
        status=Measure.Status.IN_PROGRESS,
        owner=m1.owner,
        owner_organization=m1.owner_organization,
    )
    m5 = MeasureFactory(
        initiative=duisburg, number=5, title="Alte Kampagne", body=founders, is_archived=True
    )
    answer(
        cycle,
        m1,
        state=Answer.ACCEPTED,
        traffic_light=Light.GREEN,
        progress=60,
        achieved=ACHIEVED,
        next_steps=NEXT_STEPS,
        support_needed=SUPPORT,
    )
    answer(
        cycle,
        m2,
        state=Answer.SUBMITTED,
        traffic_light=Light.AMBER,
        progress=30,
        achieved="Drei Flächen geprüft.",
        next_steps="Gespräch mit dem Planungsamt.",
        entered_by=anna,
    )
    answer(
        cycle,
        m3,
        state=Answer.DRAFT,
        traffic_light=Light.RED,
        progress=5,
        achieved="Entwurf, nie abgeschickt.",
    )
    answer(
        cycle,
        m4,
        state=Answer.ACCEPTED,
        traffic_light=Light.RED,
        progress=10,
        achieved="Machbarkeitsstudie beauftragt.",
        next_steps="Ergebnisse abwarten.",
    )
    answer(cycle, m5, state=Answer.ACCEPTED, achieved="Kampagne beendet.")
    taken(cycle)
    return ReviewPlace(
        initiative=duisburg,
        cycle=cycle,
        measures=[m1, m2, m3, m4, m5],
        names=[m1.title, "Sachstandsabfrage Frühjahr 2018", ACHIEVED],
    )


def other_review(initiative, title, measure_title, text):
    cycle = closed_review(initiative, title)
    measure = MeasureFactory(initiative=initiative, number=101, title=measure_title)
    answer(cycle, measure, state=Answer.ACCEPTED, achieved=text)
    taken(cycle)
    return ReviewPlace(
        initiative=initiative, cycle=cycle, measures=[measure], names=[measure_title, title, text]
    )


@pytest.fixture
def review(duisburg, anna):
    return duisburg_review(duisburg, anna)


@pytest.fixture
def reviews(review, muelheim, internal):
    """Duisburg's review and the closed reviews of Mülheim and the forum."""
    return {
        "duisburg": review,
        "muelheim": other_review(
            muelheim,
            "Industriekonferenz 2018",
            "Fahrplan Industrieflächen",
            "Flächenkataster Saarn fertig.",
        ),
        "forum": other_review(
            internal, "Vertrauliche Abfrage", "Vertrauliche Maßnahme", "Geheimer Sachstand."
        ),
    }
