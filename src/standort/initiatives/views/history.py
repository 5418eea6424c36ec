from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from standort.core.history import history_entries
from standort.measures import queries as measure_queries

from .. import queries
from ..access import initiative_permission
from ..models import Body
from ._helpers import MANAGE, VIEW

# An object's page shows the newest changes; the whole history has a page of its own.
RECENT = 5
PAGE_SIZE = 50


def recent_history(record_sets, full_history_url):
    entries = history_entries(*record_sets, limit=RECENT + 1)
    return {
        "history": entries[:RECENT],
        "history_url": full_history_url if len(entries) > RECENT else None,
    }


def _history_page(request, initiative, subject, record_sets, subject_url):
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    entries = history_entries(*record_sets, limit=page * PAGE_SIZE + 1)
    return render(
        request,
        "initiatives/history.html",
        {
            "initiative": initiative,
            "subject": subject,
            "subject_url": subject_url,
            "history": entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if len(entries) > page * PAGE_SIZE else None,
        },
    )


@initiative_permission(MANAGE)
def initiative_history(request, initiative):
    return _history_page(
        request,
        initiative,
        initiative,
        [*queries.initiative_history(initiative), measure_queries.erased_measures(initiative)],
        initiative.get_absolute_url(),
    )


@initiative_permission(VIEW)
def body_history(request, initiative, pk):
    body = get_object_or_404(Body, initiative=initiative, pk=pk)
    return _history_page(
        request, initiative, body, queries.body_history(body), body.get_absolute_url()
    )


@initiative_permission(VIEW)
def person_history(request, initiative, pk):
    person = get_object_or_404(queries.person_in(initiative, pk))
    return _history_page(
        request,
        initiative,
        person,
        queries.person_history(initiative, person),
        reverse("person_detail", args=[initiative.slug, pk]),
    )


@initiative_permission(VIEW)
def organization_history(request, initiative, pk):
    organization = get_object_or_404(queries.organization_in(initiative, pk))
    return _history_page(
        request,
        initiative,
        organization,
        queries.organization_history(initiative, organization),
        reverse("organization_detail", args=[initiative.slug, pk]),
    )
