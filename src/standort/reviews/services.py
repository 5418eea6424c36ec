"""Writes of a status review: create, launch, answer, remind, return, accept, close.

Mails are queued in the outbox (standort.core.mail) inside the same transaction, each
with a key that names its purpose, so a retried task or a double click sends once."""

import datetime
import re

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from standort.core import mail
from standort.core.models import OutgoingMail
from standort.core.services import DomainError, delete, save
from standort.core.tenancy import across_initiatives
from standort.measures import services as measure_services
from standort.measures.asof import catalogue_now
from standort.measures.dashboard import stale_condition, stale_since
from standort.measures.models import TRANSITIONS, Measure, Milestone, StatusUpdate

from . import queries, signals
from .models import REPORTED, ReviewAnswer, ReviewCycle, ReviewRequest

__all__ = ["DomainError"]

State = ReviewCycle.State
Answer = ReviewAnswer.State
# The hour of the day (Europe/Berlin) reminders go out.
REMINDER_HOUR = 8


# The review ------------------------------------------------------------------------


@transaction.atomic
def cycle_create(*, actor, cycle, measures):
    """A draft review of `measures`: one request per owner, one open answer per
    measure. Measures without an owner cannot be asked and are left out; returns
    them, so the page can say which."""
    cycle.created_by = actor
    save(actor, cycle)
    measures = list(measures.select_related("owner").order_by("number"))
    without_owner = [m for m in measures if m.owner_id is None]
    owned = [m for m in measures if m.owner_id is not None]
    if not owned:
        raise DomainError(_("None of the chosen measures has an owner who could be asked."))
    requests = {}
    for measure in owned:
        if measure.owner_id not in requests:
            requests[measure.owner_id] = ReviewRequest(
                cycle=cycle, person=measure.owner, email=measure.owner.email
            )
    ReviewRequest.objects.bulk_create(requests.values(), batch_size=500)
    ReviewAnswer.objects.bulk_create(
        [ReviewAnswer(cycle=cycle, request=requests[m.owner_id], measure=m) for m in owned],
        batch_size=500,
    )
    return without_owner


def cycle_update(*, actor, cycle, expected_version=None):
    if cycle.is_closed:
        raise DomainError(_("A closed review cannot be changed."))
    with transaction.atomic():
        save(actor, cycle, expected_version=expected_version)
        if cycle.is_running:
            # A new deadline moves the links' expiry and the reminders with it.
            cycle.requests.exclude(token_hash=None).update(link_expires_at=cycle.links_expire_at)
            _schedule_reminders(cycle)
    return cycle


@transaction.atomic
def cycle_delete(*, actor, cycle):
    if not cycle.is_draft:
        raise DomainError(_("Only a review that has not been launched can be deleted."))
    cycle.answers.all().delete()
    cycle.requests.all().delete()
    delete(actor, cycle)


@transaction.atomic
def cycle_launch(*, actor, cycle, ask_again=False):
    """Sends every owner their personal link; reminders are scheduled. Measures that
    another running review asks about already are left out (`cycle.left_out`: their
    numbers), so no owner is asked twice, unless the office decides to `ask_again`."""
    cycle = ReviewCycle.objects.select_for_update().select_related("initiative").get(pk=cycle.pk)
    if not cycle.is_draft:
        raise DomainError(_("This review has been launched already."))
    if cycle.deadline < timezone.localdate():
        raise DomainError(_("The deadline has passed; please choose a later one first."))
    cycle.left_out = []
    if not ask_again:
        overlapping = queries.asked_elsewhere(cycle)
        if overlapping and len(overlapping) == cycle.answers.count():
            raise DomainError(
                _("Every measure of this review is asked about in a running review already.")
            )
        cycle.left_out = [answer.measure.number for answer in overlapping]
        ReviewAnswer.objects.filter(pk__in=[answer.pk for answer in overlapping]).delete()
        cycle.requests.filter(answers=None).delete()
    cycle.state = State.RUNNING
    cycle.launched_at = timezone.now()
    save(actor, cycle)
    requests = list(_with_answers(cycle.requests.select_related("person__user")))
    for review_request in requests:
        review_request.cycle = cycle  # one review object, one contact lookup
    outgoing = [_link_mail(r, "review/launch") for r in requests]
    ReviewRequest.objects.bulk_update(
        requests,
        [
            "token_hash",
            "link_generation",
            "link_expires_at",
            "link_revoked_at",
            "email",
            "sent_at",
            "bounced_at",
            "bounce_reason",
        ],
        batch_size=500,
    )
    mail.queue([m for m in outgoing if m is not None])
    _schedule_reminders(cycle)
    return cycle


