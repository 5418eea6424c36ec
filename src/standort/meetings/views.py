"""Meeting pages: the list, planning, the meeting with its agenda and invitations,
its .ics; the minutes with attendance, decisions and action items; the invitee's answer
through their personal link or signed in; the personal calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standort.core.access import deny, initiative_permission
from standort.core.files import download
from standort.core.listing import build_listing
from standort.core.pages import (
    form_page,
    posted,
    run_action,
    seen_version,
    try_save,
)

from . import extensions, queries, services
from .access import meeting_permission
from .forms import (
    ANSWER_CHOICES,
    ActionItemForm,
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
)
from .ical import feed_ics, meeting_ics
from .models import ActionItem, AgendaItem, Decision, Meeting, MinutesState
from .pdf import minutes_pdf

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


def _meeting_context(request, initiative, meeting):
    """What the meeting page and an agenda item's page show of the meeting, and what
    the reader may do there."""
    can_change = request.user.has_perm(CHANGE, meeting)
    now = timezone.now()
    return {
        "initiative": initiative,
        "meeting": meeting,
        "can_change": can_change,
        "can_approve": request.user.has_perm("meetings.approve_minutes", meeting),
        # Draft minutes are the planners' working copy.
        "show_minutes": can_change or meeting.minutes_state != MinutesState.DRAFT,
        "minutes_open": meeting.minutes_state != MinutesState.APPROVED,
        "has_begun": meeting.starts_at <= now,
        "is_over": meeting.ends_at < now,
    }


@meeting_permission("meetings.view_meeting")
def meeting_detail(request, initiative, meeting):
    context = _meeting_context(request, initiative, meeting)

    def agenda():
        items = list(queries.agenda_of(meeting))
        # Each item links to what the apps above add to it (its comments), which are
        # read on the item's page.
        extensions.part_links(meeting, items)
        return items

    # The agenda is read far more often than it changes: the template keeps it while
    # this key holds (the data's stamp, the meeting's version, what the reader sees).
    flags = ("show_minutes", "can_change", "minutes_open", "has_begun")
    context["agenda_key"] = ":".join(
        [
            str(meeting.pk),
            # (A test database hands out the same ids again.)
            str(meeting.created_at.timestamp()),
            str(meeting.version),
            queries.agenda_stamp(meeting),
            *("1" if context[flag] else "0" for flag in flags),
        ]
    )
    context["agenda"] = SimpleLazyObject(agenda)
    invitations = list(queries.invitations_of(meeting)) if context["can_change"] else None
    context.update(
        agenda=agenda,
        invitations=invitations,
        silent=sum(1 for i in invitations if not i.response) if invitations else 0,
        my_invitation=queries.invitation_of(meeting, request.user),
        answer_choices=ANSWER_CHOICES,
    )
    return render(request, "meetings/meeting_detail.html", context)


@meeting_permission("meetings.view_meeting")
def agenda_item_detail(request, initiative, meeting, item_pk):
    """One agenda item: its minutes, decisions and action items with what the planners
    do with them, and its comments."""
    item = get_object_or_404(queries.agenda_of(meeting), pk=item_pk)
    context = _meeting_context(request, initiative, meeting)
    context.update(item=item)
    return render(request, "meetings/agenda_item_detail.html", context)


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


def _item(meeting, item_pk):
    return get_object_or_404(meeting.agenda.select_related("meeting"), pk=item_pk)


def _back(meeting, item=None):
    """To the agenda item's page, or to the meeting's."""
    if item is None:
        return redirect(meeting)
    item.meeting = meeting
    return redirect(item)


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
    item = _item(meeting, item_pk)
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
    item = _item(meeting, item_pk)
    run_action(
        request,
        lambda: services.agenda_item_delete(actor=request.user, item=item),
        _("The agenda item “%(title)s” has been removed.") % {"title": item},
    )
    return redirect(meeting)


@meeting_permission(CHANGE)
def agenda_attachment_upload(request, initiative, meeting, item_pk):
    item = _item(meeting, item_pk)
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
            return _back(meeting, item)
    return form_page(
        request,
        form,
        title=_("Attach a file to “%(title)s”") % {"title": item.title},
        cancel_url=meeting.get_absolute_url(),
        multipart=True,
    )


def _attachment(meeting, pk):
    from .models import AgendaAttachment

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
    return _back(meeting, attachment.agenda_item)


# Invitations and answers -------------------------------------------------------------


@require_POST
@meeting_permission(CHANGE)
def meeting_remind(request, initiative, meeting):
    run_action(
        request,
        lambda: services.meeting_remind(actor=request.user, meeting=meeting),
        _("The reminder is on its way to those who have not answered."),
    )
    return redirect(meeting)


@require_POST
@meeting_permission("meetings.view_meeting")
def meeting_answer(request, initiative, meeting):
    """A signed-in invitee answers in the app, as they could through their link."""
    invitation = queries.invitation_of(meeting, request.user)
    if invitation is None:
        return deny(request)
    invitation.meeting = meeting
    run_action(
        request,
        lambda: services.invitation_answer(
            invitation=invitation, response=request.POST.get("response", "")
        ),
        _("Thank you, your answer has been saved."),
    )
    return redirect(meeting)


# Minutes ---------------------------------------------------------------------------


@meeting_permission(CHANGE)
def attendance_edit(request, initiative, meeting):
    form = AttendanceForm(posted(request), invitations=queries.invitations_of(meeting))
    if request.method == "POST" and form.is_valid():

        def save():
            services.attendance_save(actor=request.user, meeting=meeting, attended=form.attended())

        if try_save(form, save):
            messages.success(request, _("The attendance has been saved."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Attendance: %(title)s") % {"title": meeting.title},
        cancel_url=meeting.get_absolute_url(),
    )


@meeting_permission(CHANGE)
def minutes_edit(request, initiative, meeting, item_pk):
    item = _item(meeting, item_pk)
    form = MinutesForm(posted(request), instance=item)
    if request.method == "POST" and form.is_valid():

        def save():
            services.minutes_save(
                actor=request.user,
                item=item,
                minutes=form.cleaned_data["minutes"],
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            messages.success(request, _("The minutes have been saved."))
            return _back(meeting, item)
    return form_page(
        request,
        form,
        title=_("Minutes: %(title)s") % {"title": item.title},
        cancel_url=meeting.get_absolute_url(),
    )


@require_POST
@meeting_permission(CHANGE)
def minutes_circulate(request, initiative, meeting):
    run_action(
        request,
        lambda: services.minutes_circulate(actor=request.user, meeting=meeting),
        _("The minutes are circulated: the members can read them, the chair can approve them."),
    )
    return redirect(meeting)


@require_POST
@meeting_permission("meetings.approve_minutes")
def minutes_approve(request, initiative, meeting):
    run_action(
        request,
        lambda: services.minutes_approve(actor=request.user, meeting=meeting),
        _("The minutes are approved and can no longer be changed."),
    )
    return redirect(meeting)


@meeting_permission("meetings.view_meeting")
def minutes_download(request, initiative, meeting):
    if meeting.minutes_state != MinutesState.APPROVED:
        raise Http404
    response = HttpResponse(minutes_pdf(meeting), content_type="application/pdf")
    day = timezone.localdate(meeting.starts_at).isoformat()
    response["Content-Disposition"] = f'attachment; filename="protokoll-{day}-{meeting.pk}.pdf"'
    return response


@meeting_permission(CHANGE)
def decision_create(request, initiative, meeting, item_pk):
    item = _item(meeting, item_pk)
    form = DecisionForm(posted(request), instance=Decision(agenda_item=item), initiative=initiative)
    if request.method == "POST" and form.is_valid():

        def save():
            services.decision_record(
                actor=request.user,
                decision=form.instance,
                adopted_measures=list(form.cleaned_data["adopted_measures"]),
            )

        if try_save(form, save):
            messages.success(request, _("The decision has been recorded."))
            return _back(meeting, item)
    return form_page(
        request,
        form,
        title=_("Decision on “%(title)s”") % {"title": item.title},
        cancel_url=meeting.get_absolute_url(),
    )


def _decision(meeting, pk):
    return get_object_or_404(
        Decision.objects.select_related("agenda_item__meeting__body"),
        agenda_item__meeting=meeting,
        pk=pk,
    )


@require_POST
@meeting_permission(CHANGE)
def decision_delete(request, initiative, meeting, decision_pk):
    decision = _decision(meeting, decision_pk)
    run_action(
        request,
        lambda: services.decision_delete(actor=request.user, decision=decision),
        _("The decision has been removed."),
    )
    return _back(meeting, decision.agenda_item)


@require_POST
@meeting_permission(CHANGE)
def decision_to_measure(request, initiative, meeting, decision_pk):
    """Beschluss → Maßnahme: the new measure opens in its form, to be completed."""
    decision = _decision(meeting, decision_pk)
    created = []
    if run_action(
        request,
        lambda: created.append(services.decision_to_measure(actor=request.user, decision=decision)),
        _("The decision is now a proposed measure; complete it here."),
    ):
        return redirect("measure_edit", initiative.slug, created[0].number)
    return _back(meeting, decision.agenda_item)


@meeting_permission(CHANGE)
def action_item_create(request, initiative, meeting, item_pk):
    item = _item(meeting, item_pk)
    form = ActionItemForm(
        posted(request), instance=ActionItem(agenda_item=item), initiative=initiative
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and try_save(
            form,
            lambda: services.action_item_save(actor=request.user, action_item=form.instance),
        )
    ):
        messages.success(request, _("The action item has been recorded."))
        return _back(meeting, item)
    return form_page(
        request,
        form,
        title=_("Action item from “%(title)s”") % {"title": item.title},
        cancel_url=meeting.get_absolute_url(),
    )


def _action_item(meeting, pk):
    return get_object_or_404(
        ActionItem.objects.select_related("owner", "agenda_item__meeting"),
        agenda_item__meeting=meeting,
        pk=pk,
    )


@require_POST
@meeting_permission(CHANGE)
def action_item_delete(request, initiative, meeting, action_pk):
    action_item = _action_item(meeting, action_pk)
    run_action(
        request,
        lambda: services.action_item_delete(actor=request.user, action_item=action_item),
        _("The action item has been removed."),
    )
    return _back(meeting, action_item.agenda_item)


@require_POST
@meeting_permission("meetings.view_meeting")
def action_item_done(request, initiative, meeting, action_pk):
    """Ticked off by its owner (on "Meine Aufgaben") or by the meeting's planners."""
    action_item = _action_item(meeting, action_pk)
    if not request.user.has_perm("meetings.tick_action_item", action_item):
        return deny(request)
    done = request.POST.get("done", "1") == "1"
    run_action(
        request,
        lambda: services.action_item_done(actor=request.user, action_item=action_item, done=done),
        _("Done: %(what)s") % {"what": action_item.what}
        if done
        else _("Open again: %(what)s") % {"what": action_item.what},
    )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return _back(meeting, action_item.agenda_item)


