"""A meeting's agenda as its planners keep it: items and their files."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standort.core.files import download
from standort.core.languages import sentence
from standort.core.pages import form_page, posted, run_action, seen_version, try_save

from .. import services
from ..access import meeting_permission
from ..forms import AgendaItemForm, AttachmentForm
from ..models import AgendaAttachment, AgendaItem
from .common import CHANGE, agenda_item_of, back_to


@meeting_permission(CHANGE)
def agenda_item_create(request, initiative, meeting):
    return _agenda_item_form(
        request,
        initiative,
        meeting,
        AgendaItem(meeting=meeting, position=meeting.agenda.count() + 1),
        title=_("New agenda item"),
    )


@meeting_permission(CHANGE)
def agenda_item_edit(request, initiative, meeting, item_pk):
    item = agenda_item_of(meeting, item_pk)
    return _agenda_item_form(request, initiative, meeting, item, title=_("Edit agenda item"))


def _agenda_item_form(request, initiative, meeting, item, *, title):
    form = AgendaItemForm(posted(request), instance=item, initiative=initiative)
    if request.method == "POST" and form.is_valid():

        def save():
            services.agenda_item_save(
                actor=request.user,
                item=form.instance,
                measures=form.cleaned_data["measures"],
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            messages.success(request, _("The agenda item has been saved."))
            # Planning goes on on the meeting's page.
            return redirect(f"{meeting.get_absolute_url()}#item-{form.instance.pk}")
    return form_page(request, form, title=title, cancel_url=meeting.get_absolute_url())


@require_POST
@meeting_permission(CHANGE)
def agenda_item_delete(request, initiative, meeting, item_pk):
    item = agenda_item_of(meeting, item_pk)
    run_action(
        request,
        lambda: services.agenda_item_delete(actor=request.user, item=item),
        _("The agenda item “%(title)s” has been removed.") % {"title": item},
    )
    return redirect(meeting)


@meeting_permission(CHANGE)
def agenda_attachment_upload(request, initiative, meeting, item_pk):
    item = agenda_item_of(meeting, item_pk)
    form = AttachmentForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():

        def save():
            services.agenda_attachment_add(
                actor=request.user,
                item=item,
                upload=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
            )

        if try_save(form, save):
            messages.success(request, _("The file has been attached."))
            return back_to(meeting, item)
    return form_page(
        request,
        form,
        title=sentence(_("Attach a file to “%(title)s”"), title=item.title),
        cancel_url=meeting.get_absolute_url(),
        multipart=True,
    )


def _attachment(meeting, pk):
    return get_object_or_404(AgendaAttachment, agenda_item__meeting=meeting, pk=pk)


@meeting_permission("meetings.view_meeting")
def agenda_attachment_download(request, initiative, meeting, attachment_pk):
    attachment = _attachment(meeting, attachment_pk)
    return download(attachment)


@require_POST
@meeting_permission(CHANGE)
def agenda_attachment_delete(request, initiative, meeting, attachment_pk):
    attachment = _attachment(meeting, attachment_pk)
    run_action(
        request,
        lambda: services.agenda_attachment_delete(actor=request.user, attachment=attachment),
        _("The file “%(name)s” has been removed.") % {"name": attachment.name},
    )
    return back_to(meeting, attachment.agenda_item)
