"""Pages of the reports: the list with its progress (htmx polls it while a report is
being built), the files, and the report as a web page. Every lookup goes through the
initiative of the address: another initiative's review or report is a 404."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standort.core.access import initiative_permission
from standort.reviews.models import ReviewCycle

from . import queries, services
from . import render as report_render
from .build import CONTENT_TYPES
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
def report_list(request, initiative):
    entries = queries.reports_by_review(initiative)
    now = timezone.now()
    waiting = False
    for entry in entries:
        for report in entry.reports:
            report.is_stale = services.is_stale(report, now)
            waiting = waiting or (report.is_pending and not report.is_stale)
    context = {
        "initiative": initiative,
        "entries": entries,
        "waiting": waiting,
        "can_generate": request.user.has_perm(GENERATE, initiative),
    }
    template = "reports/_report_list.html" if request.htmx else "reports/report_list.html"
    response = render(request, template, context)
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
@require_POST
def report_regenerate(request, initiative, pk):
    report = get_object_or_404(
        Report.objects.defer("content").select_related("cycle"), initiative=initiative, pk=pk
    )
    try:
        services.report_request(actor=request.user, cycle=report.cycle, format=report.format)
    except services.DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The %(format)s report of “%(review)s” is being built again.")
            % {"format": report.get_format_display(), "review": report.cycle.title},
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
    data = queries.report_data(cycle)
    formats = Report.Format.values
    files = sorted(
        Report.objects.filter(cycle=cycle, state=Report.State.DONE).defer("content"),
        key=lambda report: formats.index(report.format),
    )
    context = report_render.context(data, layout=report_render.PAGE_LAYOUT)
    context["files"] = files
    return render(request, "reports/report.html", context)
