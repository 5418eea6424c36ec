"""Assertions the tests of several apps share."""

import re

from django_tasks.backends.immediate import ImmediateBackend

from .tenancy import no_initiative


def assert_access(response, persona, allowed):
    """Allowed: the page or a redirect that is not the sign-in. Denied: anonymous
    callers are sent to sign in, everyone else gets 403."""
    if persona in allowed:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
    elif persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 403, response.status_code


def error_of(response, field):
    """The error text rendered for `field`, found through aria-describedby, the way a
    screen reader connects the two."""
    page = response.content.decode()
    widget = re.search(rf'<[^>]*name="{field}"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in widget
    described_by = re.search(r'aria-describedby="([^"]+)"', widget).group(1).split()
    error_id = next(i for i in described_by if i.endswith("_error"))
    return re.search(rf'id="{error_id}"[^>]*>(.*?)</p>', page, re.S).group(1).strip()


class WorkerLikeImmediateBackend(ImmediateBackend):
    """Runs each task at once, as the tests want, but as a worker would: without the
    initiative scope of the request or test that queued it, so a task that forgets to
    open its initiative's scope fails in the tests too."""

    def _execute_task(self, task_result):
        with no_initiative():
            super()._execute_task(task_result)
