from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def deny(request):
    """Anonymous callers sign in; signed-in callers without the right get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def initiative_permission(perm):
    """Checks `perm` on the initiative that InitiativeMiddleware resolved, and passes
    the initiative to the view instead of its slug.

    Anonymous callers are sent to the sign-in page, signed-in callers without the
    right get 403 (an initiative they may not even see was a 404 already)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, initiative_slug, *args, **kwargs):
            initiative = request.initiative
            if not request.user.has_perm(perm, initiative):
                return deny(request)
            return view(request, initiative, *args, **kwargs)

        return wrapped

    return decorator
