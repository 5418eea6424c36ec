"""What the meetings show on other apps' pages (see core.slots): the decisions on a
measure, the meetings of a body, and on a body's public page its public meetings."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from standort.core import slots
from standort.core.pages import KEPT_SECONDS, kept_key
from standort.initiatives.models import Body

from . import public, queries
from .models import AgendaItem, Decision, Meeting


def measure_decisions(context, measure):
    """ "Beschlüsse": the meetings whose decisions created or adopted the measure (one
    query), for those who see the initiative's meetings."""
    initiative = measure.initiative
    if not context["user"].has_perm("meetings.view_meetings", initiative):
        return None
    return {"initiative": initiative, "decisions": queries.decisions_on(measure)}


def body_meetings(context, body):
    """ "Sitzungen": the body's next and latest meetings and the way to all of them, for
    those who see the initiative's meetings. Kept with the body's page (whose stamp
    names the models of `stamped_by`, and whose key the day): read (two queries) only
    when the page renders it anew."""
    initiative = context["initiative"]
    if not context["user"].has_perm("meetings.view_meetings", initiative):
        return None
    today = timezone.localdate()

    def shown():
        upcoming, past = queries.body_meetings(body, today=today)
        return {"upcoming": upcoming, "past": past}

    return {
        "initiative": initiative,
        "body": body,
        "is_working_group": body.kind == Body.Kind.WORKING_GROUP,
        "body_meetings": SimpleLazyObject(shown),
        # The same for everyone who sees it: kept by the body's stamp, day and language.
        "body_kept_key": kept_key(body, today),
        "kept_seconds": KEPT_SECONDS,
    }


def body_public_meetings(context, body):
    """ "Öffentliche Sitzungen": the body's next and latest public meetings, on its
    public page (two queries)."""
    upcoming, past = public.body_public_meetings(
        context["initiative"], body, today=timezone.localdate()
    )
    return {"upcoming": upcoming, "past": past}


def register():
    # A decision's page address and title are its meeting's: date and working group.
    slots.fill(
        "measure.facts",
        "meetings/_measure_decisions.html",
        measure_decisions,
        order=20,
        stamped_by=[Decision, AgendaItem, Meeting, Body],
    )
    slots.fill(
        "body.sections",
        "meetings/_body_meetings.html",
        body_meetings,
        order=20,
        stamped_by=[Meeting],
    )
    slots.fill("body.public_sections", "meetings/_body_public_meetings.html", body_public_meetings)
