"""Meetings with their agenda and decisions: those with a role read their
initiative's meetings as the meeting pages show them; the public read the meetings
marked public, as their public pages show them."""

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from standort.measures.dashboard import public_measures
from standort.measures.models import Measure
from standort.measures.rules import led_bodies
from standort.meetings import public, queries
from standort.meetings.models import Decision, Meeting, MinutesState

from .. import schemas
from ..access import initiative_for, is_public_reader, require
from ..http import respond
from ..problems import ApiProblem
from ..schemas import Id
from .common import READ, CursorPagination, Rows, absolute, answers, paginated

router = Router(tags=["meetings"])


def _meetings(request, initiative):
    if is_public_reader(request):
        return queries.public_meetings(initiative)
    require(request, "meetings.view_meetings", initiative)
    return Meeting.objects.filter(initiative=initiative)


def _minutes_url(initiative, meeting, public_reader):
    if meeting.minutes_state != MinutesState.APPROVED:
        return None
    name = "public_minutes_download" if public_reader else "minutes_download"
    return absolute(reverse(name, args=[initiative.slug, meeting.pk]))


def _row(initiative, meeting):
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "body": {"id": meeting.body_id, "name": meeting.body.name},
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "location": meeting.location,
        "state": meeting.state,
        "is_public": meeting.is_public,
        "minutes_state": meeting.minutes_state,
        "url": absolute(reverse("meeting_detail", args=[initiative.slug, meeting.pk])),
    }


@router.get(
    "/{slug}/meetings",
    response=answers(list[schemas.MeetingRow], 403),
    auth=READ,
    summary="The meetings",
)
@paginate(CursorPagination, **paginated(("starts_at", "pk")))
def meeting_list(request, slug: str, body: Id | None = None):
    """The meetings in the order they take place; `body` narrows to one body's."""
    initiative = initiative_for(request, slug)
    meetings = _meetings(request, initiative).select_related("body")
    if body is not None:
        meetings = meetings.filter(body_id=body)
    return Rows(meetings, lambda meeting: _row(initiative, meeting))


def _shown_measures(initiative, public_reader):
    """The measures a decision may name to the reader: any of the initiative's, or for
    the public the public ones."""
    measures = public_measures(initiative) if public_reader else Measure.objects.all()
    return measures.only("pk", "number")


def with_measures(decisions, measures):
    """`decisions` with the measures they made or adopted among `measures`, as
    `measure_list` (two queries for any number of decisions)."""
    return decisions.prefetch_related(
        Prefetch("adopted_measures", queryset=measures, to_attr="adopted_list"),
        Prefetch(
            "measure",
            queryset=measures,
        ),
    )


def _public_decision(decision):
    """A decision as the public meeting page shows it (meetings.public.public_agenda)."""
    made = [decision.public_measure] if decision.public_measure is not None else []
    return _decision_values(decision, [*made, *decision.adopted_list])


def _decision(decision):
    made = [decision.measure] if decision.measure_id is not None and decision.measure else []
    return _decision_values(decision, [*made, *decision.adopted_list])


def _decision_values(decision, measures):
    return {
        "id": decision.pk,
        "text": decision.text,
        "votes_yes": decision.votes_yes,
        "votes_no": decision.votes_no,
        "votes_abstain": decision.votes_abstain,
        "measure_numbers": list(dict.fromkeys(m.number for m in measures)),
    }


def _agenda(request, initiative, meeting):
    """The agenda as the meeting's page shows it to the reader: the public page's (its
    decisions once the minutes are approved), or the members' (minutes and decisions
    once circulated, to those who keep the meeting from the start)."""
    if is_public_reader(request):
        return [
            _item(item, None, [_public_decision(d) for d in item.decision_list])
            for item in public.public_agenda(meeting)
        ]
    shown = meeting.minutes_state != MinutesState.DRAFT or request.user.has_perm(
        "meetings.change_meeting", meeting
    )
    items = meeting.agenda.order_by("position", "pk").prefetch_related(
        Prefetch(
            "decisions",
            queryset=with_measures(
                Decision.objects.order_by("pk"), _shown_measures(initiative, False)
            ),
            to_attr="decision_list",
        )
    )
    return [
        _item(item, item.minutes, [_decision(d) for d in item.decision_list])
        if shown
        else _item(item, None, [])
        for item in items
    ]


def _item(item, minutes, decisions):
    return {
        "id": item.pk,
        "position": item.position,
        "title": item.title,
        "duration_minutes": item.duration_minutes,
        "minutes": minutes,
        "decisions": decisions,
    }


@router.get(
    "/{slug}/meetings/{pk}",
    response=answers(schemas.Meeting, 403),
    auth=READ,
    summary="A meeting with its agenda and decisions",
)
def meeting_detail(request, slug: str, pk: Id):
    initiative = initiative_for(request, slug)
    public_reader = is_public_reader(request)
    meeting = _meetings(request, initiative).select_related("body").filter(pk=pk).first()
    if meeting is None:
        raise ApiProblem("not-found", _("There is no such meeting for you."))
    Meeting.initiative.field.set_cached_value(meeting, initiative)
    return respond(
        request,
        schemas.Meeting,
        {
            **_row(initiative, meeting),
            "online_url": None if public_reader else meeting.online_url,
            "minutes_url": _minutes_url(initiative, meeting, public_reader),
            "agenda": _agenda(request, initiative, meeting),
        },
    )


def _deciding_meetings(request, initiative):
    """The meetings whose decisions the reader reads: for the public those with approved
    minutes; for members those whose minutes are circulated, and all the reader keeps."""
    meetings = _meetings(request, initiative)
    if is_public_reader(request):
        return meetings.filter(minutes_state=MinutesState.APPROVED)
    if request.user.has_perm("initiatives.manage_initiative", initiative):
        return meetings
    return meetings.filter(
        ~Q(minutes_state=MinutesState.DRAFT) | Q(body_id__in=led_bodies(request.user))
    )


@router.get(
    "/{slug}/decisions",
    response=answers(list[schemas.Decision], 403),
    auth=READ,
    summary="The decisions of the meetings",
)
@paginate(CursorPagination, **paginated(("pk",)))
def decision_list(request, slug: str):
    """Every decision the meetings' pages show the reader, the oldest first."""
    initiative = initiative_for(request, slug)
    decisions = with_measures(
        Decision.objects.filter(agenda_item__meeting__in=_deciding_meetings(request, initiative)),
        _shown_measures(initiative, is_public_reader(request)),
    )
    return Rows(decisions, _decision)
