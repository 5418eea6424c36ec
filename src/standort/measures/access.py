from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Measure


def deny(request):
    """Anonymous callers sign in; signed-in callers without the right get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def measure_permission(perm):
    """Resolves `/<slug>/measures/<number>/…` within the initiative that
    InitiativeMiddleware resolved (another initiative's number is a 404), checks
    `perm` on the measure and passes initiative and measure to the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, initiative_slug, number, *args, **kwargs):
            initiative = request.initiative
            measure = get_object_or_404(
                Measure.objects.select_related("initiative", "body", "owner"),
                initiative=initiative,
                number=number,
            )
            if not request.user.has_perm(perm, measure):
                return deny(request)
            return view(request, initiative, measure, *args, **kwargs)

        return wrapped

    return decorator
