from django.shortcuts import get_object_or_404
from django.urls import reverse

from standort.core.access import initiative_permission
from standort.core.pages import history_page

from .. import queries
from ..models import Body
from . import VIEW, hidden_person_fields


@initiative_permission(VIEW)
def body_history(request, initiative, pk):
    body = get_object_or_404(Body, initiative=initiative, pk=pk)
    return history_page(
        request, initiative, body, queries.body_history(body), body.get_absolute_url()
    )


@initiative_permission(VIEW)
def person_history(request, initiative, pk):
    person = get_object_or_404(queries.person_in(initiative, pk))
    return history_page(
        request,
        initiative,
        person,
        queries.person_history(initiative, person),
        reverse("person_detail", args=[initiative.slug, pk]),
        hidden_person_fields(request.user, initiative),
    )


@initiative_permission(VIEW)
def organization_history(request, initiative, pk):
    organization = get_object_or_404(queries.organization_in(initiative, pk))
    return history_page(
        request,
        initiative,
        organization,
        queries.organization_history(initiative, organization),
        reverse("organization_detail", args=[initiative.slug, pk]),
    )
