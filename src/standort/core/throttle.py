"""Rate limits on what costs a mail or checks a secret: sign-in, password reset,
personal links and the forms that send mail.

django-ratelimit counts in the cache (Redis where CACHE_URL names it; the default
in-process cache counts per server process, so a server of two processes lets twice
as many through). A request over a limit gets a page in the reader's language with
status 429 and `Retry-After`, the seconds until the window of the limit ends.

Counted per client (its address) and, where a form names one, per e-mail address or
per object, so that neither many clients nor many addresses get round a limit."""

import functools
import math
from dataclasses import dataclass

from django.shortcuts import render
from django_ratelimit.core import get_usage


@dataclass(frozen=True)
class Limit:
    """At most `rate` ("5/h", "20/10m") requests of one `key` in the group `name`. `key`
    is "ip", "user_or_ip", or a function (group, request) -> the text counted under."""

    name: str
    rate: str
    key: object = "ip"


def wait_for(request, *limits, count=True):
    """The seconds until the request may pass all `limits`, 0 when it may now; counting
    it against each of them unless `count` is false (a check before counting only
    failures)."""
    wait = 0
    for limit in limits:
        usage = get_usage(
            request, group=limit.name, key=limit.key, rate=limit.rate, increment=count
        )
        if usage is None:
            continue
        # Counting, a request over the limit is refused; not counting, one at it (the
        # next to count would be over).
        if usage["should_limit"] or (not count and usage["count"] >= usage["limit"]):
            wait = max(wait, usage["time_left"], 1)
    return wait


def too_many_requests(request, wait):
    response = render(
        request,
        "core/too_many_requests.html",
        {"minutes": max(1, math.ceil(wait / 60))},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def throttle(*limits, methods=("POST",)):
    """A view decorator: requests of `methods` count against `limits`; one over a limit
    gets the 429 page instead of the view."""

    def decorator(view):
        @functools.wraps(view)
        def throttled(request, *args, **kwargs):
            if request.method in methods:
                wait = wait_for(request, *limits)
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return throttled

    return decorator


def posted(field, normalize=str.strip):
    """A key: the posted `field` (e.g. the e-mail address a form names), normalised."""

    def key(group, request):
        return normalize(request.POST.get(field, ""))

    return key


def url_argument(name):
    """A key: the argument `name` of the view's address (e.g. the person invited)."""

    def key(group, request):
        return str(request.resolver_match.kwargs.get(name, ""))

    return key
