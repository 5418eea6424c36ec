"""Pages of the reports: the list with its progress (htmx polls it while a report is
being built), the files, and the report as a web page. Every lookup goes through the
initiative of the address: another initiative's review or report is a 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from standort.core.access import initiative_permission
from standort.measures import services as measure_services
from standort.reviews.models import ReviewCycle

from . import comparison, queries, services
from . import render as report_render
from .build import CONTENT_TYPES
from .forms import CompareForm, DemandReportForm, PeriodForm
from .models import Report

VIEW = "reports.view_reports"
GENERATE = "reports.generate_reports"


def _closed_cycle(initiative, cycle_id):
    cycle = get_object_or_404(
        ReviewCycle, initiative=initiative, pk=cycle_id, state=ReviewCycle.State.CLOSED
    )
    cycle.initiative = initiative
    return cycle


@initiative_permission(VIEW)
def report_list(request, initiative, period_form=None):
    entries = queries.reports_by_review(initiative)
    page, demand_entries = queries.demand_reports(initiative, request.GET.get("page"))
    now = timezone.now()
    waiting = False
    for entry in [*entries, *demand_entries]:
        for report in entry.reports:
            report.is_stale = services.is_stale(report, now)
            waiting = waiting or (report.is_pending and not report.is_stale)
    can_generate = request.user.has_perm(GENERATE, initiative)
    if can_generate and period_form is None:
        period_form = PeriodForm()
    context = {
        "initiative": initiative,
        "entries": entries,
        "demand": {"page": page, "entries": demand_entries},
        "waiting": waiting,
        "can_generate": can_generate,
        "period_form": period_form,
        "periods": queries.periods_of(initiative),
    }
    template = "reports/_report_list.html" if request.htmx else "reports/report_list.html"
    invalid = period_form is not None and period_form.errors
    response = render(request, template, context, status=400 if invalid else 200)
    # The list and its htmx fragment share an address: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@initiative_permission(GENERATE)
@require_POST
def report_generate(request, initiative, cycle_id):
    cycle = _closed_cycle(initiative, cycle_id)
    services.reports_for_review(actor=request.user, cycle=cycle)
    messages.success(
        request,
        _("The reports of “%(review)s” are being built. This page shows how far they got.")
        % {"review": cycle.title},
    )
    return redirect("report_list", initiative.slug)


@initiative_permission(GENERATE)
@require_http_methods(["GET", "POST"])
def report_demand(request, initiative):
    """The choices of a report of the current state (a page of its own: its lists of
    working groups and fields of action are long), and building it."""
    if request.method == "GET":
        form = DemandReportForm(initiative=initiative, since=queries.last_demand_day(initiative))
    else:
        form = DemandReportForm(request.POST, initiative=initiative)
    if not form.is_valid():
        return render(
            request,
            "reports/demand_form.html",
            {"initiative": initiative, "form": form},
            status=400 if form.is_bound else 200,
        )
    services.reports_on_demand(
        actor=request.user,
        initiative=initiative,
        measures=form.measures(),
        title=form.title(),
        selection=form.selection(),
        since=form.cleaned_data["since"],
        formats=form.cleaned_data["formats"],
        by_goals=form.grouped_by_goals(),
    )
    messages.success(
        request,
        _("The report “%(title)s” is being built. This page shows how far it got.")
        % {"title": form.title()},
    )
    return redirect("report_list", initiative.slug)


@initiative_permission(GENERATE)
@require_POST
def report_regenerate(request, initiative, pk):
    report = get_object_or_404(
        Report.objects.defer("content").select_related("cycle"), initiative=initiative, pk=pk
    )
    try:
        services.report_rebuild(actor=request.user, report=report)
    except services.DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The %(format)s report of “%(review)s” is being built again.")
            % {"format": report.get_format_display(), "review": (report.cycle or report).title},
        )
    return redirect("report_list", initiative.slug)


@initiative_permission(VIEW)
def report_download(request, initiative, pk):
    report = get_object_or_404(Report, initiative=initiative, pk=pk, state=Report.State.DONE)
    response = HttpResponse(bytes(report.content), content_type=CONTENT_TYPES[report.format])
    response["Content-Disposition"] = content_disposition_header(True, report.file_name)
    return response


@initiative_permission(VIEW)
def report_html(request, initiative, cycle_id):
    cycle = _closed_cycle(initiative, cycle_id)
    data = queries.with_logos(queries.report_data(cycle))
    formats = Report.Format.values
    files = sorted(
        Report.objects.filter(cycle=cycle, state=Report.State.DONE).defer("content"),
        key=lambda report: formats.index(report.format),
    )
    context = report_render.context(data, layout=report_render.PAGE_LAYOUT)
    context["files"] = files
    return render(request, "reports/report.html", context)


@initiative_permission(VIEW)
def demand_report_html(request, initiative, pk):
    report = get_object_or_404(
        Report.objects.defer("content").select_related("snapshot"),
        initiative=initiative,
        pk=pk,
        cycle=None,
        snapshot__isnull=False,
    )
    report.initiative = initiative
    files = sorted(
        Report.objects.filter(snapshot=report.snapshot, state=Report.State.DONE).defer("content"),
        key=lambda found: Report.Format.values.index(found.format),
    )
    context = report_render.context(
        queries.with_logos(queries.demand_report_data(report)), layout=report_render.PAGE_LAYOUT
    )
    context["files"] = files
    return render(request, "reports/report.html", context)


COMPARED_PER_PAGE = 100


@initiative_permission(VIEW)
def report_compare(request, initiative):
    """Two moments of the catalogue side by side (`?before=…&after=…`, each a point's
    key, or `before_day`/`after_day`): by default the newest closed reporting period
    or review against today."""
    choices = comparison.points(initiative)
    initial = {"after": comparison.NOW, "before": choices[1].key if len(choices) > 1 else None}
    data = request.GET.copy() if "after" in request.GET else None
    if data is None and initial["before"] is None:
        form = CompareForm(initial=initial, points=choices)
        result = None
    else:
        form = CompareForm(data or initial, points=choices)
        result = None
        if form.is_valid():
            result = comparison.kept_comparison(
                initiative, form.chosen(initiative, "before"), form.chosen(initiative, "after")
            )
    page = Paginator(result.rows if result else [], COMPARED_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reports/compare.html",
        {
            "initiative": initiative,
            "form": form,
            "result": result,
            "page": page,
            "kept_seconds": comparison.KEPT_SECONDS,
        },
        status=400 if form.errors else 200,
    )


@initiative_permission(GENERATE)
@require_POST
def period_close(request, initiative):
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            period = measure_services.period_close(
                actor=request.user,
                initiative=initiative,
                ends_on=form.cleaned_data["ends_on"],
                title=form.title_or_default(),
            )
        except services.DomainError as error:
            form.add_error("ends_on", str(error))
        else:
            messages.success(
                request,
                _("The reporting period “%(title)s” is closed; its figures stay as they are.")
                % {"title": period.title},
            )
            return redirect("report_list", initiative.slug)
    return report_list(request, initiative.slug, period_form=form)
