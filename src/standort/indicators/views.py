"""Pages of goals, indicators and industrial areas: permission, form, service or query,
template."""

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standort.core.access import initiative_permission, object_permission
from standort.core.history import records
from standort.core.listing import build_listing, paginate
from standort.core.pages import (
    KEPT_SECONDS,
    delete_page,
    form_page,
    history_page,
    kept_key,
    posted,
    recent_history,
    seen_version,
    try_save,
)
from standort.initiatives.queries import organizations_for
from standort.measures.exchange.columns import FORMULA

from . import geo, importing, queries, services
from .forms import (
    GeoJSONImportForm,
    GoalForm,
    ImportForm,
    IndicatorForm,
    ObservationForm,
    SiteForm,
)
from .models import Goal, Indicator, Observation, Site

# A goal's page shows the trend of each indicator: its newest values (all of them on the
# indicator's page).
GOAL_SERIES = 24
# The values table of an indicator, newest first, a page at a time (the chart: all).
VALUES_PER_PAGE = 40
VIEW = "indicators.view"
MANAGE = "indicators.manage"
# A GeoJSON file of a city's areas is well below this.
MAX_GEOJSON_BYTES = 5 * 1024 * 1024
FIBRE_COLOURS = {
    Site.Fibre.AVAILABLE: "#007155",
    Site.Fibre.PLANNED: "#925400",
    Site.Fibre.NONE: "#c31c13",
}


def _goal(perm):
    return object_permission(perm, lambda request: Goal.objects.all())


def _indicator(perm):
    return object_permission(
        perm, lambda request: Indicator.objects.select_related("goal", "measure", "body")
    )


def _site(perm):
    return object_permission(perm, lambda request: Site.objects.all())


def _url(name, initiative, *args):
    return reverse(name, args=[initiative.slug, *args])


# Goals ----------------------------------------------------------------------------------


@initiative_permission(VIEW)
def goal_list(request, initiative):
    goals = list(queries.goals_for(initiative))
    return render(request, "indicators/goal_list.html", {"initiative": initiative, "goals": goals})


def _goal_contents(goal):
    indicators = list(queries.goal_indicators(goal))
    series = queries.series_of(indicators, newest=GOAL_SERIES)
    for indicator in indicators:
        indicator.series = series[indicator.pk]
        indicator.chart_id = f"goal-chart-{indicator.pk}"
    return {"measures": list(queries.goal_measures(goal)), "indicators": indicators}


@_goal(VIEW)
def goal_detail(request, initiative, goal):
    """Its measures and indicators are the same for every reader: kept while none of
    them (nor the goal) changed."""
    today = timezone.localdate()
    return render(
        request,
        "indicators/goal_detail.html",
        {
            "initiative": initiative,
            "goal": goal,
            "contents": SimpleLazyObject(lambda: _goal_contents(goal)),
            "kept_key": kept_key(queries.goal_stamp(goal), today),
            "kept_seconds": KEPT_SECONDS,
            "newest": GOAL_SERIES,
            **recent_history(
                [records(Goal, id=goal.pk)], _url("goal_history", initiative, goal.pk)
            ),
        },
    )


@_goal(VIEW)
def goal_history(request, initiative, goal):
    return history_page(
        request,
        initiative,
        goal,
        [records(Goal, id=goal.pk)],
        _url("goal_detail", initiative, goal.pk),
    )


@initiative_permission(MANAGE)
def goal_create(request, initiative):
    form = GoalForm(posted(request), instance=Goal(initiative=initiative))
    if request.method == "POST" and form.is_valid():
        goal = services.goal_save(
            actor=request.user, goal=form.instance, measures=form.cleaned_data["measures"]
        )
        messages.success(request, _("The goal has been created."))
        return redirect(_url("goal_detail", initiative, goal.pk))
    return form_page(request, form, title=_("New goal"), cancel_url=_url("goal_list", initiative))


