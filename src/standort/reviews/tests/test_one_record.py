"""What an owner reports is kept once: in the status update of their answer, a draft
until the office accepts it, then the measure's accepted status update. Greta answers
through her link, Anna returns, enters on Greta's behalf, accepts and closes."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from standort.measures import services as measure_services
from standort.measures.asof import catalogue_as_of
from standort.measures.models import Measure, StatusUpdate
from standort.measures.queries import measure_in
from standort.reviews import services
from standort.reviews.models import REPORTED, ReviewAnswer
from standort.reviews.queries import review_states

from .conftest import link_of

pytestmark = pytest.mark.django_db


def _greta_link(mailoutbox):
    return link_of(next(m for m in reversed(mailoutbox) if m.to == ["greta@example.org"]))


def _form(answer, **report):
    """What the answer form sends: the report, and the milestones' dates as shown."""
    dates = {}
    for milestone in answer.measure.milestones.all():
        dates[f"ms_{milestone.pk}_due"] = dates[f"initial-ms_{milestone.pk}_due"] = (
            milestone.due_on.isoformat()
        )
    return {"traffic_light": "", "progress": "", **report, **dates}


def _as_anna(as_persona, answer, **report):
    """Anna sends the answer form on the owner's behalf."""
    return as_persona("anna").post(
        reverse("answer_edit", args=["duisburg", answer.cycle_id, answer.pk]),
        _form(answer, **report),
    )


def _reports(answer):
    """The status updates of the answer's measure, with the answer's own."""
    answer.refresh_from_db()
    return list(StatusUpdate.objects.filter(measure_id=answer.measure_id)), answer.status_update


def test_an_answer_is_one_status_update_from_the_first_draft_to_the_close(
    running, client, mailoutbox, as_persona, anna
):
    first = ReviewAnswer.objects.get(measure__number=1)
    second = ReviewAnswer.objects.get(measure__number=2)
    untouched = ReviewAnswer.objects.get(measure__number=3)
    path = _greta_link(mailoutbox)

    # Greta saves a draft: no traffic light, no progress yet.
    client.post(f"{path}{first.pk}/", _form(first, achieved="Räume besichtigt.", draft="1"))
    updates, report = _reports(first)
    assert updates == [report]
    assert (report.traffic_light, report.progress, report.achieved) == (
        "",
        None,
        "Räume besichtigt.",
    )
    assert report.accepted_at is None
    draft_pk = report.pk

    # She submits both of her measures.
    client.post(
        f"{path}{first.pk}/",
        _form(
            first,
            traffic_light="amber",
            progress="30",
            achieved="Mietvertrag verhandelt.",
            next_steps="Unterschrift im Mai.",
            submit="1",
        ),
    )
    client.post(
        f"{path}{second.pk}/",
        _form(
            second, traffic_light="green", progress="60", achieved="Flächen gesichert.", submit="1"
        ),
    )
    updates, report = _reports(first)
    assert updates == [report] and report.pk == draft_pk
    assert first.state == ReviewAnswer.State.SUBMITTED
    assert (report.traffic_light, report.progress, report.next_steps) == (
        "amber",
        30,
        "Unterschrift im Mai.",
    )
    assert report.accepted_at is None

    # Anna returns it with a question, then enters Greta's corrected answer.
    services.answer_return(actor=anna, answer=first, question="Welcher Monat genau?")
    first.refresh_from_db()
    response = _as_anna(
        as_persona,
        first,
        traffic_light="amber",
        progress="45",
        achieved="Mietvertrag verhandelt.",
        next_steps="Unterschrift am 15. Mai.",
        submit="1",
        seen_version=str(first.version),
    )
    assert response.status_code == 302
    updates, report = _reports(first)
    assert updates == [report] and report.pk == draft_pk
    assert (first.state, first.entered_by) == (ReviewAnswer.State.SUBMITTED, anna)
    assert (report.progress, report.next_steps) == (45, "Unterschrift am 15. Mai.")

    # Accepted, the same record becomes the measure's status update.
    services.answer_accept(actor=anna, answer=first)
    updates, report = _reports(first)
    assert updates == [report] and report.pk == draft_pk
    assert report.accepted_at is not None
    measure = Measure.objects.get(pk=first.measure_id)
    assert (measure.latest_update_id, measure.progress) == (draft_pk, 45)

    # Closing accepts the second; the third was never answered and has none.
    services.cycle_close(actor=anna, cycle=running)
    updates, report = _reports(second)
    assert updates == [report]
    assert (report.traffic_light, report.progress, report.achieved) == (
        "green",
        60,
        "Flächen gesichert.",
    )
    assert report.accepted_at is not None
    assert _reports(untouched) == ([], None)
    running.refresh_from_db()
    reported = {state.number: state for state in review_states(running)}
    assert (reported[1].traffic_light, reported[1].progress) == ("amber", 45)
    assert reported[1].next_steps == "Unterschrift am 15. Mai."
    assert (reported[2].traffic_light, reported[2].progress) == ("green", 60)
    assert not reported[3].answered

    # The answer keeps no copy, not even in its change history.
    for model in (ReviewAnswer, ReviewAnswer.history.model):
        assert not set(REPORTED) & {field.name for field in model._meta.get_fields()}


