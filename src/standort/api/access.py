"""The initiative a request names, and what the asker may do in it: the same rules as
the pages (`rules`), under the initiative's scope (core.tenancy), for the token's
user, or for the public without a token."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from standort.core.tenancy import enter_initiative_scope
from standort.initiatives.models import Initiative
from standort.initiatives.rules import role_in

from .problems import ApiProblem


def initiative_for(request, slug):
    """The initiative `slug`, with its scope opened for the rest of the request. A 404
    for an initiative the asker may not see, and for every initiative but the token's:
    a token reads and writes in its own initiative only."""
    token = request.api_token
    if token is not None:
        # The token's initiative came with the token.
        initiative = token.initiative if token.initiative.slug == slug else None
    else:
        initiative = Initiative.objects.filter(slug=slug).first()
    if initiative is None:
        raise ApiProblem(
            "not-found", _("There is no initiative “%(slug)s” for you.") % {"slug": slug}
        )
    enter_initiative_scope(initiative)
    if not request.user.has_perm("initiatives.see_initiative", initiative):
        raise ApiProblem(
            "not-found", _("There is no initiative “%(slug)s” for you.") % {"slug": slug}
        )
    request.initiative = initiative
    request.initiative_role = role_in(request.user, initiative)
    return initiative


def is_public_reader(request):
    """Whether the asker reads as the public does: without a token, or with one whose
    user has no role in the initiative (a public initiative's data only)."""
    return not request.user.has_perm("initiatives.view_initiative", request.initiative)


def require(request, perm, obj):
    """`perm` on `obj`, or a 401 for the public (a token would help) and a 403 for a
    token whose user lacks the right."""
    if request.user.has_perm(perm, obj):
        return
    if request.api_token is None:
        raise ApiProblem("unauthorized", _("Only readers with a token and a role may see this."))
    raise PermissionDenied(_("Your role in the initiative does not permit this."))


def require_writing_token(request):
    if not request.api_token.may_write:
        raise PermissionDenied(_("This token may only read. Make one for reading and writing."))


def require_write(request, perm, obj):
    """Writing: a read-write token, and `perm` on `obj`."""
    require_writing_token(request)
    require(request, perm, obj)
