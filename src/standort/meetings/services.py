"""Writes of meetings: plan, change (an invited meeting's new time or place becomes a
calendar update), cancel; the agenda, invitations and answers; the minutes with their
decisions and action items; the personal calendar feed."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from standort.core import mail
from standort.core.models import OutgoingMail
from standort.core.services import DomainError, delete, save
from standort.initiatives.models import Membership, Person
from standort.measures import services as measure_services
from standort.measures.models import Measure

from . import signals
from .ical import invitation_ics
from .models import AgendaAttachment, CalendarFeed, Invitation, Meeting, MinutesState

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


# A personal note of the sender above the invitation: a few sentences, not a letter.
NOTE_LIMIT = 2000


def invitation_plan(meeting):
    """Who an invitation sent now would reach: (to be mailed, invited but without an
    e-mail address, invited already), each a list of people."""
    invited = set(meeting.invitations.values_list("person_id", flat=True))
    people = list(invitees(meeting).order_by("last_name", "first_name"))
    new = [person for person in people if person.pk not in invited]
    return (
        [person for person in new if person.email],
        [person for person in new if not person.email],
        [person for person in people if person.pk in invited],
    )


def invitation_preview(meeting, person, note=""):
    """(subject, body) of the invitation `person` would get, with a placeholder where
    their personal link goes, in their language."""
    invitation = Invitation(meeting=meeting, person=person)
    agenda = list(meeting.agenda.select_related("presenter"))
    return _mail_text(meeting, invitation, agenda, "invite", note, _("[your personal link]"))


@transaction.atomic
def meeting_invite(*, actor, meeting, guests=(), note=""):
    """Invites the body's members (and `guests`) by mail with the meeting as .ics,
    with the sender's personal `note` above it; inviting again reaches only those not
    invited yet."""
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise DomainError(
            _("The personal note may be at most %(limit)s characters long.") % {"limit": NOTE_LIMIT}
        )
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
    _queue_mails(meeting, new, "invite", note=note)
    return new


def _mailed(invitations):
    """Those to mail now: everyone with an address, except users who chose a daily
    digest or no mail for invitations (their notification list and digest tell them)."""
    with_address = [i for i in invitations if i.person.email]
    users = [i.person.user_id for i in with_address if i.person.user_id]
    immediate = mail.wants_immediate_mail(users, "invitation")
    return [i for i in with_address if not i.person.user_id or i.person.user_id in immediate]


def _mail_text(meeting, invitation, agenda, kind, note, link):
    """(subject, body) of a mail about the meeting to the invitation's person, in their
    language."""
    person = invitation.person
    context = {
        "meeting": meeting,
        "invitation": invitation,
        "agenda": agenda,
        "kind": kind,
        "note": note,
        "link": link,
    }
    language = getattr(person.user, "language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = render_to_string("meetings/mail/invitation_subject.txt", context)
        body = render_to_string("meetings/mail/invitation.txt", context)
    return " ".join(subject.split()), body


def _queue_mails(meeting, invitations, kind, suffix=None, note=""):
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    agenda = list(meeting.agenda.select_related("presenter"))
    # Each invitee's own file: the organizer, and them as the attendee.
    calendar_of = invitation_ics(meeting, method=method, agenda=agenda)
    outgoing = []
    for invitation in _mailed(invitations):
        person = invitation.person
        invitation.meeting = meeting
        subject, body = _mail_text(
            meeting, invitation, agenda, kind, note, invitation.link_placeholder()
        )
        outgoing.append(
            OutgoingMail(
                key=f"meeting/{kind}:{invitation.pk}:{suffix or meeting.sequence}",
                to=person.email,
                subject=subject,
                body=body,
                calendar=calendar_of(invitation).decode(),
                calendar_method=method,
            )
        )
    mail.queue(outgoing)
    signals.invitations_sent.send(
        sender=Meeting, meeting=meeting, invitations=invitations, kind=kind
    )


@transaction.atomic
def meeting_remind(*, actor, meeting):
    """Reminds those invited who have not answered; at most once a day each."""
    if meeting.is_cancelled or meeting.invited_at is None:
        raise DomainError(_("Only invitations that were sent can be reminded of."))
    if meeting.ends_at < timezone.now():
        raise DomainError(_("The meeting is over."))
    silent = list(
        meeting.invitations.filter(response=Invitation.Response.NONE).select_related("person__user")
    )
    _queue_mails(meeting, silent, "remind", suffix=timezone.localdate().isoformat())
    return silent


@transaction.atomic
def invitation_answer(*, invitation, response):
    """Yes, no or maybe, until the meeting is over; the latest answer counts."""
    if response not in (Invitation.Response.YES, Invitation.Response.NO, Invitation.Response.MAYBE):
        raise DomainError(_("Please answer yes, no or maybe."))
    if invitation.meeting.is_cancelled:
        raise DomainError(_("This meeting has been cancelled already."))
    if invitation.meeting.ends_at < timezone.now():
        raise DomainError(_("The meeting is over; the answer can no longer be changed."))
    invitation.response = response
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "responded_at"])
    return invitation


# Minutes ---------------------------------------------------------------------------


def _check_minutes_open(meeting):
    if meeting.minutes_state == MinutesState.APPROVED:
        raise DomainError(_("Approved minutes are frozen."))


@transaction.atomic
def minutes_save(*, actor, item, minutes, expected_version=None):
    """The minutes of one agenda item (Markdown), while the minutes are not approved."""
    _check_minutes_open(item.meeting)
    item.minutes = minutes
    save(actor, item, expected_version=expected_version)
    return item


@transaction.atomic
def attendance_save(*, actor, meeting, attended):
    """`attended`: {invitation id: True / False / None}; the meeting's own invitations
    only."""
    _check_minutes_open(meeting)
    changed = []
    for invitation in meeting.invitations.filter(pk__in=attended):
        value = attended[invitation.pk]
        if invitation.attended != value:
            invitation.attended = value
            changed.append(invitation)
    Invitation.objects.bulk_update(changed, ["attended"])
    return changed


@transaction.atomic
def minutes_circulate(*, actor, meeting):
    _check_minutes_open(meeting)
    if meeting.starts_at > timezone.now():
        raise DomainError(_("Minutes can be circulated once the meeting has begun."))
    meeting.minutes_state = MinutesState.CIRCULATED
    return save(actor, meeting)


def chairs(meeting):
    """The body's chairs on the day of the meeting: they approve its minutes."""

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
def decision_record(*, actor, decision, adopted_measures=None):
    """Records a decision; `adopted_measures` are existing measures it adopts: each
    records the decision (adopted by the body, on the day of the meeting)."""
    meeting = decision.agenda_item.meeting
    _check_minutes_open(meeting)
    if not decision.text.strip():
        raise DomainError(_("Please write down the decision."))
    save(actor, decision)
    if adopted_measures is not None:
        _adopt(actor, decision, meeting, adopted_measures)
    return decision


