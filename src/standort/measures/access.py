from functools import wraps

from django.shortcuts import get_object_or_404

from standort.core.access import deny

from .models import Measure


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
