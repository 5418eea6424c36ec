"""Reading the catalogue: the filtered list, a measure's page and its history."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from standort.core.access import deny, initiative_permission
from standort.core.listing import build_listing
from standort.core.pages import KEPT_SECONDS, history_page, kept_key, recent_history
from standort.initiatives.rules import role_in

from .. import custom_fields, dashboard, filters, public, queries, services
from ..models import Measure
from ..search import search

VIEW = "measures.view_measures"


def _without_empty_values(query):
    """The query string without its empty values (`?q=&body=&status=done` →
    `?status=done`), or None when it has none."""
    params = query.copy()
    for key in list(params):
        values = [value for value in params.getlist(key) if value.strip()]
        if values:
            params.setlist(key, values)
        else:
            del params[key]
    return None if params == query else params


@initiative_permission(VIEW)
def measure_list(request, initiative):
    # The filter form sends every field, also those left at "all": shared links stay
    # short when the list drops the empty ones first.
    shorter = _without_empty_values(request.GET)
    if shorter is not None:
        return redirect(f"{request.path}?{shorter.urlencode()}" if shorter else request.path)
    measure_filter = filters.measure_filter(request, initiative)
    form = measure_filter.form
    counts = queries.status_counts(measure_filter.measures(skip={"status"}))
    chosen_status = form.filters.get("status", "")
    # The counts per status add up to the rows of the list: the pager needs no query
    # of its own to count them (with a text search, that is a second search).
    total = sum(
        count for value, _label, count in counts if value == chosen_status or not chosen_status
    )
    # A part names the number of the measure it belongs to.
    measures = queries.list_columns(measure_filter.measures(skip={"q"}), overdue=False).annotate(
        parent_number=queries.parent_number()
    )
    listing = build_listing(
        request,
        filters.sortable(measures, request.GET.get("sort", "")),
        search=search,
        sortable=filters.SORTABLE,
        default_sort="number",
        count=total,
    )
    today = timezone.localdate()
    return render(
        request,
        "measures/measure_list.html",
        {
            "initiative": initiative,
            "form": form,
            "listing": listing,
            "status_counts": counts,
            "chosen_status": chosen_status,
            "today": today,
            # The template keeps the rows of this query string while the catalogue's
            # stamp holds, and then reads none (bench/README.md).
            "kept_key": kept_key(
                queries.catalogue_stamp(initiative), today, request.GET.urlencode()
            ),
            "kept_seconds": KEPT_SECONDS,
        },
    )


def _measure(initiative, number):
    measure = queries.measure_in(initiative, number)
    if measure is None:
        raise Http404
    return measure


def measure_detail(request, initiative_slug, number):
    """Members read the measure's page; everyone else (a public initiative, or the
    middleware has answered 404 already) its public page, if it is a public measure."""
    initiative = request.initiative
    if request.user.has_perm(VIEW, initiative):
        return _member_page(request, initiative, number)
    if not initiative.is_public:
        return deny(request)
    return _public_page(request, initiative, number)


def _public_page(request, initiative, number):
    """What anyone may see of a public measure; any other number, whether it is
    internal, archived, not yet adopted or not there at all, is a 404 alike."""
    shown = public.public_measure(initiative, number)
    if shown is None:
        raise Http404
    return render(
        request,
        "measures/measure_public.html",
        {
            "initiative": initiative,
            "shown": shown,
            "measure": shown.measure,
            "today": timezone.localdate(),
        },
    )


def _member_page(request, initiative, number):
    measure = queries.measure_head(initiative, number)
    if measure is None:
        raise Http404
    today = timezone.localdate()

    def shown():
        full = _measure(initiative, number)
        full.is_overdue = services.is_overdue(full, today)
        return {
            "measure": full,
            "custom_values": custom_fields.values_for(custom_fields.fields_of(initiative), full),
            "progress_points": queries.progress_points(full),
            **recent_history(
                queries.measure_history(full),
                reverse("measure_history", args=[initiative.slug, full.number]),
            ),
        }

    return render(
        request,
        "measures/measure_detail.html",
        {
            "initiative": initiative,
            "measure": measure,
            "today": today,
            # Read anew each time: it depends on the initiative too, which the kept
            # parts are not keyed by.
            "public_state": dashboard.public_state(measure),
            "shown": SimpleLazyObject(shown),
            # The template keeps all it shows of the measure but the archive's alert,
            # reading neither its parts nor their history (bench/README.md).
            "kept_key": kept_key(measure, today),
            # What the rules of the apps that add to its facts read of the reader.
            "reader": (role_in(request.user, initiative), request.user.is_superuser),
            "kept_seconds": KEPT_SECONDS,
        },
    )


@initiative_permission(VIEW)
def measure_history(request, initiative, number):
    measure = get_object_or_404(
        Measure.objects.select_related("initiative"), initiative=initiative, number=number
    )
    return history_page(
        request,
        initiative,
        measure,
        queries.measure_history(measure),
        measure.get_absolute_url(),
    )