@transaction.atomic
def cycle_close(*, actor, cycle):
    """Freezes the review: links stop working, submitted answers are accepted,
    answers never given stay missing."""
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_running:
        raise DomainError(_("Only a running review can be closed."))
    for answer in cycle.answers.filter(state=Answer.SUBMITTED).select_related("measure"):
        answer_accept(actor=actor, answer=answer)
    cycle.state = State.CLOSED
    cycle.closed_at = timezone.now()
    cycle.snapshot = cycle_snapshot_take(cycle)
    save(actor, cycle)
    signals.review_closed.send(sender=ReviewCycle, cycle=cycle, actor=actor)
    return cycle


def cycle_snapshot_take(cycle):
    """Keeps the measures `cycle` asked about as they stand, with what their owners
    reported in it, as of its close (`queries.review_states` reads them)."""
    return measure_services.snapshot_take(
        initiative=cycle.initiative,
        taken_at=cycle.closed_at,
        states=queries.answered_states(
            cycle,
            catalogue_now(cycle.initiative, Measure.objects.filter(review_answers__cycle=cycle)),
        ),
    )


# Personal links and their mails ----------------------------------------------------


def _language(person):
    user = getattr(person, "user", None)
    return getattr(user, "language", None) or settings.LANGUAGE_CODE


def _link_mail(request, purpose, *, fresh=True, **extra):
    """The mail (unsaved) with the owner's link, or None when the owner has no
    address. `fresh` issues a new link (the old one stops working); the caller saves
    the request then."""
    if fresh:
        request.issue_token(request.cycle.links_expire_at)
        key = f"{purpose}:{request.pk}:{request.link_generation}"
    else:
        key = f"{purpose}:{request.pk}:once"
    if fresh:
        request.email = request.person.email
        if not request.email:
            request.bounced_at = timezone.now()
            request.bounce_reason = _("no e-mail address")
            return None
        request.sent_at = timezone.now()
        request.bounced_at = None
        request.bounce_reason = ""
    return _mail(
        request,
        key=key,
        # "review/reminder-before" -> reviews/mail/reminder.txt
        template=purpose.split("/")[1].split("-")[0],
        # Filled in when the mail is sent: the outbox keeps no usable token.
        link=request.link_placeholder(),
        **extra,
    )


def _contact(cycle):
    """The office person the mails name, looked up once per review and run."""
    if not hasattr(cycle, "_contact"):
        cycle._contact = ReviewRequest(cycle=cycle).link_contact()
    return cycle._contact


def _with_answers(requests):
    return requests.prefetch_related(
        Prefetch(
            "answers",
            queryset=ReviewAnswer.objects.select_related("measure").order_by("measure__number"),
        )
    )


def _mail(request, *, key, template, **extra):
    cycle = request.cycle
    answers = request.answers.all()  # prefetched with their measures, by number
    context = {
        "cycle": cycle,
        "initiative": cycle.initiative,
        "person": request.person,
        "answers": answers,
        "contact": _contact(cycle),
        **extra,
    }
    with translation.override(_language(request.person)):
        subject = render_to_string(f"reviews/mail/{template}_subject.txt", context)
        body = render_to_string(f"reviews/mail/{template}.txt", context)
    return OutgoingMail(key=key, to=request.email, subject=" ".join(subject.split()), body=body)


