"""What the pages of goals, indicators and industrial areas read, with their joins and
annotations done, so that a page's query count does not grow with its data."""

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import RowNumber

from standort.core.history import stamped
from standort.initiatives.models import Body, Initiative
from standort.measures import dashboard
from standort.measures.models import Measure, StatusUpdate

from .models import Goal, Indicator, Observation, Site


def _nth_value(n, field):
    """The `field` of an indicator's n-th newest value (0: the newest)."""
    return Subquery(
        Observation.objects.filter(indicator=OuterRef("pk"))
        .order_by("-observed_on")
        .values(field)[n : n + 1]
    )


def with_trend(indicators):
    """Indicators annotated with their newest value and the one before (value and day):
    what a list says of each without reading all its values."""
    return indicators.annotate(
        latest_value=_nth_value(0, "value"),
        latest_on=_nth_value(0, "observed_on"),
        previous_value=_nth_value(1, "value"),
        previous_on=_nth_value(1, "observed_on"),
    )


def indicators_for(initiative):
    return with_trend(
        Indicator.objects.filter(initiative=initiative).select_related("goal", "measure", "body")
    )


def key_indicators(initiative):
    return indicators_for(initiative).filter(is_key=True)


def series(indicator):
    """The indicator's values, oldest first."""
    return list(Observation.objects.filter(indicator=indicator).order_by("observed_on"))


def series_of(indicators, newest=None):
    """{indicator id: [values, oldest first]} of several indicators, in one query; of
    each only the `newest` values where given (a window in the database)."""
    found = {indicator.pk: [] for indicator in indicators}
    observations = Observation.objects.filter(indicator__in=list(found))
    if newest is not None:
        observations = observations.annotate(
            rank=Window(
                RowNumber(), partition_by=[F("indicator_id")], order_by=F("observed_on").desc()
            )
        ).filter(rank__lte=newest)
    for observation in observations.order_by("indicator", "observed_on"):
        found[observation.indicator_id].append(observation)
    return found


def indicators_stamp(initiative):
    """The initiative with the `stamp` of what its indicators list shows: the indicators,
    their values, and the names of their goals, measures and working groups."""
    return stamped(
        Initiative.objects.filter(pk=initiative.pk).only("pk", "created_at"),
        (Indicator, Observation, Goal, Measure, Body),
    )


def indicator_stamp(indicator):
    """The indicator with the `stamp` of its values: its page keeps their chart and
    table while it holds."""
    return stamped(
        Indicator.objects.filter(pk=indicator.pk).select_related("initiative"),
        (Indicator, Observation),
    )


def sites_stamp(initiative):
    """The initiative with the `stamp` of its areas' history: the map page keeps what it
    draws while the stamp holds."""
    return stamped(Initiative.objects.filter(pk=initiative.pk).only("pk", "created_at"), (Site,))


def goals_for(initiative):
    return Goal.objects.filter(initiative=initiative).annotate(
        measure_count=Count("measures", filter=Q(measures__is_archived=False), distinct=True),
        indicator_count=Count("indicators", distinct=True),
    )


def goal_stamp(goal):
    """The goal with the `stamp` of what its page shows: the goal, its indicators and
    their values, its measures and their status updates."""
    return stamped(
        Goal.objects.filter(pk=goal.pk).select_related("initiative"),
        (Goal, Indicator, Observation, Measure, StatusUpdate),
    )


def goal_measures(goal):
    return (
        goal.measures.filter(is_archived=False)
        .select_related("owner", "owner_organization", "latest_update", "body")
        .order_by("number")
    )


def measure_indicators(measure):
    return with_trend(Indicator.objects.filter(measure=measure)).order_by("position", "name")


def goal_indicators(goal):
    return with_trend(goal.indicators.select_related("measure", "body"))


def goal_groups(initiative, *, today, stale_before):
    """The initiative's goals, each a `dashboard.Group` with the tally of the measures
    serving it, in the goals' order; the measures of no goal last. One GROUP BY and the
    goals' titles."""
    tallies = {}
    rows = dashboard.tally_rows(
        Measure.objects.filter(initiative=initiative),
        "goals",
        today=today,
        stale_before=stale_before,
    )
    for goal_id, status, light, late, stale, count, progress in rows:
        tallies.setdefault(goal_id, dashboard.Tally()).add(
            status, light, count, late, stale, progress
        )
    return _by_goal(initiative, tallies)


def public_goal_groups(initiative):
    """The public page's figures by goal: of the measures anyone may see
    (`dashboard.public_measures`), those serving each goal, as `goal_groups`."""
    tallies = {}
    rows = (
        dashboard.public_measures(initiative)
        .order_by()
        .values_list("goals", "status", "latest_update__traffic_light")
        .annotate(n=Count("pk"), progress=Sum("progress"))
    )
    for goal_id, status, light, count, progress in rows:
        tallies.setdefault(goal_id, dashboard.Tally()).add(status, light, count, progress=progress)
    return _by_goal(initiative, tallies)


def _by_goal(initiative, tallies):
    """[dashboard.Group] of the goals with their `tallies` ({goal pk or None: Tally}),
    a goal without measures with an empty one, the measures of no goal last."""
    groups = [
        dashboard.Group(pk, title, tally=tallies.pop(pk, dashboard.Tally()))
        for pk, title in Goal.objects.filter(initiative=initiative).values_list("pk", "title")
    ]
    if None in tallies:
        groups.append(dashboard.Group(None, "", tally=tallies.pop(None)))
    return groups


def goal_measure_ids(initiative):
    """{goal pk: frozenset of the ids of its measures}, and [(pk, title)] of the goals
    in their order: one query."""
    ids, goals = {}, []
    for pk, title, measure_id in (
        Goal.objects.filter(initiative=initiative)
        .order_by("position", "title", "pk")
        .values_list("pk", "title", "measures")
    ):
        if pk not in ids:
            ids[pk] = set()
            goals.append((pk, title))
        if measure_id is not None:
            ids[pk].add(measure_id)
    return {pk: frozenset(found) for pk, found in ids.items()}, goals


# Industrial areas ----------------------------------------------------------------------


def sites_for(initiative):
    return Site.objects.filter(initiative=initiative)


@dataclass(frozen=True)
class SiteFigures:
    count: int
    area_ha: object
    free_ha: object
    with_fibre: int
    fibre_planned: int

    @property
    def fibre_share(self):
        """Per cent of the areas with fibre, or None without areas."""
        return None if not self.count else round(100 * self.with_fibre / self.count, 1)


def site_figures(initiative):
    """The roll-up of all the initiative's areas, in one query."""
    figures = Site.objects.filter(initiative=initiative).aggregate(
        count=Count("pk"),
        area_ha=Sum("area_ha"),
        free_ha=Sum("free_ha"),
        with_fibre=Count("pk", filter=Q(fibre=Site.Fibre.AVAILABLE)),
        fibre_planned=Count("pk", filter=Q(fibre=Site.Fibre.PLANNED)),
    )
    return SiteFigures(**figures)


def measures_to_choose(initiative):
    return Measure.objects.filter(initiative=initiative, is_archived=False).order_by("number")
