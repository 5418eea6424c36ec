"""What the bench server adds to Standort (see README.md, "How it measures"); loaded only
through `bench.settings` and `bench.urls`, never by the production settings.

ServerTimingMiddleware reports each request's wall time and SQL queries in a
`Server-Timing` header; `floor` is the cheapest page a signed-in member can get: the
base layout with an empty content block, through the same middleware as a real page.
"""

import time

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.shortcuts import render


class _QueryCounter:
    """An execute wrapper that counts queries and adds up their time."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


class ServerTimingMiddleware:
    """Outermost middleware. Sets `Server-Timing: total;dur=<ms>, cpu;dur=<ms>,
    db;dur=<ms>;desc="<n> queries"`: wall time, CPU time of the thread (less disturbed by
    other processes on the machine), and time and number of SQL queries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _QueryCounter()
        start, cpu_start = time.perf_counter(), time.thread_time()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        total_ms = (time.perf_counter() - start) * 1000
        cpu_ms = (time.thread_time() - cpu_start) * 1000
        response["Server-Timing"] = (
            f"total;dur={total_ms:.3f}, cpu;dur={cpu_ms:.3f}, "
            f'db;dur={counter.seconds * 1000:.3f};desc="{counter.count} queries"'
        )
        return response


def floor(request, initiative_slug):
    """The floor page. InitiativeMiddleware has resolved the initiative from the URL, as
    for every initiative page; the permission check is the one the pages make."""
    if not request.user.has_perm("initiatives.view_initiative", request.initiative):
        raise PermissionDenied
    return render(request, "bench/floor.html", {"initiative": request.initiative})
