from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import links
from .tenancy import initiative_scope
from .throttle import Limit, too_many_requests, wait_for

# Links that do not work, per client: someone guessing tokens is stopped long before
# a guess could hit, while a person who mistyped a link or two goes on.
LINK_FAILURES = Limit("link-failures", "20/10m")
# Every request of personal links, per client: generous for people behind one address.
LINK_REQUESTS = Limit("link-requests", "300/10m")


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


@require_GET
def favicon(request):
    """Asked for by browsers and feed readers whatever the page names; the static
    file's address is known only once the server runs (hashed names)."""
    return redirect(static("core/favicon.ico"))


@never_cache
def personal_link(request, token, item=None):
    """/link/<token>/: hands a valid link to the view its purpose registered; any
    other link gets a polite page that says why it does not work and whom to ask."""
    wait = wait_for(request, LINK_REQUESTS) or wait_for(request, LINK_FAILURES, count=False)
    if wait:
        return too_many_requests(request, wait)
    response = _personal_link(request, token, item)
    if response.status_code in (404, 410):
        wait_for(request, LINK_FAILURES)
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
