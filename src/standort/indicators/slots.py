"""What goals and indicators show on other apps' pages (see core.slots): on a measure's
page, the goals it serves and the indicators that belong to it; on an organisation's,
the industrial areas it is in."""

from standort.core import slots

from . import queries
from .models import Goal, Indicator, Observation, Site


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


def organization_sites(context, organization):
    """ "Gewerbegebiet": the initiative's industrial areas the organisation is in (one
    query), for those who see them."""
    initiative = context["initiative"]
    if not context["user"].has_perm("indicators.view", initiative):
        return None
    sites = Site.objects.filter(initiative=initiative, organizations=organization).order_by("name")
    return {"initiative": initiative, "sites": list(sites.only("pk", "name"))}


def register():
    slots.fill(
        "measure.facts",
        "indicators/_measure_goals.html",
        measure_goals,
        order=30,
        stamped_by=[Goal, Indicator, Observation],
    )
    slots.fill("organization.facts", "indicators/_organization_sites.html", organization_sites)
