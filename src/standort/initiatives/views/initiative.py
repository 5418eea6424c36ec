from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from standort.core.access import initiative_permission
from standort.core.pages import form_page, seen_version, try_save

from .. import queries, services
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
        request,
        form,
        title=_("Edit initiative"),
        cancel_url=initiative.get_absolute_url(),
        template="initiatives/initiative_edit.html",
        initiative=initiative,
        embeds=_embeds(initiative),
        # The frames' address as the host page sees it (the public one, not the proxy's).
        site_origin=urlsplit(settings.SITE_URL)._replace(path="", query="", fragment="").geturl(),
    )


def _embeds(initiative):
    """[(what, address)]: the embeddable views of the public page the office may copy
    onto a listed website (home.views.initiative_embed): the whole, a summary card,
    each working group, one measure (by the example number 1)."""
    url = settings.SITE_URL + reverse("initiative_embed", args=[initiative.slug])
    return [
        (_("The whole public page"), url),
        (_("Summary card"), f"{url}?view=summary"),
        *(
            (_("Working group: %(name)s") % {"name": name}, f"{url}?group={pk}")
            for pk, name in queries.working_groups(initiative)
        ),
        (_("One measure (replace 1 with its number)"), f"{url}?measure=1"),
    ]
