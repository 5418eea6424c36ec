"""A member's personal calendar feed, and what the personal links of a feed and of an
invitation open (registered with core.links in the app's ready())."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from standort.core.access import initiative_permission
from standort.core.pages import run_action

from .. import queries, services
from ..forms import ANSWER_CHOICES
from ..ical import feed_ics
from ..models import CalendarFeed


@login_required
@initiative_permission("meetings.view_meetings")
def calendar_feed(request, initiative):
    """The user's feed address, to subscribe to in a calendar app; a new one replaces
    it, revoking ends it."""
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
