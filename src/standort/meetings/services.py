"""Writes of meetings: plan, change (an invited meeting's new time or place becomes a
calendar update), cancel."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from standort.core import mail
from standort.core.models import OutgoingMail
from standort.core.services import DomainError, save
from standort.initiatives.models import Person

from .ical import meeting_ics
from .models import Invitation, Meeting, MinutesState

__all__ = ["DomainError"]

# What invitees' calendars hold: a change of these updates their entry.
CALENDAR_FIELDS = ("starts_at", "ends_at", "location", "online_url", "title")


@transaction.atomic
def meeting_save(*, actor, meeting, expected_version=None):
    if meeting.is_cancelled:
        raise DomainError(_("A cancelled meeting cannot be changed."))
    if meeting.ends_at <= meeting.starts_at:
        raise DomainError(_("The end must be after the start."))
    changed = False
    if meeting.pk and meeting.invited_at:
        stored = Meeting.objects.filter(pk=meeting.pk).values(*CALENDAR_FIELDS).get()
        changed = any(stored[name] != getattr(meeting, name) for name in CALENDAR_FIELDS)
        if changed:
            meeting.sequence += 1
    if meeting.pk is None:
        meeting.created_by = actor
    save(actor, meeting, expected_version=expected_version)
    if changed:
        # Same UID, higher SEQUENCE: the invitees' calendars move the entry.
        _queue_mails(meeting, _invited(meeting), "update")
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting):
    if meeting.is_cancelled:
        raise DomainError(_("This meeting has been cancelled already."))
    was_invited = meeting.invited_at is not None
    meeting.state = Meeting.State.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    save(actor, meeting)
    if was_invited:
        _queue_mails(meeting, _invited(meeting), "cancel")
    return meeting


def _invited(meeting):
    return list(meeting.invitations.select_related("person__user"))


# Invitations -----------------------------------------------------------------------


def invitees(meeting):
    """The body's members on the day of the meeting."""
    day = timezone.localdate(meeting.starts_at)
    return (
        Person.objects.filter(memberships__body=meeting.body)
        .exclude(memberships__body=meeting.body, memberships__ends_on__lt=day)
        .exclude(memberships__body=meeting.body, memberships__starts_on__gt=day)
        .distinct()
    )


@transaction.atomic
def meeting_invite(*, actor, meeting, guests=()):
    """Invites the body's members (and `guests`) by mail with the meeting as .ics;
    inviting again reaches only those not invited yet."""
    meeting = (
        Meeting.objects.select_for_update().select_related("body", "initiative").get(pk=meeting.pk)
    )
    if meeting.is_cancelled:
        raise DomainError(_("A cancelled meeting cannot be changed."))
    invited = set(meeting.invitations.values_list("person_id", flat=True))
    new = [
        Invitation(meeting=meeting, person=person)
        for person in invitees(meeting)
        if person.pk not in invited
    ]
    new += [
        Invitation(meeting=meeting, person=person, is_guest=True)
        for person in guests
        if person.pk not in invited and person.pk not in {i.person_id for i in new}
    ]
    Invitation.objects.bulk_create(new)
    for invitation in new:
        invitation.issue_token(meeting.ends_at)
        invitation.sent_at = timezone.now()
    Invitation.objects.bulk_update(
        new, ["token_hash", "link_generation", "link_expires_at", "sent_at"]
    )
    if meeting.state == Meeting.State.PLANNED:
        meeting.state = Meeting.State.INVITED
        meeting.invited_at = timezone.now()
        save(actor, meeting)
    _queue_mails(meeting, new, "invite")
    return new


