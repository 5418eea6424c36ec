from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import links
from .tenancy import initiative_scope


@require_GET
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def personal_link(request, token, item=None):
    """/link/<token>/: hands a valid link to the view its purpose registered; any
    other link gets a polite page that says why it does not work and whom to ask."""
    response = _personal_link(request, token, item)
    # A page opened from it passes the link on as Referer to this site only, whose logs
    # cut it (core.logs). Not "no-referrer": browsers then send the forms of the page
    # with `Origin: null`, which the CSRF check rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


def _personal_link(request, token, item):
    target, view = links.resolve(token)
    if target is None:
        return render(request, "core/link_invalid.html", {"state": None}, status=404)
    initiative = target.link_initiative()
    if initiative is None:
        return _open_link(request, target, view, token, item)
    with initiative_scope(initiative):
        return _open_link(request, target, view, token, item)


def _open_link(request, target, view, token, item):
    state = target.link_state()
    if state is not links.LinkState.VALID:
        context = {"state": state.value, "target": target, "contact": target.link_contact()}
        return render(request, "core/link_invalid.html", context, status=410)
    kwargs = {} if item is None else {"item": item}
    return view(request, target, token, **kwargs)
