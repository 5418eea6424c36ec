"""The meetings on other apps' pages: the decisions a measure came from or was
adopted by, as a line of its facts."""

from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("meetings/_measure_decisions.html", takes_context=True)
def measure_decisions(context, measure):
    """ "Beschlüsse": the meetings whose decisions created or adopted the measure (one
    query), for those who see the initiative's meetings."""
    initiative = measure.initiative
    if not context["user"].has_perm("meetings.view_meetings", initiative):
        return {"decisions": []}
    return {"initiative": initiative, "decisions": queries.decisions_on(measure)}
