from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from standort.core.access import initiative_permission
from standort.core.files import image_response
from standort.core.listing import build_listing
from standort.core.pages import form_page, recent_history, seen_version, try_save

from .. import queries, services
from ..forms import OrganizationForm
from ..models import Organization
from . import MANAGE, VIEW


def _list_url(initiative):
    return reverse("organization_list", args=[initiative.slug])


def _detail_url(initiative, organization):
    return reverse("organization_detail", args=[initiative.slug, organization.pk])


@initiative_permission(VIEW)
def organization_list(request, initiative):
    listing = build_listing(
        request,
        queries.organizations_for(initiative),
        search_fields=["name", "city"],
        sortable={
            "name": ["name"],
            "kind": ["kind", "name"],
            "city": ["city", "name"],
            "people": ["participant_count"],
        },
        default_sort="name",
    )
    return render(
        request,
        "initiatives/organization_list.html",
        {"initiative": initiative, "listing": listing, "kinds": Organization.Kind},
    )


@initiative_permission(VIEW)
def organization_detail(request, initiative, pk):
    organization = get_object_or_404(queries.organization_in(initiative, pk))
    people = queries.people_for(initiative).filter(organization=organization)
    bodies = queries.bodies_for(initiative).filter(managing_organization=organization)
    return render(
        request,
        "initiatives/organization_detail.html",
        {
            "initiative": initiative,
            "organization": organization,
            "people": people,
            "bodies": bodies,
            **recent_history(
                queries.organization_history(initiative, organization),
                reverse("organization_history", args=[initiative.slug, organization.pk]),
            ),
        },
    )


@initiative_permission(VIEW)
def organization_logo(request, initiative, pk):
    """The organisation's logo, for those who may see the initiative's directory."""
    organization = get_object_or_404(queries.organization_in(initiative, pk))
    if not organization.logo:
        raise Http404
    return image_response(organization.logo, f"logo-{organization.pk}")


@initiative_permission(MANAGE)
def organization_create(request, initiative):
    form = OrganizationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organization = services.organization_create(
            actor=request.user,
            initiative=initiative,
            organization=form.instance,
            logo=form.cleaned_data["new_logo"],
        )
        messages.success(request, _("The organisation has been created."))
        return redirect(_detail_url(initiative, organization))
    return form_page(request, form, title=_("New organisation"), cancel_url=_list_url(initiative))


@initiative_permission(MANAGE)
def organization_edit(request, initiative, pk):
    organization = get_object_or_404(queries.organization_in(initiative, pk))
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    if request.method == "POST" and form.is_valid():

        def save():
            services.organization_update(
                actor=request.user,
                organization=form.instance,
                expected_version=seen_version(form),
                logo=form.cleaned_data["new_logo"],
                remove_logo=form.cleaned_data.get("remove_logo", False),
            )

        if try_save(form, save):
            messages.success(request, _("The organisation has been saved."))
            return redirect(_detail_url(initiative, organization))
    return form_page(
        request,
        form,
        title=_("Edit organisation"),
        cancel_url=_detail_url(initiative, organization),
    )


@initiative_permission(MANAGE)
def organization_delete(request, initiative, pk):
    organization = get_object_or_404(queries.organization_in(initiative, pk))
    if request.method == "POST":
        try:
            services.organization_remove(
                actor=request.user, initiative=initiative, organization=organization
            )
        except services.DomainError as error:
            messages.error(request, str(error))
            return redirect(_detail_url(initiative, organization))
        messages.success(request, _("The organisation has been removed."))
        return redirect(_list_url(initiative))
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": organization,
            "cancel_url": _detail_url(initiative, organization),
            "consequence": _(
                "It is removed from this initiative; its people keep their entries "
                "without an organisation."
            ),
        },
    )
