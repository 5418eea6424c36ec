"""Creating and editing measures: the measure itself, its status, milestones,
partners and attachments, and deleting or archiving it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standort.core.access import initiative_permission
from standort.core.files import download
from standort.core.languages import sentence
from standort.core.pages import (
    form_page,
    posted,
    seen_version,
    try_save,
)

from .. import services
from ..access import measure_permission
from ..forms import AttachmentForm, MeasureForm, MilestoneForm, PartnershipForm, StatusForm
from ..models import Measure, Milestone, Partnership

CHANGE = "measures.change_measure"


def _list_url(initiative):
    return reverse("measure_list", args=[initiative.slug])


def _measure_form_page(request, form, *, title, cancel_url, **extra):
    return form_page(
        request,
        form,
        title=title,
        cancel_url=cancel_url,
        template="measures/measure_form.html",
        **extra,
    )


# The measure ----------------------------------------------------------------------


@initiative_permission("measures.add_measure")
def measure_create(request, initiative):
    form = MeasureForm(
        posted(request),
        instance=Measure(initiative=initiative),
        initiative=initiative,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():

        def save():
            services.set_custom_values(form.instance, form.custom_fields, form.cleaned_data)
            services.measure_save(
                actor=request.user, measure=form.instance, tags=form.cleaned_data["tags"]
            )

        if try_save(form, save):
            messages.success(request, _("The measure has been created."))
            return redirect(form.instance)
    return _measure_form_page(
        request, form, title=_("New measure"), cancel_url=_list_url(initiative)
    )


@measure_permission(CHANGE)
def measure_edit(request, initiative, measure):
    form = MeasureForm(posted(request), instance=measure, initiative=initiative, user=request.user)
    if request.method == "POST" and form.is_valid():

        def save():
            services.set_custom_values(measure, form.custom_fields, form.cleaned_data)
            services.measure_save(
                actor=request.user,
                measure=measure,
                tags=form.cleaned_data["tags"],
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            messages.success(request, _("The measure has been saved."))
            return redirect(measure)
    extra = {}
    if request.user.has_perm("measures.delete_measure", measure):
        extra = {
            "delete_url": reverse("measure_delete", args=[initiative.slug, measure.number]),
            "delete_label": _("Archive measure")
            if measure.updates.accepted().exists()
            else _("Delete measure"),
        }
    return _measure_form_page(
        request,
        form,
        title=_("Edit measure %(number)s") % {"number": measure.number},
        cancel_url=measure.get_absolute_url(),
        **extra,
    )


@measure_permission(CHANGE)
def measure_status(request, initiative, measure):
    form = StatusForm(posted(request), measure=measure)
    if request.method == "POST" and form.is_valid():

        def save():
            services.measure_set_status(
                actor=request.user,
                measure=measure,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                expected_version=seen_version(form),
                **form.adoption(),
            )

        if try_save(form, save):
            messages.success(
                request,
                _("The measure is now “%(status)s”.") % {"status": measure.get_status_display()},
            )
            return redirect(measure)
    return form_page(
        request,
        form,
        title=_("Change the status of measure %(number)s") % {"number": measure.number},
        cancel_url=measure.get_absolute_url(),
        template="measures/status_form.html",
        measure=measure,
    )


@measure_permission("measures.delete_measure")
def measure_delete(request, initiative, measure):
    if request.method == "POST":
        try:
            erased = services.measure_delete(actor=request.user, measure=measure)
        except services.DomainError as error:
            messages.error(request, str(error))
            return redirect(measure)
        if erased:
            messages.success(request, _("The measure has been deleted."))
        else:
            messages.success(
                request,
                _("The measure has status updates, so it has been archived instead of deleted."),
            )
        return redirect(_list_url(initiative))
    return render(request, "core/confirm_delete.html", _delete_page(measure))


def _delete_page(measure):
    """What the confirmation says: a measure with parts stays, one with status updates
    is archived, any other is erased."""
    page = {"object": measure, "cancel_url": measure.get_absolute_url()}
    if measure.children.exists():
        return {
            **page,
            "heading": _("Delete measure"),
            "blocked": True,
            "archives": False,
            "consequence": _(
                "It has parts and cannot be deleted until they are moved to another "
                "measure or deleted."
            ),
        }
    if measure.updates.accepted().exists():
        return {
            **page,
            "heading": _("Archive measure"),
            "question": sentence(_("Do you want to archive “%(title)s”?"), title=measure),
            "consequence": _(
                "It has status updates, so it is archived, not erased: it leaves the list "
                "but stays with its status updates and its change history, and the office "
                "can restore it."
            ),
            "confirm_label": _("Archive"),
            "archives": True,
        }
    return {
        **page,
        "heading": _("Delete measure"),
        "question": sentence(_("Do you want to delete “%(title)s” for good?"), title=measure),
        "consequence": _(
            "It is erased with its milestones, partners and attachments and cannot be "
            "restored. The deletion is logged with who deleted it and when."
        ),
        "confirm_label": _("Delete permanently"),
        "archives": False,
    }


@measure_permission("measures.delete_measure")
@require_POST
def measure_restore(request, initiative, measure):
    services.measure_restore(actor=request.user, measure=measure)
    messages.success(request, _("The measure has been restored."))
    return redirect(measure)


@measure_permission(CHANGE)
@require_POST
def measure_publish(request, initiative, measure):
    """Releases the measure for the public page (`public=1`) or keeps it internal
    (`public=0`); the measure's page then says whether the public page shows it."""
    public = request.POST.get("public") == "1"
    services.measure_publish(actor=request.user, measure=measure, public=public)
    if public:
        messages.success(request, _("The measure is released for the public page."))
    else:
        messages.success(
            request, _("The measure is internal again: the public page does not show it.")
        )
    return redirect(measure)


