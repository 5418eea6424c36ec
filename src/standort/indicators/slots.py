"""What goals and indicators show on other apps' pages (see core.slots): on a measure's
page, the goals it serves and the indicators that belong to it."""

from standort.core import slots

from . import queries
from .models import Goal, Indicator, Observation


def measure_goals(context, measure):
    """ "Ziele" and "Indikatoren": the goals the measure serves and its indicators with
    their newest value and trend (two queries), for those who see the initiative's
    goals."""
    initiative = measure.initiative
    if not context["user"].has_perm("indicators.view", initiative):
        return None
    return {
        "initiative": initiative,
        "goals": list(measure.goals.order_by("position", "title")),
        "indicators": list(queries.measure_indicators(measure)),
    }


def register():
    slots.fill(
        "measure.facts",
        "indicators/_measure_goals.html",
        measure_goals,
        order=30,
        stamped_by=[Goal, Indicator, Observation],
    )