@_goal(MANAGE)
def goal_edit(request, initiative, goal):
    form = GoalForm(posted(request), instance=goal)
    if request.method == "POST" and form.is_valid():

        def save():
            services.goal_save(
                actor=request.user,
                goal=form.instance,
                measures=form.cleaned_data["measures"],
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            messages.success(request, _("The goal has been saved."))
            return redirect(_url("goal_detail", initiative, goal.pk))
    return form_page(
        request, form, title=_("Edit goal"), cancel_url=_url("goal_detail", initiative, goal.pk)
    )


@_goal(MANAGE)
def goal_delete(request, initiative, goal):
    if request.method == "POST":
        services.goal_delete(actor=request.user, goal=goal)
        messages.success(request, _("The goal has been deleted."))
        return redirect(_url("goal_list", initiative))
    return delete_page(
        request,
        goal,
        _url("goal_detail", initiative, goal.pk),
        _("Its measures and indicators stay; they no longer name this goal."),
    )


# Indicators -------------------------------------------------------------------------------


@initiative_permission(VIEW)
def indicator_list(request, initiative):
    listing = build_listing(
        request,
        queries.indicators_for(initiative),
        search_fields=["name", "source", "goal__title"],
        sortable={"name": ["position", "name"], "goal": ["goal__position", "goal__title", "name"]},
        default_sort="name",
    )
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "initiative": initiative,
            "listing": listing,
            # The rows of this query string are kept while no indicator, value, goal,
            # measure or working group changed; their trend is then not read again.
            "kept_key": kept_key(
                queries.indicators_stamp(initiative),
                timezone.localdate(),
                request.GET.urlencode(),
            ),
            "kept_seconds": KEPT_SECONDS,
        },
    )


def _indicator_changes(indicator):
    return [records(Indicator, id=indicator.pk), records(Observation, indicator_id=indicator.pk)]


@_indicator(VIEW)
def indicator_detail(request, initiative, indicator):
    """The chart and table of its values are kept while none of them changed."""

    def values():
        series = queries.series(indicator)
        return {
            "all": series,
            "page": paginate(series[::-1], request.GET.get("page"), per_page=VALUES_PER_PAGE),
        }

    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "initiative": initiative,
            "indicator": indicator,
            "values": SimpleLazyObject(values),
            "kept_key": kept_key(
                queries.indicator_stamp(indicator),
                timezone.localdate(),
                # The pager's links carry the query string.
                request.GET.urlencode(),
            ),
            "kept_seconds": KEPT_SECONDS,
            **recent_history(
                _indicator_changes(indicator), _url("indicator_history", initiative, indicator.pk)
            ),
        },
    )


@_indicator(VIEW)
def indicator_history(request, initiative, indicator):
    return history_page(
        request,
        initiative,
        indicator,
        _indicator_changes(indicator),
        _url("indicator_detail", initiative, indicator.pk),
    )


@initiative_permission(MANAGE)
def indicator_create(request, initiative):
    form = IndicatorForm(posted(request), instance=Indicator(initiative=initiative))
    if request.method == "POST" and form.is_valid():
        indicator = services.indicator_save(actor=request.user, indicator=form.instance)
        messages.success(request, _("The indicator has been created."))
        return redirect(_url("indicator_detail", initiative, indicator.pk))
    return form_page(
        request, form, title=_("New indicator"), cancel_url=_url("indicator_list", initiative)
    )


@_indicator(MANAGE)
def indicator_edit(request, initiative, indicator):
    form = IndicatorForm(posted(request), instance=indicator)
    if request.method == "POST" and form.is_valid():

        def save():
            services.indicator_save(
                actor=request.user, indicator=form.instance, expected_version=seen_version(form)
            )

        if try_save(form, save):
            messages.success(request, _("The indicator has been saved."))
            return redirect(_url("indicator_detail", initiative, indicator.pk))
    return form_page(
        request,
        form,
        title=_("Edit indicator"),
        cancel_url=_url("indicator_detail", initiative, indicator.pk),
    )


