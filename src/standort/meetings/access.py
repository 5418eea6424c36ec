from functools import wraps

from django.shortcuts import get_object_or_404

from standort.core.access import deny

from .models import Meeting


def meeting_permission(perm):
    """Resolves `/<slug>/meetings/<pk>/…` within the request's initiative (another
    initiative's meeting is a 404), checks `perm` on the meeting and passes it on."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, initiative_slug, pk, *args, **kwargs):
            initiative = request.initiative
            meeting = get_object_or_404(
                Meeting.objects.select_related("initiative", "body"), initiative=initiative, pk=pk
            )
            if not request.user.has_perm(perm, meeting):
                return deny(request)
            return view(request, initiative, meeting, *args, **kwargs)

        return wrapped

    return decorator
