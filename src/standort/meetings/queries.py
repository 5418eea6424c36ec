from datetime import datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from standort.core.history import newest
from standort.core.tenancy import across_initiatives
from standort.initiatives.models import Body, InitiativeRole, Person
from standort.measures.models import Measure

from . import extensions
from .models import ActionItem, AgendaAttachment, AgendaItem, Decision, Invitation, Meeting


def meetings_of(initiative, *, past=False, body=None):
    """Upcoming meetings soonest first, or past ones latest first, with their
    invitation counts."""
    now = timezone.now()
    meetings = Meeting.objects.filter(initiative=initiative).select_related("body")
    meetings = meetings.filter(ends_at__lt=now) if past else meetings.filter(ends_at__gte=now)
    if body is not None:
        meetings = meetings.filter(body=body)
    # Counted per listed row (correlated subqueries), not grouped over every meeting
    # of the initiative before the page is cut.
    return meetings.annotate(
        invited=_invitation_count(),
        coming=_invitation_count(response=Invitation.Response.YES),
    ).order_by("-starts_at" if past else "starts_at", "pk")


def public_meetings(initiative):
    """The meetings in a public initiative's public record: those marked public,
    cancelled ones too (the record says they were cancelled). Their agenda, decisions
    and approved minutes are public with them; invitations, attendance, comments,
    attachments, action items and draft minutes are not."""
    if not initiative.is_public:
        return Meeting.objects.none()
    return Meeting.objects.filter(initiative=initiative, is_public=True)


def _invitation_count(**conditions):
    counted = (
        Invitation.objects.filter(meeting=OuterRef("pk"), **conditions)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def invitations_of(meeting):
    return meeting.invitations.select_related("person__organization").order_by(
        "person__last_name", "person__first_name"
    )


# What a decision's measure need not bring along to the meeting page.
MEASURE_TEXTS = ("description", "goal", "search_text", "custom_values", "status_reason")


def agenda_of(meeting):
    """The agenda with everything the meeting page shows of each item, in a constant
    number of queries. The related rows come as lists (`measure_list`, `file_list`,
    `decision_list` with `adopted_list`, `action_list`): a related manager's .all()
    builds a new queryset each time, and the page asks for several per item."""

    measures = Measure.objects.only("pk", "number", "title", "status", "initiative_id")
    return meeting.agenda.select_related("presenter").prefetch_related(
        Prefetch("measures", queryset=measures.order_by("number"), to_attr="measure_list"),
        Prefetch("attachments", to_attr="file_list"),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("measure")
            .defer(*(f"measure__{name}" for name in MEASURE_TEXTS))
            .prefetch_related(
                Prefetch(
                    "adopted_measures",
                    queryset=measures.order_by("number"),
                    to_attr="adopted_list",
                )
            ),
            to_attr="decision_list",
        ),
        Prefetch(
            "action_items",
            queryset=ActionItem.objects.select_related("owner"),
            to_attr="action_list",
        ),
    )


def invitation_of(meeting, user):
    """The signed-in user's own invitation to `meeting`, or None."""
    if not user.is_authenticated:
        return None
    return meeting.invitations.filter(person__user=user).first()


def open_action_items(initiative, user):
    """The user's action items not done yet, soonest due first (undated last)."""
    return (
        ActionItem.objects.filter(
            owner__user=user, done_at=None, agenda_item__meeting__initiative=initiative
        )
        .select_related("agenda_item__meeting__body")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )


def next_meetings(initiative, *, limit=5):
    """The next meetings of the initiative (not cancelled) for the dashboard."""
    return (
        Meeting.objects.filter(initiative=initiative, ends_at__gte=timezone.now())
        .exclude(state=Meeting.State.CANCELLED)
        .select_related("body")
        .order_by("starts_at", "pk")[:limit]
    )


# A body's page shows this many of its next meetings, and of its latest past ones.
BODY_MEETINGS = 3


