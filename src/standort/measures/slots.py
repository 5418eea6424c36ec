"""What the measures show on other apps' pages (see core.slots): a body's measures."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from standort.core import slots
from standort.core.pages import KEPT_SECONDS, kept_key
from standort.initiatives.models import Body

from . import queries
from .models import Measure, StatusUpdate


def body_measures(context, body):
    """ "Maßnahmen": the first measures of the body with status and traffic light and
    the way to all of them in the measure list, for those who see the measures. Kept
    with the body's page (whose stamp names the models of `stamped_by`): read (one
    query) only when the page renders it anew."""
    initiative = context["initiative"]
    if not context["user"].has_perm("measures.view_measures", initiative):
        return None

    def shown():
        rows, count = queries.body_measures(body)
        return {"rows": rows, "count": count}

    return {
        "initiative": initiative,
        "body": body,
        "is_working_group": body.kind == Body.Kind.WORKING_GROUP,
        "body_measures": SimpleLazyObject(shown),
        # The same for everyone who sees it: kept by the body's stamp, day and language.
        "body_kept_key": kept_key(body, timezone.localdate()),
        "kept_seconds": KEPT_SECONDS,
    }


def register():
    # Number, title, status, group and archived flag are the measure's own (a change
    # leaves a record of the measure); the traffic light is its latest accepted status
    # update's, set without one (measures.services._refresh_latest_update).
    slots.fill(
        "body.sections",
        "measures/_body_measures.html",
        body_measures,
        order=10,
        stamped_by=[Measure, StatusUpdate],
    )
