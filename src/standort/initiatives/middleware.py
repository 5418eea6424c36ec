from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Initiative
from .rules import role_in


class InitiativeMiddleware:
    """Resolves `/<initiative_slug>/…` once per request: puts the initiative and the
    caller's role on the request. An initiative the caller may not even see is a 404,
    so its existence is not revealed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.initiative = None
        request.initiative_role = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("initiative_slug")
        if slug is None:
            return None
        initiative = get_object_or_404(Initiative, slug=slug)
        if not request.user.has_perm("initiatives.see_initiative", initiative):
            raise Http404
        request.initiative = initiative
        request.initiative_role = role_in(request.user, initiative)
        return None
