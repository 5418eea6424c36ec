"""Meeting pages. For now: the invitee's answer through their personal link."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from .models import Invitation


def rsvp_link(request, invitation, token, item=None):
    """/link/<token>/ of an invitation: the meeting, and yes / no / maybe."""
    if item is not None:
        raise Http404
    here = reverse("personal_link", args=[token])
    if request.method == "POST":
        try:
            services.invitation_answer(
                invitation=invitation, response=request.POST.get("response", "")
            )
        except services.DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you, your answer has been saved."))
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
