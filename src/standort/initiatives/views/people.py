from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from standort.core.access import initiative_permission
from standort.core.languages import sentence
from standort.core.listing import build_listing
from standort.core.pages import form_page, recent_history, seen_version, try_save
from standort.core.throttle import Limit, throttle, url_argument

from .. import queries, services
from ..forms import InvitationForm, PersonForm
from . import CONTACTS, MANAGE, VIEW, hidden_person_fields


def _list_url(initiative):
    return reverse("person_list", args=[initiative.slug])


def _detail_url(initiative, person):
    return reverse("person_detail", args=[initiative.slug, person.pk])


@initiative_permission(VIEW)
def person_list(request, initiative):
    search_fields = ["first_name", "last_name", "function", "organization__name"]
    if request.user.has_perm(CONTACTS, initiative):
        # Found by an address only by those who may see it.
        search_fields.append("email")
    listing = build_listing(
        request,
        queries.people_for(initiative),
        search_fields=search_fields,
        sortable={
            "name": ["last_name", "first_name"],
            "organization": ["organization__name", "last_name"],
            "function": ["function", "last_name"],
        },
        default_sort="name",
        count_all=lambda: queries.participant_count(initiative),
    )
    return render(
        request, "initiatives/person_list.html", {"initiative": initiative, "listing": listing}
    )


@initiative_permission(VIEW)
def person_detail(request, initiative, pk):
    person = get_object_or_404(queries.person_in(initiative, pk))
    return render(
        request,
        "initiatives/person_detail.html",
        {
            "initiative": initiative,
            "person": person,
            **recent_history(
                queries.person_history(initiative, person),
                reverse("person_history", args=[initiative.slug, person.pk]),
                hidden_person_fields(request.user, initiative),
            ),
            "invitation_form": InvitationForm(),
        },
    )


@initiative_permission(MANAGE)
def person_create(request, initiative):
    form = PersonForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        person = services.person_create(
            actor=request.user, initiative=initiative, person=form.instance
        )
        messages.success(request, _("The person has been created."))
        return redirect(_detail_url(initiative, person))
    return form_page(request, form, title=_("New person"), cancel_url=_list_url(initiative))


@initiative_permission(MANAGE)
def person_edit(request, initiative, pk):
    person = get_object_or_404(queries.person_in(initiative, pk))
    form = PersonForm(request.POST or None, instance=person, initiative=initiative)
    if request.method == "POST" and form.is_valid():

        def save():
            services.person_update(
                actor=request.user, person=form.instance, expected_version=seen_version(form)
            )

        if try_save(form, save):
            messages.success(request, _("The person has been saved."))
            return redirect(_detail_url(initiative, person))
    return form_page(
        request, form, title=_("Edit person"), cancel_url=_detail_url(initiative, person)
    )


@initiative_permission(MANAGE)
def person_delete(request, initiative, pk):
    person = get_object_or_404(queries.person_in(initiative, pk))
    if request.method == "POST":
        services.person_remove(actor=request.user, initiative=initiative, person=person)
        messages.success(request, _("The person has been removed from the initiative."))
        return redirect(_list_url(initiative))
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": person,
            "cancel_url": _detail_url(initiative, person),
            "consequence": _(
                "Their memberships in the bodies of this initiative and their role here end."
            ),
        },
    )


@initiative_permission(MANAGE)
@throttle(
    Limit("invitations-sender", "30/h", "user_or_ip"),
    Limit("invitations-person", "3/h", url_argument("pk")),
)
def person_invite(request, initiative, pk):
    person = get_object_or_404(queries.person_in(initiative, pk))
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_invite(
                actor=request.user,
                initiative=initiative,
                person=person,
                role=form.cleaned_data["role"],
            )
        except services.DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": person.email},
            )
        return redirect(_detail_url(initiative, person))
    return form_page(
        request,
        form,
        title=sentence(_("Invite %(name)s"), name=person),
        cancel_url=_detail_url(initiative, person),
    )
