"""Goals and location indicators. Those taking part read both; the public read the
goals as the public page groups the measures by them (titles and public measures),
and no indicator (the public page shows none)."""

from django.db.models import F, Prefetch
from django.urls import reverse
from ninja import Router
from ninja.pagination import paginate

from standort.indicators.models import Goal, Indicator
from standort.indicators.queries import indicators_for
from standort.measures.dashboard import public_measures
from standort.measures.models import Measure

from .. import schemas
from ..access import initiative_for, is_public_reader, require
from .common import READ, CursorPagination, Rows, absolute, answers, paginated

router = Router(tags=["indicators"])


def _value(day, value):
    return {"observed_on": day, "value": value} if day is not None else None


def _indicator(initiative, indicator):
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.unit,
        "description": indicator.description,
        "source": indicator.source,
        "higher_is_better": indicator.higher_is_better,
        "goal": {"id": indicator.goal_id, "name": indicator.goal.title}
        if indicator.goal_id
        else None,
        "measure_number": indicator.measure_number,
        "target_value": indicator.target_value,
        "target_on": indicator.target_on,
        "is_key": indicator.is_key,
        "latest": _value(indicator.latest_on, indicator.latest_value),
        "previous": _value(indicator.previous_on, indicator.previous_value),
        "url": absolute(reverse("indicator_detail", args=[initiative.slug, indicator.pk])),
    }


@router.get(
    "/{slug}/indicators",
    response=answers(list[schemas.Indicator], 403),
    auth=READ,
    summary="The location indicators",
)
@paginate(CursorPagination, **paginated(("pk",)))
def indicator_list(request, slug: str):
    """Each indicator with its newest value and the one before (its trend)."""
    initiative = initiative_for(request, slug)
    require(request, "indicators.view", initiative)
    indicators = indicators_for(initiative).annotate(measure_number=F("measure__number"))
    return Rows(indicators, lambda indicator: _indicator(initiative, indicator))


@router.get("/{slug}/goals", response=answers(list[schemas.Goal]), auth=READ, summary="The goals")
@paginate(CursorPagination, **paginated(("position", "pk")))
def goal_list(request, slug: str):
    """The goals with the measures that serve them and (for readers with a role) their
    indicators."""
    initiative = initiative_for(request, slug)
    public_reader = is_public_reader(request)
    measures = (
        public_measures(initiative)
        if public_reader
        else Measure.objects.filter(initiative=initiative, is_archived=False)
    )
    goals = Goal.objects.filter(initiative=initiative).prefetch_related(
        Prefetch(
            "measures",
            queryset=measures.only("pk", "number").order_by("number"),
            to_attr="measure_list",
        ),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.only("pk", "goal_id").order_by("pk"),
            to_attr="indicator_list",
        ),
    )

    def goal(goal):
        return {
            "id": goal.pk,
            "title": goal.title,
            "description": None if public_reader else goal.description,
            "measure_numbers": [m.number for m in goal.measure_list],
            "indicator_ids": [] if public_reader else [i.pk for i in goal.indicator_list],
            "url": None
            if public_reader
            else absolute(reverse("goal_detail", args=[initiative.slug, goal.pk])),
        }

    return Rows(goals, goal)
