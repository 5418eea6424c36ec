"""A second review launched while one runs leaves out what the first asks about, says
so before and after, and asks again only when the office decides so."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory
from standort.reviews import services
from standort.reviews.models import ReviewAnswer, ReviewCycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(duisburg, anna, running, owners):
    """A draft asking about the running review's measures and a new one of Greta's."""
    greta, _ben = owners
    MeasureFactory(initiative=duisburg, number=6, title="Neue Gewerbefläche", owner=greta)
    cycle = ReviewCycle(
        initiative=duisburg,
        title="Zwischenabfrage Sommer",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    services.cycle_create(
        actor=anna,
        cycle=cycle,
        measures=Measure.objects.filter(initiative=duisburg, status__in=["adopted", "in_progress"]),
    )
    return cycle


def asked(cycle):
    return sorted(cycle.answers.values_list("measure__number", flat=True))


def test_the_launch_page_names_what_is_asked_already(second, as_persona):
    page = as_persona("anna").get(reverse("review_launch", args=["duisburg", second.pk]))
    text = page.content.decode()
    assert "Eine laufende Sachstandsabfrage fragt bereits nach 3 dieser Maßnahmen" in text
    assert "Breitband Hafen" in text and "Sachstandsabfrage Frühjahr 2018" in text
    assert 'name="ask_again"' in text


def test_launching_leaves_out_what_a_running_review_asks(second, as_persona, mailoutbox):
    client = as_persona("anna")
    response = client.post(reverse("review_launch", args=["duisburg", second.pk]), follow=True)
    assert asked(second) == [6]
    assert "Ausgelassen, weil eine laufende Sachstandsabfrage bereits danach fragt: 1, 2, 3." in (
        response.content.decode()
    )
    # Only Greta is asked, about her new measure; Ben is not asked at all.
    assert [r.person.first_name for r in second.requests.all()] == ["Greta"]


def test_the_office_may_ask_again(second, as_persona):
    as_persona("anna").post(
        reverse("review_launch", args=["duisburg", second.pk]), {"ask_again": "1"}
    )
    second.refresh_from_db()
    assert second.is_running
    assert asked(second) == [1, 2, 3, 6]


def test_a_review_of_nothing_new_is_not_launched(running, anna, duisburg):
    cycle = ReviewCycle(
        initiative=duisburg,
        title="Doppelt",
        deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    services.cycle_create(
        actor=anna, cycle=cycle, measures=Measure.objects.filter(initiative=duisburg, number=3)
    )
    with pytest.raises(services.DomainError):
        services.cycle_launch(actor=anna, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.is_draft and asked(cycle) == [3]
    assert ReviewAnswer.objects.filter(measure__number=3).count() == 2


def test_the_launch_page_counts_only_the_owners_it_will_mail(second, as_persona):
    """Ben is asked only about measure 3, which the running review asks already: the
    launch mails Greta alone, and says so."""
    page = as_persona("anna").get(reverse("review_launch", args=["duisburg", second.pk]))
    assert "1 Verantwortliche/r erhält eine E-Mail" in page.content.decode()