@transaction.atomic
def request_resend(*, actor, request, purpose="review/resend", **extra):
    """A new link for the owner (the old one stops working), by mail."""
    if not request.cycle.is_running:
        raise DomainError(_("Links can only be sent while the review is running."))
    request = _with_answers(ReviewRequest.objects.select_related("person__user", "cycle")).get(
        pk=request.pk
    )
    outgoing = _link_mail(request, purpose, **extra)
    request.save()
    if outgoing is None:
        raise DomainError(
            _("%(person)s has no e-mail address; please add one first.")
            % {"person": request.person}
        )
    mail.queue([outgoing])
    return request


@transaction.atomic
def request_revoke(*, actor, request):
    request.revoke_link()
    request.save(update_fields=["link_revoked_at"])
    return request


def mark_bounced(sender, key, error, **kwargs):
    """The mail server refused an owner's address: the office sees it on the review."""
    match = re.match(r"review/[\w-]+:(\d+):", key)
    if match:
        # The outbox delivers for every initiative; the mail's key names the request.
        with across_initiatives():
            ReviewRequest.objects.filter(pk=match[1]).update(
                bounced_at=timezone.now(), bounce_reason=error[:300]
            )


def request_opened(request):
    if request.opened_at is None:
        request.opened_at = timezone.now()
        ReviewRequest.objects.filter(pk=request.pk, opened_at=None).update(
            opened_at=request.opened_at
        )


# Answers ---------------------------------------------------------------------------


def _check_open(answer, *, office):
    """The review must be running (its row locked, so a close waits for this write)
    and the answer not accepted; the owner may change only what waits for them."""
    cycle = ReviewCycle.objects.select_for_update().get(pk=answer.cycle_id)
    if not cycle.is_running:
        raise DomainError(_("This review is closed; answers can no longer be changed."))
    if answer.state == Answer.ACCEPTED:
        raise DomainError(_("This answer has been accepted already."))
    if not office and not answer.is_editable_by_owner:
        raise DomainError(_("This answer has been submitted already."))


@transaction.atomic
def answer_save(*, actor, answer, report=None, submit, on_behalf=False, expected_version=None):
    """Stores what the form put into `answer`, as a draft or submitted. `report`
    ({field: value} of REPORTED; the fields left out stay as they are) goes into the
    answer's status update, a draft of the measure's until the office accepts it.
    `actor` is the signed-in user or None (the owner through their link)."""
    _check_open(answer, office=on_behalf)
    now = timezone.now()
    update = answer.status_update or StatusUpdate(
        measure=answer.measure, reported_by_id=answer.request.person_id
    )
    for name, value in (report or {}).items():
        if name not in REPORTED:
            raise ValueError(f"{name} is not reported through an answer")
        setattr(update, name, value)
    # The draft first: its change history then holds what the answer's version saw
    # (`queries.report_of`). A conflict below undoes both.
    update.reported_at = now
    measure_services.status_update_record(actor=actor, update=update, accept=False)
    answer.status_update = update
    answer.saved_at = now
    answer.entered_by = actor if on_behalf else None
    if submit:
        answer.state = Answer.SUBMITTED
        answer.submitted_at = now
    elif answer.state in (Answer.OPEN, Answer.DRAFT):
        answer.state = Answer.DRAFT
    save(actor, answer, expected_version=expected_version)
    _refresh_request(answer.request)
    return answer


def _refresh_request(request):
    """A request is answered when none of its answers waits for the owner. Decided
    in the database: the request object at hand may be older than its answers."""
    waiting = request.answers.filter(
        state__in=[Answer.OPEN, Answer.DRAFT, Answer.RETURNED]
    ).exists()
    rows = ReviewRequest.objects.filter(pk=request.pk)
    if waiting:
        rows.exclude(submitted_at=None).update(submitted_at=None)
        request.submitted_at = None
    else:
        rows.filter(submitted_at=None).update(submitted_at=timezone.now())
        request.submitted_at = rows.values_list("submitted_at", flat=True).get()


