from functools import cached_property

from . import queries


class UnreadCounter:
    """The header's count of unread notifications: one query, and only when a page
    shows it (an htmx fragment does not)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def count(self):
        return queries.unread_count(self.user) if self.user.is_authenticated else 0


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notification_counter": UnreadCounter(user)}