def _queue_mails(meeting, invitations, kind):
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    calendar = meeting_ics(meeting, method=method).decode()
    agenda = list(meeting.agenda.select_related("presenter"))
    outgoing = []
    for invitation in invitations:
        person = invitation.person
        if not person.email:
            continue
        invitation.meeting = meeting
        context = {
            "meeting": meeting,
            "invitation": invitation,
            "agenda": agenda,
            "kind": kind,
            "link": invitation.link_placeholder(),
        }
        language = getattr(person.user, "language", None) or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = render_to_string("meetings/mail/invitation_subject.txt", context)
            body = render_to_string("meetings/mail/invitation.txt", context)
        outgoing.append(
            OutgoingMail(
                key=f"meeting/{kind}:{invitation.pk}:{meeting.sequence}",
                to=person.email,
                subject=" ".join(subject.split()),
                body=body,
                calendar=calendar,
                calendar_method=method,
            )
        )
    mail.queue(outgoing)


@transaction.atomic
def invitation_answer(*, invitation, response):
    """Yes, no or maybe, until the meeting is over; the latest answer counts."""
    if response not in (Invitation.Response.YES, Invitation.Response.NO, Invitation.Response.MAYBE):
        raise DomainError(_("Please answer yes, no or maybe."))
    if invitation.meeting.is_cancelled:
        raise DomainError(_("This meeting has been cancelled already."))
    invitation.response = response
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "responded_at"])
    return invitation


# Minutes ---------------------------------------------------------------------------


def _check_minutes_open(meeting):
    if meeting.minutes_state == MinutesState.APPROVED:
        raise DomainError(_("Approved minutes are frozen."))


@transaction.atomic
def minutes_save(*, actor, item, minutes):
    """The minutes of one agenda item (Markdown), while the minutes are not approved."""
    _check_minutes_open(item.meeting)
    item.minutes = minutes
    save(actor, item)
    return item


@transaction.atomic
def minutes_circulate(*, actor, meeting):
    _check_minutes_open(meeting)
    meeting.minutes_state = MinutesState.CIRCULATED
    return save(actor, meeting)


def chairs(meeting):
    """The body's chairs on the day of the meeting: they approve its minutes."""
    from standort.initiatives.models import Membership

    return set(
        Membership.objects.filter(body=meeting.body, role=Membership.Role.CHAIR).values_list(
            "person__user_id", flat=True
        )
    )


@transaction.atomic
def minutes_approve(*, actor, meeting):
    """The chair approves circulated minutes; from then on they are frozen."""
    if meeting.minutes_state != MinutesState.CIRCULATED:
        raise DomainError(_("Only circulated minutes can be approved."))
    if actor.pk not in chairs(meeting):
        raise DomainError(_("Only the chair of the body approves its minutes."))
    meeting.minutes_state = MinutesState.APPROVED
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = actor
    return save(actor, meeting)


@transaction.atomic
def decision_record(*, actor, decision):
    _check_minutes_open(decision.agenda_item.meeting)
    return save(actor, decision)


@transaction.atomic
def decision_to_measure(*, actor, decision):
    """Beschluss → Maßnahme: a proposed measure of the meeting's body, pre-filled from
    the decision and linked to it both ways."""
    from standort.measures import services as measure_services
    from standort.measures.models import Measure

    if decision.measure_id:
        raise DomainError(_("This decision has become a measure already."))
    meeting = decision.agenda_item.meeting
    first_line = decision.text.strip().splitlines()[0] if decision.text.strip() else ""
    measure = Measure(
        initiative=meeting.initiative,
        number=measure_services.next_number(meeting.initiative),
        title=first_line[:300] or _("Measure from a decision"),
        description=decision.text,
        body=meeting.body,
        decision=_("Decision of %(body)s on %(date)s")
        % {
            "body": meeting.body.name,
            "date": timezone.localdate(meeting.starts_at).strftime("%d.%m.%Y"),
        },
    )
    measure_services.measure_save(actor=actor, measure=measure)
    decision.measure = measure
    save(actor, decision)
    return measure


@transaction.atomic
def action_item_done(*, actor, action_item, done=True):
    action_item.done_at = timezone.now() if done else None
    return save(actor, action_item)
