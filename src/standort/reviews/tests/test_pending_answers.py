"""A signed-in owner finds what a running review waits for from them, on the
dashboard and on the measure's page, not only in the mail (issue 14, item 15)."""

import pytest
from django.urls import reverse

from standort.reviews.models import ReviewAnswer

pytestmark = pytest.mark.django_db


def _bens_answer(cycle):
    return ReviewAnswer.objects.get(cycle=cycle, measure__number=3)


def test_the_dashboard_lists_my_pending_status_reports_with_a_button(running, client, ben):
    client.force_login(ben)
    page = client.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    answer = _bens_answer(running)
    assert "Meine offenen Sachstände" in page
    assert reverse("answer_edit", args=["duisburg", running.pk, answer.pk]) in page
    assert "Breitband Hafen" in page
    # Greta's measures are hers, not Ben's.
    assert "Gründerzentrum Außenstelle" not in page.split("Meine offenen Sachstände")[1][:2000]


def test_the_measure_page_offers_the_owner_to_report(running, client, ben):
    client.force_login(ben)
    answer = _bens_answer(running)
    edit = reverse("answer_edit", args=["duisburg", running.pk, answer.pk])
    page = client.get(reverse("measure_detail", args=["duisburg", 3])).content.decode()
    assert edit in page
    assert "Sachstand melden" in page
    # Not on the page of a measure someone else owns.
    other = client.get(reverse("measure_detail", args=["duisburg", 1])).content.decode()
    assert "Sachstand melden" not in other


def test_a_submitted_answer_is_no_longer_pending(running, client, ben):
    answer = _bens_answer(running)
    answer.state = ReviewAnswer.State.SUBMITTED
    answer.save()
    client.force_login(ben)
    page = client.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    assert "Meine offenen Sachstände" not in page
    measure_page = client.get(reverse("measure_detail", args=["duisburg", 3])).content.decode()
    assert "Sachstand melden" not in measure_page


def test_the_office_sees_no_pending_reports_of_others(running, client, anna):
    client.force_login(anna)
    page = client.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    assert "Meine offenen Sachstände" not in page
