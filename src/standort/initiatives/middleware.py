from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from standort.core.tenancy import across_initiatives, enter_initiative_scope, no_initiative

from .models import Initiative
from .rules import role_in


class InitiativeMiddleware:
    """Resolves `/<initiative_slug>/…` once per request: puts the initiative and the
    caller's role on the request and opens the initiative's scope, so that the view
    reads no other initiative's objects (core.tenancy). An initiative the caller may
    not even see is a 404, so its existence is not revealed. Every other request
    starts without an initiative; the platform administration reads across them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        request.initiative = None
        request.initiative_role = None
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path_info.startswith(self.admin_prefix):
            with across_initiatives():
                return self.get_response(request)
        with no_initiative():
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("initiative_slug")
        if slug is None:
            return None
        initiative = get_object_or_404(Initiative, slug=slug)
        # Until the response is made; __call__'s no_initiative() closes it.
        enter_initiative_scope(initiative)
        if not request.user.has_perm("initiatives.see_initiative", initiative):
            raise Http404
        request.initiative = initiative
        request.initiative_role = role_in(request.user, initiative)
        return None