def _decision_reference(meeting):
    return _("Decision of %(body)s on %(date)s") % {
        "body": meeting.body.name,
        "date": timezone.localdate(meeting.starts_at).strftime("%d.%m.%Y"),
    }


def _adopt(actor, decision, meeting, measures):

    known = set(decision.adopted_measures.values_list("pk", flat=True))
    adoptable = {Measure.Status.PROPOSED, Measure.Status.ADOPTED}
    refused = [m for m in measures if m.pk not in known and m.status not in adoptable]
    if refused:
        raise DomainError(
            _("Only proposed or adopted measures can be adopted: %(numbers)s.")
            % {"numbers": ", ".join(str(m.number) for m in refused)}
        )
    for measure in measures:
        if measure.pk in known:
            continue
        reference = _decision_reference(meeting)
        if measure.status == Measure.Status.PROPOSED:
            measure_services.measure_set_status(
                actor=actor,
                measure=measure,
                status=Measure.Status.ADOPTED,
                adopted_by=meeting.body,
                adopted_on=timezone.localdate(meeting.starts_at),
                decision=reference,
            )
        elif not measure.decision:
            measure.decision = reference
            measure.adopted_by = measure.adopted_by or meeting.body
            measure.adopted_on = measure.adopted_on or timezone.localdate(meeting.starts_at)
            measure_services.measure_save(actor=actor, measure=measure)
    decision.adopted_measures.set(measures)


@transaction.atomic
def decision_delete(*, actor, decision):
    _check_minutes_open(decision.agenda_item.meeting)
    delete(actor, decision)


@transaction.atomic
def decision_to_measure(*, actor, decision):
    """Beschluss → Maßnahme: a proposed measure of the meeting's body, pre-filled from
    the decision and linked to it both ways."""

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
        decision=_decision_reference(meeting),
    )
    measure_services.measure_save(actor=actor, measure=measure)
    decision.measure = measure
    save(actor, decision)
    return measure


@transaction.atomic
def action_item_save(*, actor, action_item):
    _check_minutes_open(action_item.agenda_item.meeting)
    return save(actor, action_item)


@transaction.atomic
def action_item_delete(*, actor, action_item):
    _check_minutes_open(action_item.agenda_item.meeting)
    delete(actor, action_item)


@transaction.atomic
def action_item_done(*, actor, action_item, done=True):
    """Ticked off (or opened again) by its owner or the meeting's planners; also after
    the minutes are approved: the work goes on."""
    action_item.done_at = timezone.now() if done else None
    return save(actor, action_item)


# The agenda --------------------------------------------------------------------------


@transaction.atomic
def agenda_item_save(*, actor, item, measures=None, expected_version=None):
    if item.meeting.is_cancelled:
        raise DomainError(_("A cancelled meeting cannot be changed."))
    save(actor, item, expected_version=expected_version)
    if measures is not None:
        item.measures.set(measures)
    return item


@transaction.atomic
def agenda_item_delete(*, actor, item):
    _check_minutes_open(item.meeting)
    if item.decisions.exists() or item.action_items.exists():
        raise DomainError(_("This agenda item has decisions or action items; remove those first."))
    files = [attachment.file for attachment in item.attachments.all()]
    delete(actor, item)
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])


@transaction.atomic
def agenda_attachment_add(*, actor, item, upload, name=""):
    attachment = AgendaAttachment(
        agenda_item=item,
        file=upload,
        name=(name or upload.name)[:200],
        size=upload.size,
        uploaded_by=actor,
    )
    return save(actor, attachment)


@transaction.atomic
def agenda_attachment_delete(*, actor, attachment):
    file = attachment.file
    delete(actor, attachment)
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: file.delete(save=False))


# The personal calendar feed ----------------------------------------------------------


@transaction.atomic
def calendar_feed_issue(*, user):
    """A new feed link for `user`; the previous one stops working. Returns the token."""
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    token = feed.issue_token(None)
    feed.save()
    return token


@transaction.atomic
def calendar_feed_revoke(*, user):
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is not None:
        feed.revoke_link()
        feed.save(update_fields=["link_revoked_at"])
    return feed