@_indicator(MANAGE)
def indicator_delete(request, initiative, indicator):
    if request.method == "POST":
        services.indicator_delete(actor=request.user, indicator=indicator)
        messages.success(request, _("The indicator has been deleted."))
        return redirect(_url("indicator_list", initiative))
    return delete_page(
        request,
        indicator,
        _url("indicator_detail", initiative, indicator.pk),
        _("Its values are deleted with it."),
    )


def _observation(request, indicator, value_pk):
    return get_object_or_404(Observation, indicator=indicator, pk=value_pk)


@_indicator(MANAGE)
def observation_create(request, initiative, indicator):
    form = ObservationForm(posted(request), instance=Observation(indicator=indicator))
    if request.method == "POST" and form.is_valid():

        def save():
            services.observation_save(actor=request.user, observation=form.instance)

        if try_save(form, save):
            messages.success(request, _("The value has been added."))
            return redirect(_url("indicator_detail", initiative, indicator.pk))
    return form_page(
        request,
        form,
        title=_("New value of “%(name)s”") % {"name": indicator.name},
        cancel_url=_url("indicator_detail", initiative, indicator.pk),
    )


@_indicator(MANAGE)
def observation_edit(request, initiative, indicator, value_pk):
    observation = _observation(request, indicator, value_pk)
    form = ObservationForm(posted(request), instance=observation)
    if request.method == "POST" and form.is_valid():

        def save():
            services.observation_save(
                actor=request.user, observation=form.instance, expected_version=seen_version(form)
            )

        if try_save(form, save):
            messages.success(request, _("The value has been saved."))
            return redirect(_url("indicator_detail", initiative, indicator.pk))
    return form_page(
        request,
        form,
        title=_("Edit value of “%(name)s”") % {"name": indicator.name},
        cancel_url=_url("indicator_detail", initiative, indicator.pk),
    )


@_indicator(MANAGE)
def observation_delete(request, initiative, indicator, value_pk):
    observation = _observation(request, indicator, value_pk)
    if request.method == "POST":
        services.observation_delete(actor=request.user, observation=observation)
        messages.success(request, _("The value has been deleted."))
        return redirect(_url("indicator_detail", initiative, indicator.pk))
    return delete_page(request, observation, _url("indicator_detail", initiative, indicator.pk))


