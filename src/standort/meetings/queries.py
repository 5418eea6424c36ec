from django.db.models import Count, Q
from django.utils import timezone

from .models import Invitation, Meeting


def meetings_of(initiative, *, past=False, body=None):
    """Upcoming meetings soonest first, or past ones latest first, with their
    invitation counts."""
    now = timezone.now()
    meetings = Meeting.objects.filter(initiative=initiative).select_related("body")
    meetings = meetings.filter(ends_at__lt=now) if past else meetings.filter(ends_at__gte=now)
    if body is not None:
        meetings = meetings.filter(body=body)
    return meetings.annotate(
        invited=Count("invitations"),
        coming=Count("invitations", filter=Q(invitations__response=Invitation.Response.YES)),
    ).order_by("-starts_at" if past else "starts_at", "pk")


def invitations_of(meeting):
    return meeting.invitations.select_related("person__organization").order_by(
        "person__last_name", "person__first_name"
    )