# The personal calendar feed ----------------------------------------------------------


@login_required
@initiative_permission("meetings.view_meetings")
def calendar_feed(request, initiative):
    """The user's feed address, to subscribe to in a calendar app; a new one replaces
    it, revoking ends it."""
    from .models import CalendarFeed

    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, _("The calendar feed has been revoked."))
        else:
            services.calendar_feed_issue(user=request.user)
            messages.success(
                request,
                _("Your new calendar feed is ready; a previous address no longer works."),
            )
        return redirect("meeting_calendar_feed", initiative.slug)
    feed = CalendarFeed.objects.filter(user=request.user, token_hash__isnull=False).first()
    active = feed is not None and feed.link_revoked_at is None
    url = (
        request.build_absolute_uri(reverse("personal_link", args=[feed.token()])) if active else ""
    )
    return render(
        request,
        "meetings/calendar_feed.html",
        {"initiative": initiative, "feed_url": url, "revoked": feed is not None and not active},
    )


def feed_link(request, feed, token, item=None):
    """/link/<token>/ of a calendar feed: the .ics a calendar app subscribes to."""
    if item is not None:
        raise Http404
    meetings = queries.feed_meetings(feed.user)
    body = feed_ics(meetings, name=_("Standort meetings"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


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
            "choices": ANSWER_CHOICES,
            "contact": invitation.link_contact(),
        },
    )