@initiative_permission(MANAGE)
def observations_import(request, initiative):
    form = ImportForm(posted(request), request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = importing.read(initiative, upload.name, upload.read())
        problems = result.problems
        if not problems:
            new, changed = services.observations_import(actor=request.user, rows=result.rows)
            messages.success(
                request,
                ngettext(
                    "%(count)s value imported (%(new)s new, %(changed)s changed).",
                    "%(count)s values imported (%(new)s new, %(changed)s changed).",
                    new + changed,
                )
                % {"count": new + changed, "new": new, "changed": changed},
            )
            return redirect(_url("indicator_list", initiative))
    return render(
        request,
        "indicators/import.html",
        {
            "initiative": initiative,
            "form": form,
            "problems": problems,
            "columns": importing.TEMPLATE_HEADER,
        },
    )


@initiative_permission(MANAGE)
def observations_template(request, initiative):
    """A CSV file with the import's columns and a row per indicator, to fill in."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(importing.TEMPLATE_HEADER)
    today = timezone.localdate().strftime("%d.%m.%Y")
    for name in Indicator.objects.filter(initiative=initiative).values_list("name", flat=True):
        writer.writerow([_safe(name), today, "", ""])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kennzahlen-werte.csv"'
    return response


def _safe(text):
    # A name that starts like a formula stays text in a spreadsheet, as the import
    # reads it back (columns.from_csv).
    return f"'{text}" if FORMULA.match(text) else text


# Industrial areas ---------------------------------------------------------------------


def _map(sites):
    """The map of `sites` (with their geometries) and which of them it cannot draw."""
    drawn = {site.pk: site.geometry for site in sites if site.geometry}
    projection = geo.project(drawn)
    shapes = []
    for number, site in enumerate(sites, start=1):
        site.map_number = number
        shape = projection.shapes.get(site.pk)
        if shape is not None:
            shapes.append((number, site, shape, FIBRE_COLOURS[site.fibre]))
    return {"projection": projection, "shapes": shapes}


def _site_overview(initiative):
    sites = list(queries.sites_for(initiative).order_by("name", "pk"))
    notes = {site.note for site in sites}
    return {
        "sites": sites,
        "figures": queries.site_figures(initiative),
        "legend": [(label, FIBRE_COLOURS[value]) for value, label in Site.Fibre.choices],
        # One note that every area has (such as "example data") is said once.
        "common_note": notes.pop() if len(notes) == 1 else "",
        **_map(sites),
    }


@initiative_permission(VIEW)
def site_list(request, initiative):
    """The map and table are the same for every reader: kept while no area (and no
    indicator, which the figures name) changed, and then read and drawn again."""
    today = timezone.localdate()
    return render(
        request,
        "indicators/site_list.html",
        {
            "initiative": initiative,
            "overview": SimpleLazyObject(lambda: _site_overview(initiative)),
            "kept_key": kept_key(queries.sites_stamp(initiative), today),
            "kept_seconds": KEPT_SECONDS,
        },
    )


@_site(VIEW)
def site_detail(request, initiative, site):
    organizations = list(site.organizations.order_by("name"))
    return render(
        request,
        "indicators/site_detail.html",
        {
            "initiative": initiative,
            "site": site,
            "organizations": organizations,
            "colour": FIBRE_COLOURS[site.fibre],
            **_map([site]),
            **recent_history(
                [records(Site, id=site.pk)], _url("site_history", initiative, site.pk)
            ),
        },
    )


@_site(VIEW)
def site_history(request, initiative, site):
    return history_page(
        request,
        initiative,
        site,
        [records(Site, id=site.pk)],
        _url("site_detail", initiative, site.pk),
    )


def _firms(initiative):
    return organizations_for(initiative).order_by("name")


@initiative_permission(MANAGE)
def site_create(request, initiative):
    form = SiteForm(
        posted(request), instance=Site(initiative=initiative), organizations=_firms(initiative)
    )
    if request.method == "POST" and form.is_valid():

        def save():
            services.site_save(
                actor=request.user,
                site=form.instance,
                organizations=form.cleaned_data["organizations"],
            )

        if try_save(form, save):
            messages.success(request, _("The industrial area has been created."))
            return redirect(_url("site_detail", initiative, form.instance.pk))
    return form_page(
        request, form, title=_("New industrial area"), cancel_url=_url("site_list", initiative)
    )


@_site(MANAGE)
def site_edit(request, initiative, site):
    form = SiteForm(posted(request), instance=site, organizations=_firms(initiative))
    if request.method == "POST" and form.is_valid():

        def save():
            services.site_save(
                actor=request.user,
                site=form.instance,
                organizations=form.cleaned_data["organizations"],
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            messages.success(request, _("The industrial area has been saved."))
            return redirect(_url("site_detail", initiative, site.pk))
    return form_page(
        request,
        form,
        title=_("Edit industrial area"),
        cancel_url=_url("site_detail", initiative, site.pk),
    )


@_site(MANAGE)
def site_delete(request, initiative, site):
    if request.method == "POST":
        services.site_delete(actor=request.user, site=site)
        messages.success(request, _("The industrial area has been deleted."))
        return redirect(_url("site_list", initiative))
    return delete_page(request, site, _url("site_detail", initiative, site.pk))


@initiative_permission(MANAGE)
def sites_import(request, initiative):
    form = GeoJSONImportForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]

        def run():
            if upload.size > MAX_GEOJSON_BYTES:
                raise services.DomainError(_("The file is larger than 5 MB."))
            features = services.read_geojson(upload.read())
            new, changed = services.sites_import(
                actor=request.user, initiative=initiative, features=features
            )
            messages.success(
                request,
                _("%(new)s industrial areas added, %(changed)s updated.")
                % {"new": new, "changed": changed},
            )

        if try_save(form, run):
            return redirect(_url("site_list", initiative))
    return form_page(
        request,
        form,
        title=_("Import industrial areas (GeoJSON)"),
        cancel_url=_url("site_list", initiative),
    )
