"""Location indicators with their newest values, for those taking part (the public
page shows none of them)."""

from django.db.models import F
from django.urls import reverse
from ninja import Router
from ninja.pagination import paginate

from standort.indicators.queries import indicators_for

from .. import schemas
from ..access import initiative_for, require
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
