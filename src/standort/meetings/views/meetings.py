"""The meetings of an initiative: the list, planning, the meeting's page and an agenda
item's, its .ics, invitations, reminders and the signed-in invitee's answer; for
everyone without a role in a public initiative, the list and the pages of its public
meetings (meetings.public)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standort.core.access import deny, initiative_permission
from standort.core.languages import sentence
from standort.core.listing import build_listing, paginate
from standort.core.pages import form_page, posted, run_action, seen_version, try_save
from standort.core.throttle import Limit, throttle, too_many_requests, url_argument, wait_for

from .. import extensions, public, queries, services
from ..access import meeting_permission
from ..forms import ANSWER_CHOICES, InvitationNoteForm, MeetingForm
from ..ical import meeting_ics
from ..models import Meeting, MinutesState
from .common import CHANGE

# Invitations and reminders go to everyone of a body: per sender and per meeting.
MEETING_MAILS = [
    Limit("meeting-mails-sender", "20/h", "user_or_ip"),
    Limit("meeting-mails-meeting", "5/h", url_argument("pk")),
]


VIEW = "meetings.view_meetings"


def meeting_list(request, initiative_slug):
    """Members list the meetings; everyone else (a public initiative, or the
    middleware has answered 404 already) the public ones."""
    initiative = request.initiative
    if request.user.has_perm(VIEW, initiative):
        return _member_list(request, initiative_slug)
    if not initiative.is_public:
        return deny(request)
    return _public_list(request, initiative)


def _public_list(request, initiative):
    page = paginate(
        public.public_meeting_list(initiative, today=timezone.localdate()),
        request.GET.get("page"),
    )
    return render(
        request, "meetings/meeting_list_public.html", {"initiative": initiative, "page": page}
    )


@initiative_permission(VIEW)
def _member_list(request, initiative):
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


def meeting_detail(request, initiative_slug, pk):
    """Members read the meeting's page; everyone else (a public initiative, or the
    middleware has answered 404 already) its public page, if it is a public meeting."""
    initiative = request.initiative
    if request.user.has_perm(VIEW, initiative):
        return _member_page(request, initiative_slug, pk=pk)
    if not initiative.is_public:
        return deny(request)
    return _public_page(request, initiative, pk)


def _public_page(request, initiative, pk):
    """What anyone may see of a public meeting; any other meeting, internal or not
    there at all, is a 404 alike."""
    meeting = public.public_meeting(initiative, pk)
    if meeting is None:
        raise Http404
    return render(
        request,
        "meetings/meeting_public.html",
        {
            "initiative": initiative,
            "meeting": meeting,
            "agenda": public.public_agenda(meeting),
            "minutes_public": public.minutes_are_public(meeting),
            "is_over": meeting.ends_at < timezone.now(),
        },
    )


@meeting_permission("meetings.view_meeting")
def _member_page(request, initiative, meeting):
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


@meeting_permission(CHANGE)
def meeting_invite(request, initiative, meeting):
    """Who will get a mail, and the mail itself, before anything is sent: with a
    personal note of the sender, previewed as often as wanted."""
    form = InvitationNoteForm(posted(request))
    sending = request.method == "POST" and "preview" not in request.POST
    if sending and form.is_valid():
        # Only sending counts against the limit, not looking at the preview.
        wait = wait_for(request, *MEETING_MAILS)
        if wait:
            return too_many_requests(request, wait)
        run_action(
            request,
            lambda: services.meeting_invite(
                actor=request.user, meeting=meeting, note=form.cleaned_data["note"]
            ),
            _("The invitations are on their way to the members of %(body)s.")
            % {"body": meeting.body.name},
        )
        return redirect(meeting)
    mailed, without_address, invited = services.invitation_plan(meeting)
    note = form.cleaned_data.get("note", "") if form.is_bound and form.is_valid() else ""
    preview = services.invitation_preview(meeting, mailed[0], note) if mailed else None
    return render(
        request,
        "meetings/invite_confirm.html",
        {
            "initiative": initiative,
            "meeting": meeting,
            "form": form,
            "mailed": mailed,
            "without_address": without_address,
            "invited": invited,
            "preview": preview,
            "has_begun": meeting.starts_at <= timezone.now(),
        },
    )


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
            "question": sentence(_("Cancel “%(title)s”?"), title=meeting.title),
            "consequence": _("Everyone invited gets a cancellation for their calendar."),
            "confirm_label": _("Cancel the meeting"),
            "cancel_url": meeting.get_absolute_url(),
            "blocked": meeting.is_cancelled,
        },
    )


@require_POST
@meeting_permission(CHANGE)
@throttle(*MEETING_MAILS)
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
