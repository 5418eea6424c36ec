from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from standort.core.access import initiative_permission
from standort.core.pages import form_page, seen_version, try_save

from .. import services
from ..forms import InitiativeForm
from . import MANAGE


@initiative_permission(MANAGE)
def initiative_edit(request, initiative):
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():

        def save():
            services.initiative_update(
                actor=request.user,
                initiative=form.instance,
                leading_organizations=form.cleaned_data["leading_organizations"],
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            messages.success(request, _("The initiative has been saved."))
            return redirect(initiative)
    return form_page(
        request, form, title=_("Edit initiative"), cancel_url=initiative.get_absolute_url()
    )