def test_a_draft_counts_nowhere_until_it_is_accepted(running, anna, duisburg):
    measure = Measure.objects.get(initiative=duisburg, number=2)
    accepted = measure_services.status_update_record(
        actor=anna,
        update=StatusUpdate(
            measure=measure,
            traffic_light="green",
            progress=20,
            reported_at=timezone.now() - datetime.timedelta(days=30),
        ),
    )
    answer = ReviewAnswer.objects.get(measure=measure)
    services.answer_save(
        actor=None,
        answer=answer,
        report={"traffic_light": "red", "progress": 90, "achieved": "Alles anders."},
        submit=True,
    )
    measure.refresh_from_db()
    assert (measure.latest_update_id, measure.progress) == (accepted.pk, 20)
    assert list(measure_in(duisburg, 2).updates.all()) == [accepted]
    now = catalogue_as_of(duisburg, timezone.now())
    assert [(s.traffic_light, s.progress) for s in now if s.number == 2] == [("green", 20)]
    # A measure whose only status update is an owner's draft has no record to keep.
    only_a_draft = ReviewAnswer.objects.get(measure__number=1)
    services.answer_save(actor=None, answer=only_a_draft, report={"achieved": "x"}, submit=False)
    assert measure_services.measure_delete(actor=anna, measure=only_a_draft.measure) is True


def test_an_accepted_status_update_has_a_traffic_light_and_a_progress(running, anna):
    measure = Measure.objects.get(number=1, initiative=running.initiative)
    incomplete = StatusUpdate(measure=measure, traffic_light="green", progress=None)
    with pytest.raises(services.DomainError):
        measure_services.status_update_record(actor=anna, update=incomplete)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusUpdate.objects.create(
            measure=measure,
            traffic_light="",
            progress=50,
            reported_at=timezone.now(),
            accepted_at=timezone.now(),
        )
    # A draft may lack both.
    measure_services.status_update_record(actor=anna, update=incomplete, accept=False)
    assert incomplete.pk is not None


def test_a_second_writer_gets_the_others_changes_of_the_report(running, as_persona):
    answer = ReviewAnswer.objects.get(measure__number=2)
    first = {"achieved": "Gespräche laufen.", "next_steps": "Termin im Mai."}
    services.answer_save(actor=None, answer=answer, report=first, submit=False)
    seen = answer.version
    # Greta changes the next steps while Anna has the form open.
    services.answer_save(
        actor=None, answer=answer, report={"next_steps": "Termin im Juni."}, submit=False
    )
    response = _as_anna(
        as_persona,
        answer,
        achieved="Gespräche laufen, zwei Zusagen.",
        next_steps="Termin im Mai.",
        draft="1",
        seen_version=str(seen),
    )
    assert response.status_code == 200
    assert "Nächste Schritte: Termin im Mai. → Termin im Juni." in response.content.decode()
    form = response.context["form"]
    assert form.data["next_steps"] == "Termin im Juni."  # Greta's, taken over
    assert form.data["achieved"] == "Gespräche laufen, zwei Zusagen."  # Anna's, kept
    answer.refresh_from_db()
    assert answer.status_update.achieved == "Gespräche laufen."
