"""What the meetings show on other apps' pages (see core.slots)."""

from standort.core import slots
from standort.initiatives.models import Body

from . import queries
from .models import AgendaItem, Decision, Meeting


def measure_decisions(context, measure):
    """ "Beschlüsse": the meetings whose decisions created or adopted the measure (one
    query), for those who see the initiative's meetings."""
    initiative = measure.initiative
    if not context["user"].has_perm("meetings.view_meetings", initiative):
        return None
    return {"initiative": initiative, "decisions": queries.decisions_on(measure)}


def register():
    # A decision's page address and title are its meeting's: date and working group.
    slots.fill(
        "measure.facts",
        "meetings/_measure_decisions.html",
        measure_decisions,
        order=20,
        stamped_by=[Decision, AgendaItem, Meeting, Body],
    )
