"""The office's pages: create a draft, launch, follow, answer on someone's behalf,
return, accept; the owner signed in."""

import datetime
import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone

from standort.measures.models import Measure
from standort.reviews import services
from standort.reviews.models import ReviewAnswer, ReviewCycle, ReviewRequest

pytestmark = pytest.mark.django_db


def test_creating_a_review_makes_a_draft_of_the_chosen_measures(catalogue, as_persona, mailoutbox):
    client = as_persona("anna")
    form = client.get(reverse("review_create", args=["duisburg"])).context["form"]
    assert form["statuses"].value() == ["adopted", "in_progress"]
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = client.post(
        reverse("review_create", args=["duisburg"]),
        {
            "title": "Sachstandsabfrage Herbst",
            "deadline": deadline.isoformat(),
            "grace_days": "14",
            "remind_days_before": "3",
            "statuses": ["in_progress"],
        },
    )
    cycle = ReviewCycle.objects.get(title="Sachstandsabfrage Herbst")
    assert response.status_code == 302
    assert cycle.is_draft
    assert list(cycle.answers.values_list("measure__number", flat=True)) == [2]
    assert mailoutbox == []


def test_a_deadline_in_the_past_is_refused_next_to_the_field(catalogue, as_persona):
    response = as_persona("anna").post(
        reverse("review_create", args=["duisburg"]),
        {
            "title": "Zu spät",
            "deadline": "2020-01-01",
            "grace_days": "14",
            "remind_days_before": "3",
            "statuses": ["adopted"],
        },
    )
    assert response.status_code == 200
    assert 'id="id_deadline_error"' in response.content.decode()
    assert not ReviewCycle.objects.filter(title="Zu spät").exists()


@pytest.mark.parametrize("deadline", ["9999-12-31", "2099-01-01"])
def test_a_deadline_years_ahead_is_refused_next_to_the_field(catalogue, as_persona, deadline):
    """Issue 14, 8: 31.12.9999 plus the grace period was a server error."""
    response = as_persona("anna").post(
        reverse("review_create", args=["duisburg"]),
        {
            "title": "Viel zu spät",
            "deadline": deadline,
            "grace_days": "14",
            "remind_days_before": "3",
            "statuses": ["adopted"],
        },
        headers={"accept-language": "de"},
    )
    assert response.status_code == 200
    assert "innerhalb eines Jahres" in response.content.decode()
    assert not ReviewCycle.objects.filter(title="Viel zu spät").exists()


def test_measures_without_owner_are_named_when_left_out(catalogue, as_persona):
    Measure.objects.filter(number=5).update(status="adopted")
    response = as_persona("anna").post(
        reverse("review_create", args=["duisburg"]),
        {
            "title": "Mit Lücke",
            "deadline": (timezone.localdate() + datetime.timedelta(days=9)).isoformat(),
            "grace_days": "14",
            "remind_days_before": "3",
            "statuses": ["adopted"],
        },
        follow=True,
    )
    assert "5" in str([str(m) for m in response.context["messages"]])


def test_launching_from_the_page_mails_the_owners(
    draft, as_persona, mailoutbox, django_capture_on_commit_callbacks
):
    client = as_persona("anna")
    confirm = client.get(reverse("review_launch", args=["duisburg", draft.pk]))
    assert confirm.status_code == 200
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("review_launch", args=["duisburg", draft.pk]))
    draft.refresh_from_db()
    assert draft.is_running
    assert len(mailoutbox) == 2
    # Launching twice sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("review_launch", args=["duisburg", draft.pk]))
    assert len(mailoutbox) == 2


def test_the_follow_up_page_shows_who_answered(running, as_persona, django_assert_max_num_queries):
    answer = ReviewAnswer.objects.get(measure__number=3)
    report = {"traffic_light": "green", "progress": 20, "achieved": "läuft"}
    services.answer_save(actor=None, answer=answer, report=report, submit=True)
    response = as_persona("stefan").get(reverse("review_detail", args=["duisburg", running.pk]))
    page = response.content.decode()
    assert response.context["counts"]["answered"] == 1
    assert response.context["counts"]["share"] == 33
    assert 'value="33"' in page  # the progress bar
    only_answered = as_persona("stefan").get(
        reverse("review_detail", args=["duisburg", running.pk]) + "?progress=answered"
    )
    people = [r.person.last_name for r in only_answered.context["listing"].page.object_list]
    assert people == ["Brandt"]