@transaction.atomic
def answer_return(*, actor, answer, question, expected_version=None):
    """Sends the answer back to the owner with a question, with a fresh link."""
    if answer.state not in (Answer.SUBMITTED, Answer.ACCEPTED):
        raise DomainError(_("Only a submitted answer can be returned."))
    if answer.state == Answer.ACCEPTED:
        raise DomainError(_("An accepted answer cannot be returned."))
    if not question.strip():
        raise DomainError(_("Please write the question for the owner."))
    answer.state = Answer.RETURNED
    answer.question = question.strip()
    save(actor, answer, expected_version=expected_version)
    request = answer.request
    _refresh_request(request)
    request_resend(actor=actor, request=request, purpose="review/returned", returned=answer)
    return answer


@transaction.atomic
def answer_accept(*, actor, answer):
    """The answer's status update becomes the measure's accepted one; milestone dates
    and completion are applied to the measure. The answer is read again under a lock,
    so a double click or a close at the same moment cannot accept it twice."""
    answer = (
        # Its status update is read along, not locked: PostgreSQL refuses to lock the
        # nullable side of an outer join, and the update is the answer's alone anyway.
        ReviewAnswer.objects.select_for_update(
            of=("self", "cycle", "measure", "request", "request__person")
        )
        .select_related("cycle", "measure", "request__person", "status_update")
        .get(pk=answer.pk)
    )
    if answer.state != Answer.SUBMITTED:
        raise DomainError(_("Only a submitted answer can be accepted."))
    if answer.cycle.is_closed:
        raise DomainError(_("This review is closed; answers can no longer be changed."))
    measure = answer.measure
    # Submitted without a word (only through the services): accepted as before, green.
    update = answer.status_update or StatusUpdate(measure=measure)
    update.measure = measure
    update.traffic_light = update.traffic_light or StatusUpdate.Light.GREEN
    update.progress = answer.reported_progress
    update.reported_at = answer.submitted_at or timezone.now()
    update.reported_by = answer.request.person
    measure_services.status_update_record(actor=actor, update=update, accept=True)
    _apply_milestones(actor, answer)
    if answer.completed and Measure.Status.DONE in TRANSITIONS.get(measure.status, []):
        measure.refresh_from_db()
        measure_services.measure_set_status(
            actor=actor, measure=measure, status=Measure.Status.DONE
        )
    answer.state = Answer.ACCEPTED
    answer.accepted_at = timezone.now()
    answer.accepted_by = actor
    answer.status_update = update
    save(actor, answer)
    return answer


@transaction.atomic
def answers_accept(*, actor, answers):
    for answer in answers:
        answer_accept(actor=actor, answer=answer)


def milestone_changes(answer):
    """[(title, due_on, completed_on)] of the milestones the answer changes."""
    ids = [int(k) for k in answer.milestone_dates if k.isdigit()]
    return [
        (
            milestone.title,
            _date(answer.milestone_dates[str(milestone.pk)].get("due_on")),
            _date(answer.milestone_dates[str(milestone.pk)].get("completed_on")),
        )
        for milestone in Milestone.objects.filter(measure=answer.measure, pk__in=ids)
    ]


def _apply_milestones(actor, answer):
    milestones = Milestone.objects.filter(
        measure=answer.measure, pk__in=[int(k) for k in answer.milestone_dates if k.isdigit()]
    )
    for milestone in milestones:
        dates = answer.milestone_dates[str(milestone.pk)]
        due_on = _date(dates.get("due_on")) or milestone.due_on
        completed_on = _date(dates.get("completed_on"))
        if (due_on, completed_on) != (milestone.due_on, milestone.completed_on):
            milestone.due_on, milestone.completed_on = due_on, completed_on
            measure_services.milestone_save(actor=actor, milestone=milestone)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


# Reminders -------------------------------------------------------------------------

REMINDERS = ("before", "after")


