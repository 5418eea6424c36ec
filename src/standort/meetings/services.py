"""Writes of meetings: plan, change (an invited meeting's new time or place becomes a
calendar update), cancel."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standort.core.services import DomainError, save

from .models import Meeting

__all__ = ["DomainError"]

# What invitees' calendars hold: a change of these updates their entry.
CALENDAR_FIELDS = ("starts_at", "ends_at", "location", "online_url", "title")


@transaction.atomic
def meeting_save(*, actor, meeting, expected_version=None):
    if meeting.is_cancelled:
        raise DomainError(_("A cancelled meeting cannot be changed."))
    if meeting.ends_at <= meeting.starts_at:
        raise DomainError(_("The end must be after the start."))
    if meeting.pk and meeting.invited_at:
        stored = Meeting.objects.filter(pk=meeting.pk).values(*CALENDAR_FIELDS).get()
        if any(stored[name] != getattr(meeting, name) for name in CALENDAR_FIELDS):
            meeting.sequence += 1
    if meeting.pk is None:
        meeting.created_by = actor
    return save(actor, meeting, expected_version=expected_version)


@transaction.atomic
def meeting_cancel(*, actor, meeting):
    if meeting.is_cancelled:
        raise DomainError(_("This meeting has been cancelled already."))
    meeting.state = Meeting.State.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    return save(actor, meeting)
