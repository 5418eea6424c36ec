"""Meetings with their agenda and decisions: those with a role read their
initiative's meetings as the meeting pages show them; the public read the meetings
marked public, as their public pages show them."""

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from standort.measures.dashboard import public_measures
from standort.measures.models import Measure
from standort.meetings import queries
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
    try:
        return absolute(reverse(name, args=[initiative.slug, meeting.pk]))
    except NoReverseMatch:  # the public minutes' page is not there (yet)
        return None


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


def _decision(decision):
    numbers = [m.number for m in decision.adopted_list]
    if decision.measure_id is not None and decision.measure is not None:
        numbers.insert(0, decision.measure.number)
    return {
        "id": decision.pk,
        "text": decision.text,
        "votes_yes": decision.votes_yes,
        "votes_no": decision.votes_no,
        "votes_abstain": decision.votes_abstain,
        "measure_numbers": list(dict.fromkeys(numbers)),
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
    show_minutes = not public_reader and (
        meeting.minutes_state != MinutesState.DRAFT
        or request.user.has_perm("meetings.change_meeting", meeting)
    )
    items = meeting.agenda.order_by("position", "pk").prefetch_related(
        Prefetch(
            "decisions",
            queryset=with_measures(
                Decision.objects.order_by("pk"), _shown_measures(initiative, public_reader)
            ),
            to_attr="decision_list",
        )
    )
    agenda = [
        {
            "id": item.pk,
            "position": item.position,
            "title": item.title,
            "duration_minutes": item.duration_minutes,
            "minutes": item.minutes if show_minutes else None,
            "decisions": [_decision(d) for d in item.decision_list],
        }
        for item in items
    ]
    return respond(
        request,
        schemas.Meeting,
        {
            **_row(initiative, meeting),
            "online_url": None if public_reader else meeting.online_url,
            "minutes_url": _minutes_url(initiative, meeting, public_reader),
            "agenda": agenda,
        },
    )


@router.get(
    "/{slug}/decisions",
    response=answers(list[schemas.Decision], 403),
    auth=READ,
    summary="The decisions of the meetings",
)
@paginate(CursorPagination, **paginated(("pk",)))
def decision_list(request, slug: str):
    """Every decision of the meetings the reader may read, the oldest first."""
    initiative = initiative_for(request, slug)
    decisions = with_measures(
        Decision.objects.filter(agenda_item__meeting__in=_meetings(request, initiative)),
        _shown_measures(initiative, is_public_reader(request)),
    )
    return Rows(decisions, _decision)