def reminder_time(cycle, kind):
    """When a reminder of `kind` is due: `remind_days_before` days before the
    deadline, or the day after it; None when the review asks for no such reminder."""
    if kind == "before":
        if not cycle.remind_days_before:
            return None
        day = cycle.deadline - datetime.timedelta(days=cycle.remind_days_before)
    else:
        day = cycle.deadline + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(REMINDER_HOUR)))


def _schedule_reminders(cycle):
    from .tasks import send_reminders

    for kind in REMINDERS:
        when = reminder_time(cycle, kind)
        # A reminder whose time has passed already would follow the first mail at once.
        if when is not None and when > timezone.now():
            transaction.on_commit(
                lambda when=when, kind=kind: mail.schedule(
                    send_reminders, when, cycle_id=cycle.pk, kind=kind
                )
            )


@transaction.atomic
def remind(cycle, kind, now=None):
    """Queues the reminder of `kind` for every owner who has not answered yet, once
    per owner: the mail's key is the record that it went out, and the database
    refuses a second one. Does nothing before the reminder is due (a deadline moved
    later leaves an early task behind). Returns how many were queued."""
    now = now or timezone.now()
    cycle = ReviewCycle.objects.select_related("initiative").get(pk=cycle.pk)
    due = reminder_time(cycle, kind)
    if not cycle.is_running or due is None or now < due or now >= cycle.links_expire_at:
        return 0
    purpose = f"review/reminder-{kind}"
    already = set(
        OutgoingMail.objects.filter(key__startswith=f"{purpose}:").values_list("key", flat=True)
    )
    requests = _with_answers(
        cycle.requests.filter(submitted_at=None, link_revoked_at=None, bounced_at=None)
        .exclude(token_hash=None)
        .select_related("person__user")
    )
    outgoing = []
    for request in requests:
        if f"{purpose}:{request.pk}:once" not in already:
            request.cycle = cycle
            outgoing.append(_link_mail(request, purpose, fresh=False, kind=kind))
    outgoing = [m for m in outgoing if m is not None]
    mail.queue(outgoing)
    return len(outgoing)


# Between reviews -------------------------------------------------------------------


def remind_stale(initiative, now=None):
    """Reminds the owners of running measures whose last accepted status update is
    older than the initiative's update interval, at most once a month per owner.
    Owners asked by a running review are left alone: the review reminds them."""

    now = now or timezone.now()
    since = stale_since(initiative, now)
    if since is None:
        return 0
    in_review = ReviewAnswer.objects.filter(
        cycle__initiative=initiative, cycle__state=State.RUNNING
    ).values("measure_id")
    measures = (
        Measure.objects.filter(initiative=initiative, is_archived=False)
        .filter(stale_condition(since))
        .exclude(pk__in=in_review)
        .exclude(owner=None)
        .exclude(owner__email="")
        .select_related("owner__user", "latest_update")
        .order_by("owner_id", "number")
    )
    by_owner = {}
    for measure in measures:
        by_owner.setdefault(measure.owner, []).append(measure)
    month = timezone.localdate(now).strftime("%Y-%m")
    contact = _contact(ReviewCycle(initiative=initiative))
    outgoing = []
    for owner, stale in by_owner.items():
        context = {
            "initiative": initiative,
            "person": owner,
            "measures": stale,
            "months": initiative.update_interval_months,
            "contact": contact,
            "site_url": settings.SITE_URL,
            "has_account": owner.user_id is not None,
        }
        with translation.override(_language(owner)):
            subject = render_to_string("reviews/mail/stale_subject.txt", context)
            body = render_to_string("reviews/mail/stale.txt", context)
        outgoing.append(
            OutgoingMail(
                key=f"stale-update:{initiative.pk}:{owner.pk}:{month}",
                to=owner.email,
                subject=" ".join(subject.split()),
                body=body,
            )
        )
    with transaction.atomic():
        mail.queue(outgoing)
    return len(outgoing)
