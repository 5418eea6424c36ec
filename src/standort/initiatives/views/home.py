from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from standort.measures import queries as measure_queries

from .. import queries, services
from ..access import initiative_permission
from ..forms import InitiativeForm
from ._helpers import MANAGE, form_page, seen_version, try_save
from .history import recent_history


def platform_home(request):
    """The start page: public initiatives, and the caller's own ones."""
    mine = list(queries.initiatives_of(request.user))
    mine_ids = {i.pk for i in mine}
    public = [i for i in queries.public_initiatives() if i.pk not in mine_ids]
    return render(request, "initiatives/platform_home.html", {"mine": mine, "public": public})


def initiative_home(request, initiative_slug):
    initiative = request.initiative
    leading = queries.leading_organizations(initiative)
    if not request.user.has_perm("initiatives.view_initiative", initiative):
        return render(
            request,
            "initiatives/initiative_public.html",
            {"initiative": initiative, "leading": leading},
        )
    context = {
        "initiative": initiative,
        "leading": leading,
        "bodies": queries.bodies_with_chairs(initiative),
        "my_measures": measure_queries.measures_of_person(initiative, request.user),
        "today": timezone.localdate(),
        # The catalogue in one line: its live measures per status, one query.
        "measure_counts": measure_queries.status_summary(initiative),
    }
    context["measure_total"] = sum(count for _value, _label, count in context["measure_counts"])
    if request.user.has_perm(MANAGE, initiative):
        context.update(
            recent_history(
                [
                    *queries.initiative_history(initiative),
                    measure_queries.erased_measures(initiative),
                ],
                reverse("initiative_history", args=[initiative.slug]),
            )
        )
    return render(request, "initiatives/initiative_home.html", context)


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


def initiative_embed(request, initiative_slug):
    raise Http404  # the embeddable public page comes with the dashboard work