def test_the_follow_up_page_needs_the_same_queries_for_many_owners(
    running, as_persona, django_assert_num_queries, duisburg
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_persona("anna")
    url = reverse("review_detail", args=["duisburg", running.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    from standort.initiatives.tests.factories import PersonFactory
    from standort.measures.tests.factories import MeasureFactory

    for n in range(12):
        owner = PersonFactory(initiative=duisburg, email=f"o{n}@example.org")
        measure = MeasureFactory(initiative=duisburg, number=100 + n, owner=owner)
        request = ReviewRequest.objects.create(cycle=running, person=owner, email=owner.email)
        ReviewAnswer.objects.create(cycle=running, request=request, measure=measure)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_office_enters_an_answer_on_behalf_and_it_is_marked(running, as_persona, anna):
    answer = ReviewAnswer.objects.get(measure__number=2)
    url = reverse("answer_edit", args=["duisburg", running.pk, answer.pk])
    response = as_persona("anna").post(
        url,
        {
            "traffic_light": "amber",
            "progress": "60",
            "achieved": "Telefonisch: Flächen gesichert.",
            "submit": "1",
            "seen_version": answer.version,
        },
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.state == ReviewAnswer.State.SUBMITTED
    assert answer.entered_by == anna
    detail = as_persona("anna").get(
        reverse("answer_detail", args=["duisburg", running.pk, answer.pk])
    )
    assert "Anna Albers" in detail.content.decode()


def test_the_owner_signed_in_answers_in_the_app(running, as_persona):
    answer = ReviewAnswer.objects.get(measure__number=3)
    client = as_persona("ben")
    listing = client.get(reverse("review_list", args=["duisburg"])).content.decode()
    assert "Breitband Hafen" in listing
    assert "Gründerzentrum" not in listing
    response = client.post(
        reverse("answer_edit", args=["duisburg", running.pk, answer.pk]),
        {"traffic_light": "green", "progress": "80", "achieved": "Ausbau fertig.", "submit": "1"},
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.state == ReviewAnswer.State.SUBMITTED
    assert answer.entered_by is None


def test_a_second_writer_keeps_their_text(running, as_persona):
    answer = ReviewAnswer.objects.get(measure__number=2)
    seen = answer.version
    services.answer_save(
        actor=None, answer=answer, report={"achieved": "Erster Stand"}, submit=False
    )
    response = as_persona("anna").post(
        reverse("answer_edit", args=["duisburg", running.pk, answer.pk]),
        {"achieved": "Mein eigener Text", "draft": "1", "seen_version": seen},
    )
    assert response.status_code == 200
    assert "Mein eigener Text" in response.content.decode()
    answer.refresh_from_db()
    assert answer.status_update.achieved == "Erster Stand"


def test_return_and_accept_from_the_pages(
    running, as_persona, mailoutbox, django_capture_on_commit_callbacks
):
    answer = ReviewAnswer.objects.get(measure__number=3)
    report = {"traffic_light": "red", "progress": 5, "achieved": "Verzögert"}
    services.answer_save(actor=None, answer=answer, report=report, submit=True)
    client = as_persona("anna")
    empty = client.post(reverse("answer_return", args=["duisburg", running.pk, answer.pk]), {})
    assert 'id="id_question_error"' in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("answer_return", args=["duisburg", running.pk, answer.pk]),
            {"question": "Was fehlt genau?", "seen_version": answer.version},
        )
    answer.refresh_from_db()
    assert answer.state == ReviewAnswer.State.RETURNED
    assert "Was fehlt genau?" in mailoutbox[-1].body
    report = {"achieved": "Förderbescheid fehlt noch"}
    services.answer_save(actor=None, answer=answer, report=report, submit=True)
    client.post(reverse("answer_accept", args=["duisburg", running.pk, answer.pk]))
    answer.refresh_from_db()
    assert answer.state == ReviewAnswer.State.ACCEPTED
    assert answer.measure.latest_update.achieved == "Förderbescheid fehlt noch"


def test_completion_and_milestones_reach_the_measure_on_accept(running, anna):
    answer = ReviewAnswer.objects.get(measure__number=1)
    milestone = answer.measure.milestones.get()
    today = timezone.localdate()
    answer.completed = True
    answer.milestone_dates = {
        str(milestone.pk): {
            "due_on": milestone.due_on.isoformat(),
            "completed_on": today.isoformat(),
        }
    }
    services.answer_save(
        actor=None,
        answer=answer,
        report={"traffic_light": "green", "progress": 90, "achieved": "Eröffnet"},
        submit=True,
    )
    services.answer_accept(actor=anna, answer=answer)
    milestone.refresh_from_db()
    measure = Measure.objects.get(pk=answer.measure_id)
    assert milestone.completed_on == today
    assert measure.status == Measure.Status.DONE
    assert measure.latest_update.progress == 100


class RefusingBackend(EmailBackend):
    """A mail server that refuses addresses at bounce.example.org for good."""

    def send_messages(self, messages):
        for message in messages:
            if any(a.endswith("@bounce.example.org") for a in message.to):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no such user")})
        return super().send_messages(messages)


def test_a_refused_address_shows_as_undeliverable(
    draft, anna, settings, mailoutbox, django_capture_on_commit_callbacks, as_persona
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    greta = ReviewRequest.objects.get(cycle=draft, email="greta@example.org").person
    greta.email = "greta@bounce.example.org"
    greta.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_launch(actor=anna, cycle=draft)
    request = ReviewRequest.objects.get(cycle=draft, person=greta)
    assert request.bounced_at is not None
    assert "no such user" in request.bounce_reason
    response = as_persona("anna").get(
        reverse("review_detail", args=["duisburg", draft.pk]) + "?progress=bounced"
    )
    assert [r.person for r in response.context["listing"].page.object_list] == [greta]


def test_the_review_list_needs_the_same_queries_for_many_reviews(running, as_persona, duisburg):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import ReviewCycleFactory

    url = reverse("review_list", args=["duisburg"])
    office = as_persona("anna")
    office.get(url)
    with CaptureQueriesContext(connection) as few:
        office.get(url)
    ReviewCycleFactory.create_batch(15, initiative=duisburg)
    with CaptureQueriesContext(connection) as many:
        office.get(url)
    assert len(many) == len(few)


def test_actions_return_only_to_pages_of_this_site(running, as_persona):
    request = ReviewRequest.objects.get(cycle=running, email="greta@example.org")
    url = reverse("request_revoke", args=["duisburg", running.pk, request.pk])
    response = as_persona("anna").post(url, {"next": "https://evil.example.com/"})
    assert response["Location"] == reverse("review_detail", args=["duisburg", running.pk])
    back = reverse("review_detail", args=["duisburg", running.pk]) + "?progress=unopened"
    response = as_persona("anna").post(url, {"next": back})
    assert response["Location"] == back
