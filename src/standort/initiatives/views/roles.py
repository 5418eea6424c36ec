from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from standort.core.access import initiative_permission
from standort.core.history import history_entries

from .. import queries, services
from ..forms import RoleForm
from ..models import InitiativeRole
from . import MANAGE


@initiative_permission(MANAGE)
def role_list(request, initiative):
    form = RoleForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        services.role_grant(
            actor=request.user,
            initiative=initiative,
            user=person.user,
            role=form.cleaned_data["role"],
        )
        messages.success(request, _("The role of %(name)s has been saved.") % {"name": person})
        return redirect("role_list", initiative.slug)
    return render(
        request,
        "initiatives/role_list.html",
        {
            "initiative": initiative,
            "roles": queries.roles_for(initiative),
            "form": form,
            "history": history_entries(
                InitiativeRole.history.filter(initiative_id=initiative.pk), limit=30
            ),
        },
    )


@initiative_permission(MANAGE)
def role_delete(request, initiative, pk):
    role = get_object_or_404(
        InitiativeRole.objects.select_related("user"), initiative=initiative, pk=pk
    )
    cancel_url = reverse("role_list", args=[initiative.slug])
    if request.method == "POST":
        try:
            services.role_revoke(actor=request.user, role=role)
        except services.DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The role has been taken away."))
        return redirect(cancel_url)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": role,
            "cancel_url": cancel_url,
            "consequence": _("The account stays; it no longer has access to this initiative."),
        },
    )
