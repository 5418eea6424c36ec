"""Meeting pages: the list, planning, the meeting with its agenda and invitations,
its .ics; and the invitee's answer through their personal link."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standort.core.listing import build_listing
from standort.initiatives.access import initiative_permission
from standort.initiatives.views._helpers import (
    form_page,
    posted,
    run_action,
    seen_version,
    try_save,
)

from . import queries, services
from .access import meeting_permission
from .forms import AgendaItemForm, MeetingForm
from .ical import meeting_ics
from .models import AgendaItem, Invitation, Meeting

CHANGE = "meetings.change_meeting"


@initiative_permission("meetings.view_meetings")
def meeting_list(request, initiative):
    past = request.GET.get("when") == "past"
    bodies = list(initiative.bodies.order_by("name").values_list("pk", "name"))
    try:
        body = int(request.GET.get("body", ""))
    except ValueError:
        body = None
    if body not in {pk for pk, _name in bodies}:
        body = None
    listing = build_listing(
        request,
        queries.meetings_of(initiative, past=past, body=body),
        sortable={"start": ["starts_at"]},
        default_sort="-start" if past else "start",
        search_fields=["title", "body__name"],
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "initiative": initiative,
            "listing": listing,
            "past": past,
            "bodies": bodies,
            "body": body,
            "can_add": request.user.has_perm("meetings.add_meeting", initiative),
        },
    )


@initiative_permission("meetings.add_meeting")
def meeting_create(request, initiative):
    form = MeetingForm(
        posted(request),
        instance=Meeting(initiative=initiative),
        initiative=initiative,
        user=request.user,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and try_save(form, lambda: services.meeting_save(actor=request.user, meeting=form.instance))
    ):
        messages.success(request, _("The meeting has been planned. Now add its agenda."))
        return redirect(form.instance)
    return form_page(
        request,
        form,
        title=_("Plan a meeting"),
        cancel_url=reverse("meeting_list", args=[initiative.slug]),
    )


@meeting_permission("meetings.view_meeting")
def meeting_detail(request, initiative, meeting):
    can_change = request.user.has_perm(CHANGE, meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "initiative": initiative,
            "meeting": meeting,
            "agenda": meeting.agenda.select_related("presenter"),
            "invitations": queries.invitations_of(meeting) if can_change else None,
            "can_change": can_change,
        },
    )


@meeting_permission(CHANGE)
def meeting_edit(request, initiative, meeting):
    form = MeetingForm(posted(request), instance=meeting, initiative=initiative, user=request.user)
    if request.method == "POST" and form.is_valid():

        def save():
            services.meeting_save(
                actor=request.user, meeting=meeting, expected_version=seen_version(form)
            )

        if try_save(form, save):
            messages.success(request, _("The meeting has been saved."))
            return redirect(meeting)
    return form_page(request, form, title=_("Edit meeting"), cancel_url=meeting.get_absolute_url())


@meeting_permission("meetings.view_meeting")
def meeting_calendar(request, initiative, meeting):
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sitzung-{meeting.pk}.ics"'
    return response


@require_POST
@meeting_permission(CHANGE)
def meeting_invite(request, initiative, meeting):
    run_action(
        request,
        lambda: services.meeting_invite(actor=request.user, meeting=meeting),
        _("The invitations are on their way to the members of %(body)s.")
        % {"body": meeting.body.name},
    )
    return redirect(meeting)


@meeting_permission(CHANGE)
def meeting_cancel(request, initiative, meeting):
    if request.method == "POST":
        run_action(
            request,
            lambda: services.meeting_cancel(actor=request.user, meeting=meeting),
            _("The meeting is cancelled; those invited are told."),
        )
        return redirect(meeting)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "heading": _("Cancel the meeting"),
            "question": _("Cancel “%(title)s”?") % {"title": meeting.title},
            "consequence": _("Everyone invited gets a cancellation for their calendar."),
            "confirm_label": _("Cancel the meeting"),
            "cancel_url": meeting.get_absolute_url(),
            "blocked": meeting.is_cancelled,
        },
    )


@meeting_permission(CHANGE)
def agenda_item_create(request, initiative, meeting):
    position = meeting.agenda.count() + 1
    form = AgendaItemForm(
        posted(request),
        instance=AgendaItem(meeting=meeting, position=position),
        initiative=initiative,
    )
    if request.method == "POST" and form.is_valid():
        form.instance.save()
        messages.success(request, _("The agenda item has been added."))
        return redirect(meeting)
    return form_page(
        request, form, title=_("New agenda item"), cancel_url=meeting.get_absolute_url()
    )


@require_POST
@meeting_permission(CHANGE)
def agenda_item_delete(request, initiative, meeting, item_pk):
    item = get_object_or_404(meeting.agenda, pk=item_pk)
    item.delete()
    messages.success(request, _("The agenda item “%(title)s” has been removed.") % {"title": item})
    return redirect(meeting)


def rsvp_link(request, invitation, token, item=None):
    """/link/<token>/ of an invitation: the meeting, and yes / no / maybe."""
    if item is not None:
        raise Http404
    here = reverse("personal_link", args=[token])
    if request.method == "POST":
        run_action(
            request,
            lambda: services.invitation_answer(
                invitation=invitation, response=request.POST.get("response", "")
            ),
            _("Thank you, your answer has been saved."),
        )
        return redirect(here)
    meeting = invitation.meeting
    return render(
        request,
        "meetings/rsvp.html",
        {
            "invitation": invitation,
            "meeting": meeting,
            "agenda": meeting.agenda.select_related("presenter"),
            "choices": [
                (Invitation.Response.YES, _("Yes, I will come")),
                (Invitation.Response.MAYBE, _("Maybe")),
                (Invitation.Response.NO, _("No, I cannot come")),
            ],
            "contact": invitation.link_contact(),
        },
    )
