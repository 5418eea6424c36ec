"""The minutes of a meeting: attendance, each item's minutes, circulating and
approving them, the PDF (and the public one of a public meeting), decisions (and a
decision becoming a measure) and action items."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from standort.core.access import deny
from standort.core.languages import sentence
from standort.core.pages import form_page, posted, run_action, seen_version, try_save

from .. import public, queries, services
from ..access import meeting_permission
from ..forms import ActionItemForm, AttendanceForm, DecisionForm, MinutesForm
from ..models import ActionItem, Decision, MinutesState
from ..pdf import minutes_pdf, public_minutes_pdf
from .common import CHANGE, agenda_item_of, back_to


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
        title=sentence(_("Attendance: %(title)s"), title=meeting.title),
        cancel_url=meeting.get_absolute_url(),
    )


@meeting_permission(CHANGE)
def minutes_edit(request, initiative, meeting, item_pk):
    item = agenda_item_of(meeting, item_pk)
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
            return back_to(meeting, item)
    return form_page(
        request,
        form,
        title=sentence(_("Minutes: %(title)s"), title=item.title),
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


@meeting_permission("meetings.approve_minutes")
def minutes_approve(request, initiative, meeting):
    """Approving cannot be undone: the chair sees what they approve, then confirms."""
    if request.method == "POST":
        run_action(
            request,
            lambda: services.minutes_approve(actor=request.user, meeting=meeting),
            _("The minutes are approved and can no longer be changed."),
        )
        return redirect(meeting)
    counts = queries.minutes_counts(meeting)
    return render(
        request,
        "core/confirm.html",
        {
            "heading": _("Approve the minutes"),
            "question": sentence(_("Approve the minutes of “%(title)s”?"), title=meeting.title),
            "summary": [
                ngettext(
                    "%(count)s agenda item with minutes",
                    "%(count)s agenda items with minutes",
                    counts["minuted"],
                )
                % {"count": counts["minuted"]},
                ngettext("%(count)s decision", "%(count)s decisions", counts["decisions"])
                % {"count": counts["decisions"]},
                ngettext("%(count)s action item", "%(count)s action items", counts["actions"])
                % {"count": counts["actions"]},
                ngettext("%(count)s attendee", "%(count)s attendees", counts["attended"])
                % {"count": counts["attended"]},
            ],
            "consequence": _(
                "Approved minutes can no longer be changed; the members read them and "
                "download them as PDF."
            ),
            "confirm_label": _("Approve the minutes"),
            "cancel_url": meeting.get_absolute_url(),
            "blocked": meeting.minutes_state != MinutesState.CIRCULATED,
        },
    )


@meeting_permission("meetings.view_meeting")
def minutes_download(request, initiative, meeting):
    if meeting.minutes_state != MinutesState.APPROVED:
        raise Http404
    return _pdf_response(minutes_pdf(meeting), meeting, "protokoll")


def public_minutes_download(request, initiative_slug, pk):
    """The public version of a public meeting's approved minutes, for everyone (the
    members too: it is what the public reads, and what OParl links to as the minutes'
    file). Any other meeting, or minutes not approved yet, are a 404. Shown in the
    browser; `?download` saves it (OParl's accessUrl and downloadUrl)."""
    meeting = public.public_meeting(request.initiative, pk)
    if meeting is None or not public.minutes_are_public(meeting):
        raise Http404
    return _pdf_response(
        public_minutes_pdf(meeting),
        meeting,
        "protokoll-oeffentlich",
        disposition="attachment" if "download" in request.GET else "inline",
    )


def _pdf_response(pdf, meeting, name, disposition="attachment"):
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate(meeting.starts_at).isoformat()
    response["Content-Disposition"] = f'{disposition}; filename="{name}-{day}-{meeting.pk}.pdf"'
    return response


@meeting_permission(CHANGE)
def decision_create(request, initiative, meeting, item_pk):
    item = agenda_item_of(meeting, item_pk)
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
            return back_to(meeting, item)
    return form_page(
        request,
        form,
        title=sentence(_("Decision on “%(title)s”"), title=item.title),
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
    return back_to(meeting, decision.agenda_item)


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
    return back_to(meeting, decision.agenda_item)


@meeting_permission(CHANGE)
def action_item_create(request, initiative, meeting, item_pk):
    item = agenda_item_of(meeting, item_pk)
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
        return back_to(meeting, item)
    return form_page(
        request,
        form,
        title=sentence(_("Action item from “%(title)s”"), title=item.title),
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
    return back_to(meeting, action_item.agenda_item)


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
    return back_to(meeting, action_item.agenda_item)
