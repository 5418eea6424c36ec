"""A user's notifications across initiatives, their choices, and the follow button."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standort.core.listing import paginate
from standort.core.pages import posted
from standort.dialog.models import Idea
from standort.initiatives.models import Body
from standort.measures.models import Measure

from . import queries, services
from .forms import PreferencesForm

PER_PAGE = 25

# What can be followed: its model, and who may see it (and so follow it).
TARGETS = {
    "measure": (
        Measure,
        lambda user, measure: user.has_perm("measures.view_measure", measure),
    ),
    "body": (
        Body,
        lambda user, body: user.has_perm("initiatives.view_initiative", body.initiative),
    ),
    "idea": (
        Idea,
        lambda user, idea: user.has_perm("dialog.view_idea", idea),
    ),
}


@login_required
def notification_list(request):
    page = paginate(
        queries.notifications_of(request.user), request.GET.get("page"), per_page=PER_PAGE
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
@login_required
def notification_read_all(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notification_list")


@login_required
def notification_open(request, pk):
    """Marks the notification read and goes to what it is about."""
    notification = get_object_or_404(queries.notifications_of(request.user), pk=pk)
    services.mark_read(user=request.user, notification=notification)
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notification_list")


@login_required
def notification_settings(request):
    form = PreferencesForm(posted(request), initial_choices=queries.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notification_settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "follows": queries.explicit_follows(request.user)},
    )


@require_POST
@login_required
def follow_toggle(request, initiative_slug, target, pk):
    """Follows or unfollows a measure, body or idea of the request's initiative."""
    try:
        model, may_see = TARGETS[target]
    except KeyError:
        raise Http404 from None
    # The model's manager reads the request's initiative only.
    obj = get_object_or_404(model.objects.select_related("initiative"), pk=pk)
    if not may_see(request.user, obj):
        # Whether it exists is none of their business.
        raise Http404
    if request.POST.get("follow") == "1":
        services.follow(request.user, obj)
        messages.success(request, _("You follow “%(name)s” now.") % {"name": obj})
    else:
        services.unfollow(request.user, obj)
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": obj})
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(obj)