# Milestones -----------------------------------------------------------------------


def _part(measure, related, pk):
    """An object hanging on the measure; one of another measure is a 404."""
    return get_object_or_404(getattr(measure, related), pk=pk)


def confirm_then_delete(request, obj, *, back_to, delete, deleted, consequence=""):
    """Asks first; the POST of the confirmation deletes and goes to `back_to`."""
    if request.method == "POST":
        delete()
        messages.success(request, deleted)
        return redirect(back_to)
    return render(
        request,
        "core/confirm_delete.html",
        {"object": obj, "cancel_url": back_to, "consequence": consequence},
    )


def save_then_back(request, form, *, title, back_to, saved, save, **extra):
    """A create/edit page: saves through `save` (errors land on the form) and goes
    back to `back_to`, which is also where Cancel leads."""
    if request.method == "POST" and form.is_valid() and try_save(form, save):
        messages.success(request, saved)
        return redirect(back_to)
    return form_page(request, form, title=title, cancel_url=back_to, **extra)


@measure_permission(CHANGE)
def milestone_create(request, initiative, measure):
    form = MilestoneForm(posted(request), instance=Milestone(measure=measure))
    return save_then_back(
        request,
        form,
        back_to=measure.get_absolute_url(),
        title=_("New milestone for measure %(number)s") % {"number": measure.number},
        saved=_("The milestone has been added."),
        save=lambda: services.milestone_save(actor=request.user, milestone=form.instance),
    )


@measure_permission(CHANGE)
def milestone_edit(request, initiative, measure, pk):
    milestone = _part(measure, "milestones", pk)
    form = MilestoneForm(posted(request), instance=milestone)
    return save_then_back(
        request,
        form,
        back_to=measure.get_absolute_url(),
        title=_("Edit milestone"),
        saved=_("The milestone has been saved."),
        save=lambda: services.milestone_save(
            actor=request.user, milestone=milestone, expected_version=seen_version(form)
        ),
        delete_url=reverse("milestone_delete", args=[initiative.slug, measure.number, pk]),
        delete_label=_("Delete milestone"),
    )


@measure_permission(CHANGE)
def milestone_delete(request, initiative, measure, pk):
    milestone = _part(measure, "milestones", pk)
    return confirm_then_delete(
        request,
        milestone,
        back_to=measure.get_absolute_url(),
        delete=lambda: services.milestone_delete(actor=request.user, milestone=milestone),
        deleted=_("The milestone has been deleted."),
    )


# Partners -------------------------------------------------------------------------


@measure_permission(CHANGE)
def partnership_create(request, initiative, measure):
    form = PartnershipForm(posted(request), instance=Partnership(measure=measure))
    return save_then_back(
        request,
        form,
        back_to=measure.get_absolute_url(),
        title=_("New partner of measure %(number)s") % {"number": measure.number},
        saved=_("The partner has been added."),
        save=lambda: services.partnership_save(actor=request.user, partnership=form.instance),
    )


@measure_permission(CHANGE)
def partnership_edit(request, initiative, measure, pk):
    partnership = _part(measure, "partnerships", pk)
    form = PartnershipForm(posted(request), instance=partnership)
    return save_then_back(
        request,
        form,
        back_to=measure.get_absolute_url(),
        title=_("Edit partner"),
        saved=_("The partner has been saved."),
        save=lambda: services.partnership_save(
            actor=request.user, partnership=partnership, expected_version=seen_version(form)
        ),
        delete_url=reverse("partnership_delete", args=[initiative.slug, measure.number, pk]),
        delete_label=_("Remove partner"),
    )


@measure_permission(CHANGE)
def partnership_delete(request, initiative, measure, pk):
    partnership = _part(measure, "partnerships", pk)
    return confirm_then_delete(
        request,
        partnership,
        back_to=measure.get_absolute_url(),
        delete=lambda: services.partnership_delete(actor=request.user, partnership=partnership),
        deleted=_("The partner has been removed."),
        consequence=_("The person stays in the directory of the initiative."),
    )


# Attachments ----------------------------------------------------------------------


@measure_permission(CHANGE)
def attachment_upload(request, initiative, measure):
    form = AttachmentForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():

        def save():
            services.attachment_add(
                actor=request.user,
                measure=measure,
                upload=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
            )

        if try_save(form, save):
            messages.success(request, _("The file has been attached."))
            return redirect(measure)
    return form_page(
        request,
        form,
        title=_("Attach a file to measure %(number)s") % {"number": measure.number},
        cancel_url=measure.get_absolute_url(),
        template="measures/measure_form.html",
        multipart=True,
    )


@measure_permission("measures.view_measure")
def attachment_download(request, initiative, measure, pk):
    attachment = _part(measure, "attachments", pk)
    return download(attachment)


@measure_permission(CHANGE)
def attachment_delete(request, initiative, measure, pk):
    attachment = _part(measure, "attachments", pk)
    return confirm_then_delete(
        request,
        attachment,
        back_to=measure.get_absolute_url(),
        delete=lambda: services.attachment_delete(actor=request.user, attachment=attachment),
        deleted=_("The attachment has been deleted."),
    )
