from functools import wraps

from django.shortcuts import get_object_or_404

from standort.core.access import deny

from . import queries


def idea_permission(perm):
    """Resolves `/<slug>/ideas/<pk>/…` within the request's initiative (another
    initiative's idea is a 404), checks `perm` on the idea and passes it on."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, initiative_slug, pk, *args, **kwargs):
            initiative = request.initiative
            idea = get_object_or_404(queries.idea_in(initiative, pk, user=request.user))
            if not request.user.has_perm(perm, idea):
                return deny(request)
            return view(request, initiative, idea, *args, **kwargs)

        return wrapped

    return decorator


def comment_permission(perm):
    """Resolves `/<slug>/comments/<pk>/…` within the request's initiative, checks
    `perm` on the comment and passes it on."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, initiative_slug, pk, *args, **kwargs):
            initiative = request.initiative
            comment = get_object_or_404(queries.comment_in(initiative, pk))
            if not request.user.has_perm(perm, comment):
                return deny(request)
            return view(request, initiative, comment, *args, **kwargs)

        return wrapped

    return decorator