def body_meetings(body, *, today, limit=BODY_MEETINGS):
    """(upcoming, past): the body's next `limit` meetings, soonest first, and its latest
    `limit` past ones, latest first (two queries). Split by the day rather than the
    hour, so that the body's page can keep them for the day: upcoming is what has not
    ended before `today` began (today's meetings count among them all day), past what
    ended before. Cancelled meetings are named among the upcoming ones, marked as the
    list marks them, and left out of the past ones: they did not take place."""
    day_began = timezone.make_aware(datetime.combine(today, time.min))
    meetings = Meeting.objects.filter(initiative_id=body.initiative_id, body=body).only(
        "title", "starts_at", "ends_at", "state"
    )
    upcoming = meetings.filter(ends_at__gte=day_began).order_by("starts_at", "pk")
    past = (
        meetings.filter(ends_at__lt=day_began)
        .exclude(state=Meeting.State.CANCELLED)
        .order_by("-starts_at", "-pk")
    )
    return list(upcoming[:limit]), list(past[:limit])


def feed_meetings(user, *, since_days=180):
    """The meetings of every body the user belongs to today, and those they are invited
    to, from half a year back on, in the initiatives where they take part today: what
    their personal calendar feed holds, in every initiative (the user's own meetings,
    read across initiatives on purpose). Asked anew with each request of the calendar
    app, so a membership that ended or a role taken away leaves the feed at once."""
    if not user.is_active:
        return []
    since = timezone.now() - timedelta(days=since_days)
    today = timezone.localdate()
    member = Q(body__memberships__person__user=user) & (
        Q(body__memberships__ends_on__isnull=True) | Q(body__memberships__ends_on__gte=today)
    )
    with across_initiatives():
        meetings = Meeting.objects.filter(member | Q(invitations__person__user=user))
        if not user.is_superuser:
            roles = InitiativeRole.objects.filter(user=user).values("initiative_id")
            meetings = meetings.filter(initiative_id__in=roles)
        return list(
            meetings.filter(ends_at__gte=since)
            .select_related("body")
            .prefetch_related("agenda")
            .distinct()
            .order_by("starts_at", "pk")
        )


def decisions_on(measure):
    """The decisions that created or adopted `measure`, oldest first."""
    return (
        Decision.objects.filter(Q(measure=measure) | Q(adopted_measures=measure))
        .select_related("agenda_item__meeting__body")
        .distinct()
        .order_by("agenda_item__meeting__starts_at", "pk")
    )


def agenda_stamp(meeting):
    """What the agenda part of the meeting page shows can only have changed when one of
    these changed: the newest history record of the meeting's agenda items, decisions,
    action items and files (their lists of measures are set in the same write), of
    any measure or person (titles and names), and of what the apps above add to the
    agenda (its comments). One query; the page keeps its rendered agenda for as long as
    the stamp holds."""

    here = OuterRef("pk")
    stamps = {
        "items": newest(AgendaItem, meeting_id=here),
        "decisions": newest(Decision, agenda_item__meeting_id=here),
        "actions": newest(ActionItem, agenda_item__meeting_id=here),
        "files": newest(AgendaAttachment, agenda_item__meeting_id=here),
        "measures": newest(Measure),
        "people": newest(Person),
        **{f"part_{n}": part.newest(here) for n, part in enumerate(extensions.agenda_parts())},
    }
    row = Meeting.objects.filter(pk=meeting.pk).annotate(**stamps).values_list(*stamps).get()
    return "-".join(str(value) for value in row)


def minutes_counts(meeting):
    """What approving the meeting's minutes freezes, counted: agenda items with
    minutes, decisions, action items and attendees."""
    return {
        "minuted": meeting.agenda.exclude(minutes="").count(),
        "decisions": Decision.objects.filter(agenda_item__meeting=meeting).count(),
        "actions": ActionItem.objects.filter(agenda_item__meeting=meeting).count(),
        "attended": meeting.invitations.filter(attended=True).count(),
    }


def last_deciding_meeting(initiative, now=None):
    """The last meeting begun by `now` of the body that decides on the measures: the
    steering committee (Duisburg's Lenkungskreis), else the conference (Mülheim's
    Industriekonferenz). None without one. One query."""
    now = now or timezone.now()
    steering_first = Case(
        When(body__kind=Body.Kind.STEERING_COMMITTEE, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Meeting.objects.filter(
            body__initiative=initiative,
            body__kind__in=[Body.Kind.STEERING_COMMITTEE, Body.Kind.CONFERENCE],
            starts_at__lte=now,
        )
        .select_related("body")
        .order_by(steering_first, "-starts_at", "-pk")
        .first()
    )
