"""Reads for the public pages of meetings: only what anyone may see of a meeting in
`queries.public_meetings`, for visitors without a role in a public initiative.

What reaches them: the meeting's title, body, time, place (never its online link)
and state; its agenda items by position and title, a presenter only with their consent
(`Person.name_is_public`); once the minutes are approved, the decisions with their
votes, and the measures they adopted or became where those are public measures
(`measures.dashboard.public_measures`), and the minutes as PDF naming only those who
consented. What never does: invitations and answers, anyone's contact details, action
items, comments, attachments, draft or circulated minutes, internal measures."""

from datetime import datetime, time

from django.db.models import BooleanField, Case, Exists, F, OuterRef, Prefetch, Value, When
from django.utils import timezone

from standort.measures.dashboard import public_measures

from .models import AgendaItem, Decision, MinutesState
from .queries import public_meetings

# Of a public meeting, these fields of its own and its body's: nothing else is read.
MEETING_FIELDS = (
    "initiative",
    "title",
    "starts_at",
    "ends_at",
    "location",
    "state",
    "minutes_state",
    "minutes_approved_at",
    "body",
    "body__name",
    "body__kind",
    "body__initiative",
)
# What the public learns of a person: the name, and whether they agreed to it.
PERSON_FIELDS = ("title", "first_name", "last_name", "name_is_public")
# Of a measure a decision names: what its link shows.
MEASURE_FIELDS = ("initiative", "number", "title")


def _shown(meetings):
    return meetings.select_related("body").only(*MEETING_FIELDS)


def _day_began(today):
    return timezone.make_aware(datetime.combine(today, time.min))


def public_meeting_list(initiative, *, today, body=None):
    """The public meetings, those not over before `today` began first (soonest first),
    then the past ones (latest first); each with `is_past`. Split by the day, as the
    body's page splits its meetings, so that what a page keeps holds for the day."""
    began = _day_began(today)
    meetings = _shown(public_meetings(initiative))
    if body is not None:
        meetings = meetings.filter(body=body)
    past = When(ends_at__lt=began, then=Value(True))
    return meetings.annotate(
        is_past=Case(past, default=Value(False), output_field=BooleanField()),
        coming_start=Case(When(ends_at__gte=began, then=F("starts_at"))),
        past_start=Case(When(ends_at__lt=began, then=F("starts_at"))),
    ).order_by(
        "is_past",
        F("coming_start").asc(nulls_last=True),
        F("past_start").desc(nulls_last=True),
        "pk",
    )


def next_public_meetings(initiative, *, today, limit=3):
    """The next `limit` public meetings (a cancelled one too, marked as cancelled), as
    the public page names them."""
    return list(
        _shown(public_meetings(initiative))
        .filter(ends_at__gte=_day_began(today))
        .order_by("starts_at", "pk")[:limit]
    )


def body_public_meetings(initiative, body, *, today, limit=3):
    """(upcoming, past): the body's next `limit` public meetings and its latest `limit`
    past ones (two queries), split by the day as `public_meeting_list` is."""
    meetings = _shown(public_meetings(initiative).filter(body=body))
    began = _day_began(today)
    upcoming = meetings.filter(ends_at__gte=began).order_by("starts_at", "pk")
    past = meetings.filter(ends_at__lt=began).order_by("-starts_at", "-pk")
    return list(upcoming[:limit]), list(past[:limit])


def public_meeting(initiative, pk):
    """The public meeting `pk`, or None: an internal meeting, one of an initiative
    that is not public, or none at all are the same to a visitor."""
    meeting = _shown(public_meetings(initiative)).filter(pk=pk).first()
    if meeting is not None:
        # The links and the public measures read the initiative the caller has.
        meeting.initiative = initiative
    return meeting


def minutes_are_public(meeting):
    """Only approved minutes are part of the public record; draft and circulated ones
    are the members' still."""
    return meeting.minutes_state == MinutesState.APPROVED


def public_agenda(meeting, *, with_minutes=False):
    """The agenda items in order, each with `presenter_name` ("" unless the presenter
    consented) and `decision_list`: empty until the minutes are approved, then the
    item's decisions, each with `adopted_list` (the public measures it adopted) and
    `public_measure` (the measure it became, if that is public, else None). The items'
    minutes are read only `with_minutes` (the PDF's text). Three queries at most."""
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter")
        .only(
            "meeting",
            "position",
            "title",
            "minutes",
            "presenter",
            *_prefixed("presenter", PERSON_FIELDS),
        )
        .order_by("position", "pk")
    )
    if not with_minutes:
        items = items.defer("minutes")
    approved = minutes_are_public(meeting)
    if approved:
        shown = public_measures(meeting.initiative)
        measures = shown.only(*MEASURE_FIELDS).order_by("number")
        decisions = (
            Decision.objects.select_related("measure")
            .only(
                "agenda_item",
                "text",
                "votes_yes",
                "votes_no",
                "votes_abstain",
                "measure",
                *_prefixed("measure", MEASURE_FIELDS),
            )
            .annotate(measure_is_public=Exists(shown.filter(pk=OuterRef("measure_id"))))
            .prefetch_related(Prefetch("adopted_measures", measures, to_attr="adopted_list"))
            .order_by("pk")
        )
        items = items.prefetch_related(Prefetch("decisions", decisions, to_attr="decision_list"))
    agenda = list(items)
    for item in agenda:
        presenter = item.presenter
        item.presenter_name = presenter.full_name if presenter and presenter.name_is_public else ""
        if not approved:
            item.decision_list = []
        for decision in item.decision_list:
            decision.public_measure = decision.measure if decision.measure_is_public else None
    return agenda


def public_attendees(meeting):
    """(names, others): those present at the meeting who agreed to be named, each as
    "name (organisation)", by name; and how many others were present, who are not
    named."""
    present = (
        meeting.invitations.filter(attended=True)
        .select_related("person__organization")
        .only(
            "meeting",
            "person",
            *_prefixed("person", PERSON_FIELDS),
            "person__organization",
            "person__organization__name",
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )
    names, others = [], 0
    for invitation in present:
        person = invitation.person
        if not person.name_is_public:
            others += 1
        elif person.organization is not None:
            names.append(f"{person.full_name} ({person.organization.name})")
        else:
            names.append(person.full_name)
    return names, others


def _prefixed(relation, fields):
    return [f"{relation}__{name}" for name in fields]
