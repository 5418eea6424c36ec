"""Reading the catalogue: the filtered list, a measure's page and its history."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from standort.core.listing import build_listing
from standort.initiatives.access import initiative_permission
from standort.initiatives.views.history import _history_page, recent_history

from .. import custom_fields, filters, queries, services
from ..models import Measure
from ..search import search

VIEW = "measures.view_measures"


@initiative_permission(VIEW)
def measure_list(request, initiative):
    form = filters.filter_form(request, initiative)
    listing = build_listing(
        request,
        filters.sortable(form.measures(skip={"q"}), request.GET.get("sort", "")),
        search=search,
        sortable=filters.SORTABLE,
        default_sort="number",
    )
    return render(
        request,
        "measures/measure_list.html",
        {
            "initiative": initiative,
            "form": form,
            "listing": listing,
            "status_counts": queries.status_counts(form.measures(skip={"status"})),
            "chosen_status": form.filters.get("status", ""),
        },
    )


def _measure(initiative, number):
    return get_object_or_404(queries.measure_in(initiative, number))


@initiative_permission(VIEW)
def measure_detail(request, initiative, number):
    measure = _measure(initiative, number)
    today = timezone.localdate()
    return render(
        request,
        "measures/measure_detail.html",
        {
            "initiative": initiative,
            "measure": measure,
            "today": today,
            "is_overdue": services.is_overdue(measure, today),
            "custom_values": custom_fields.values_for(custom_fields.fields_of(initiative), measure),
            **recent_history(
                queries.measure_history(measure),
                reverse("measure_history", args=[initiative.slug, measure.number]),
            ),
        },
    )


@initiative_permission(VIEW)
def measure_history(request, initiative, number):
    measure = get_object_or_404(
        Measure.objects.select_related("initiative"), initiative=initiative, number=number
    )
    return _history_page(
        request,
        initiative,
        measure,
        queries.measure_history(measure),
        measure.get_absolute_url(),
    )
