"""What an answer may not do: change once accepted, be accepted twice, arrive after the
close, or undo a milestone date the office moved meanwhile."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.measures.models import StatusUpdate
from standort.reviews import services
from standort.reviews.forms import AnswerForm
from standort.reviews.models import ReviewAnswer

pytestmark = pytest.mark.django_db


def _submitted(number):
    answer = ReviewAnswer.objects.get(measure__number=number)
    report = {"traffic_light": "green", "progress": 50, "achieved": "läuft"}
    return services.answer_save(actor=None, answer=answer, report=report, submit=True)


def test_an_accepted_answer_stays_as_accepted(running, anna, as_persona):
    answer = _submitted(3)
    services.answer_accept(actor=anna, answer=answer)
    answer.refresh_from_db()
    with pytest.raises(services.DomainError):
        services.answer_save(actor=anna, answer=answer, submit=True, on_behalf=True)
    response = as_persona("anna").get(
        reverse("answer_edit", args=["duisburg", running.pk, answer.pk])
    )
    assert response.status_code == 302  # back to the answer, with a message


def test_accepting_twice_makes_one_status_update(running, anna):
    answer = _submitted(3)
    stale_copy = ReviewAnswer.objects.get(pk=answer.pk)
    services.answer_accept(actor=anna, answer=answer)
    with pytest.raises(services.DomainError):
        services.answer_accept(actor=anna, answer=stale_copy)
    assert StatusUpdate.objects.filter(measure=answer.measure).count() == 1


def test_nothing_is_submitted_into_a_closed_review(running, anna):
    answer = ReviewAnswer.objects.get(measure__number=1)
    services.cycle_close(actor=anna, cycle=running)
    report = {"traffic_light": "green", "progress": 50, "achieved": "zu spät"}
    with pytest.raises(services.DomainError):
        services.answer_save(actor=None, answer=answer, report=report, submit=True)
    answer.refresh_from_db()
    assert answer.state == ReviewAnswer.State.OPEN
    assert answer.status_update is None


def test_a_milestone_date_moved_meanwhile_stays_moved(running, anna):
    answer = ReviewAnswer.objects.get(measure__number=1)
    milestone = answer.measure.milestones.get()
    shown = AnswerForm(instance=answer)
    seen_due = shown[f"ms_{milestone.pk}_due"].initial
    # The office moves the date while the owner has the form open.
    milestone.due_on = milestone.due_on + datetime.timedelta(days=30)
    milestone.save()
    data = {
        "traffic_light": "green",
        "progress": "40",
        "achieved": "läuft",
        f"ms_{milestone.pk}_due": seen_due.isoformat(),
        f"initial-ms_{milestone.pk}_due": seen_due.isoformat(),
        f"initial-ms_{milestone.pk}_done": "",
    }
    form = AnswerForm(data, instance=answer, submit=True)
    assert form.is_valid(), form.errors
    saved = form.save()
    services.answer_save(actor=None, answer=saved, report=form.report(), submit=True)
    services.answer_accept(actor=anna, answer=saved)
    milestone.refresh_from_db()
    assert milestone.due_on == seen_due + datetime.timedelta(days=30)


def test_removing_an_owner_who_was_asked_keeps_the_person(running, anna, duisburg):
    from standort.initiatives import services as initiative_services

    greta = ReviewAnswer.objects.get(measure__number=1).request.person
    initiative_services.person_remove(actor=anna, initiative=duisburg, person=greta)
    greta.refresh_from_db()
    assert not greta.initiative_links.exists()


def test_no_reminder_after_the_links_have_expired(running):
    running.grace_days = 0
    running.deadline = timezone.localdate() - datetime.timedelta(days=1)
    running.save()
    after = services.reminder_time(running, "after")
    assert services.remind(running, "after", now=after) == 0
