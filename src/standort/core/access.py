from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


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


def object_permission(perm, objects, *, url_kwarg="pk", field="pk"):
    """Resolves the object the URL names (`url_kwarg`, looked up by `field`) among
    `objects(request)`, a queryset of an initiative-owned model: its manager reads only
    the request's initiative (core.tenancy), so another initiative's object is a 404.
    The object's `initiative` is the request's. Checks `perm` on the object and passes
    the initiative and the object to the view; callers without the right are sent as
    `initiative_permission` sends them."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, initiative_slug, *args, **kwargs):
            value = kwargs.pop(url_kwarg)
            obj = get_object_or_404(objects(request), **{field: value})
            # It is the request's initiative's: the rules and links read that one
            # rather than join it again.
            obj._meta.get_field("initiative").set_cached_value(obj, request.initiative)
            if not request.user.has_perm(perm, obj):
                return deny(request)
            return view(request, request.initiative, obj, *args, **kwargs)

        return wrapped

    return decorator
