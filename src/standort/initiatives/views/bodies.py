from itertools import groupby

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from standort.core.access import deny, initiative_permission
from standort.core.languages import sentence
from standort.core.listing import build_listing
from standort.core.pages import (
    KEPT_SECONDS,
    form_page,
    kept_key,
    recent_history,
    seen_version,
    try_save,
)

from .. import queries, services
from ..forms import BodyForm, MembershipForm
from ..models import Body, Membership
from . import MANAGE, VIEW


def _list_url(initiative):
    return reverse("body_list", args=[initiative.slug])


def body_list(request, initiative_slug):
    """Members list the bodies; everyone else (a public initiative, or the middleware
    has answered 404 already) their public list."""
    initiative = request.initiative
    if request.user.has_perm(VIEW, initiative):
        return _member_list(request, initiative_slug)
    if not initiative.is_public:
        return deny(request)
    listing = build_listing(
        request,
        queries.public_body_list(initiative),
        search_fields=["name"],
        sortable={"position": ["position", "name"], "name": ["name"], "kind": ["kind", "position"]},
        default_sort="position",
    )
    return render(
        request,
        "initiatives/body_list_public.html",
        {"initiative": initiative, "listing": listing},
    )


@initiative_permission(VIEW)
def _member_list(request, initiative):
    listing = build_listing(
        request,
        queries.bodies_for(initiative),
        search_fields=["name", "description"],
        sortable={
            "position": ["position", "name"],
            "name": ["name"],
            "kind": ["kind", "position"],
            "members": ["member_count"],
        },
        default_sort="position",
    )
    return render(
        request, "initiatives/body_list.html", {"initiative": initiative, "listing": listing}
    )


def body_detail(request, initiative_slug, pk):
    """Members read the body's page; everyone else (a public initiative, or the
    middleware has answered 404 already) its public page: the body, the members who
    agreed to be named, and what the apps above add to it publicly (its public
    meetings)."""
    initiative = request.initiative
    if request.user.has_perm(VIEW, initiative):
        return _member_page(request, initiative_slug, pk=pk)
    if not initiative.is_public:
        return deny(request)
    body = queries.public_body(initiative, pk)
    if body is None:
        raise Http404
    return render(
        request,
        "initiatives/body_public.html",
        {
            "initiative": initiative,
            "body": body,
            "groups": _role_groups(queries.public_members_of(body)),
        },
    )


def _role_groups(members):
    """[(role label, [member])]: the members under the headings of their roles."""
    roles = dict(Membership.Role.choices)
    return [(roles[role], list(group)) for role, group in groupby(members, key=lambda m: m.role)]


@initiative_permission(VIEW)
def _member_page(request, initiative, pk):
    body = queries.body_head(initiative, pk)
    if body is None:
        raise Http404

    def shown():
        full = get_object_or_404(queries.body_in(initiative, pk))
        members = queries.members_of(full)
        return {
            "body": full,
            "groups": _role_groups(members),
            "member_count": len(members),
            "chairs": [m for m in members if m.role == Membership.Role.CHAIR],
            "managers": [m for m in members if m.role == Membership.Role.MANAGER],
            **recent_history(
                queries.body_history(full),
                reverse("body_history", args=[initiative.slug, full.pk]),
            ),
        }

    return render(
        request,
        "initiatives/body_detail.html",
        {
            "initiative": initiative,
            "body": body,
            "shown": SimpleLazyObject(shown),
            # The template keeps all it shows of the body, reading neither its members
            # nor their history (bench/README.md).
            "kept_key": kept_key(body, timezone.localdate()),
            "kept_seconds": KEPT_SECONDS,
        },
    )


@initiative_permission(MANAGE)
def body_create(request, initiative):
    form = BodyForm(
        request.POST or None,
        instance=Body(initiative=initiative),
        initiative=initiative,
        initial={"parent": request.GET.get("parent")},
    )
    saved = request.method == "POST" and form.is_valid()
    if saved and try_save(form, lambda: services.body_save(actor=request.user, body=form.instance)):
        messages.success(request, _("The body has been created."))
        return redirect(form.instance)
    return form_page(request, form, title=_("New body"), cancel_url=_list_url(initiative))


@initiative_permission(MANAGE)
def body_edit(request, initiative, pk):
    body = get_object_or_404(Body, initiative=initiative, pk=pk)
    form = BodyForm(request.POST or None, instance=body, initiative=initiative)
    if request.method == "POST" and form.is_valid():

        def save():
            services.body_save(
                actor=request.user, body=form.instance, expected_version=seen_version(form)
            )

        if try_save(form, save):
            messages.success(request, _("The body has been saved."))
            return redirect(body)
    return form_page(request, form, title=_("Edit body"), cancel_url=body.get_absolute_url())


@initiative_permission(MANAGE)
def body_delete(request, initiative, pk):
    body = get_object_or_404(Body, initiative=initiative, pk=pk)
    if request.method == "POST":
        try:
            services.body_delete(actor=request.user, body=body)
        except services.DomainError as error:
            messages.error(request, str(error))
            return redirect(body)
        messages.success(request, _("The body has been deleted."))
        return redirect(_list_url(initiative))
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": body,
            "cancel_url": body.get_absolute_url(),
            "consequence": _("All its memberships are deleted too."),
        },
    )


@initiative_permission(MANAGE)
def membership_create(request, initiative, pk):
    body = get_object_or_404(
        Body.objects.select_related("initiative"), initiative=initiative, pk=pk
    )
    form = MembershipForm(request.POST or None, instance=Membership(body=body), body=body)
    if (
        request.method == "POST"
        and form.is_valid()
        and try_save(
            form, lambda: services.membership_save(actor=request.user, membership=form.instance)
        )
    ):
        messages.success(request, _("The membership has been added."))
        return redirect(body)
    return form_page(
        request,
        form,
        title=sentence(_("Add member to %(body)s"), body=body),
        cancel_url=body.get_absolute_url(),
    )


def _membership(initiative, pk):
    return get_object_or_404(
        Membership.objects.select_related("body__initiative", "person"),
        body__initiative=initiative,
        pk=pk,
    )


@initiative_permission(MANAGE)
def membership_edit(request, initiative, pk):
    membership = _membership(initiative, pk)
    body = membership.body
    form = MembershipForm(request.POST or None, instance=membership, body=body)
    if request.method == "POST" and form.is_valid():

        def save():
            services.membership_save(
                actor=request.user, membership=membership, expected_version=seen_version(form)
            )

        if try_save(form, save):
            messages.success(request, _("The membership has been saved."))
            return redirect(body)
    return form_page(
        request,
        form,
        title=sentence(
            _("Membership of %(person)s in %(body)s"), person=membership.person, body=body
        ),
        cancel_url=body.get_absolute_url(),
        delete_url=reverse("membership_delete", args=[initiative.slug, membership.pk]),
        delete_label=_("Remove from body"),
    )


@initiative_permission(MANAGE)
def membership_delete(request, initiative, pk):
    membership = _membership(initiative, pk)
    body = membership.body
    if request.method == "POST":
        services.membership_delete(actor=request.user, membership=membership)
        messages.success(request, _("The membership has been ended and deleted."))
        return redirect(body)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": membership,
            "cancel_url": body.get_absolute_url(),
            "consequence": _("The person stays in the directory of the initiative."),
        },
    )
