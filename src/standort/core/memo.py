"""Answers kept for the rest of one request (a user's roles, which every permission
check reads), instead of on the user object, where they would outlive a change in the
same process and leak between requests that share it. Outside a request (a task, a
test's own code) nothing is kept: each call computes afresh."""

from contextvars import ContextVar

_store = ContextVar("standort_request_memo", default=None)


def remembered(key, compute):
    """`compute()`, or what it returned before in this request."""
    store = _store.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


class RequestMemoMiddleware:
    """Opens an empty memo for each request and drops it afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _store.set({})
        try:
            return self.get_response(request)
        finally:
            _store.reset(token)
