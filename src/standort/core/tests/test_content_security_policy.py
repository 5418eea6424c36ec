"""Every HTML page sends a Content-Security-Policy without 'unsafe-inline' for scripts
(issue 14, item 9). The browser tests (standort/browser_fixtures.py) fail on any
violation the browser reports on the pages they visit."""

import pytest

pytestmark = pytest.mark.django_db


def _policy(response):
    return dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/password_reset/"])
def test_pages_send_a_policy_without_inline_script(client, path):
    policy = _policy(client.get(path))
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy["style-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def test_no_page_template_holds_inline_script():
    from pathlib import Path

    import standort

    root = Path(standort.__file__).parent
    inline = [
        str(path.relative_to(root))
        for path in root.rglob("templates/**/*.html")
        if "<script>" in path.read_text() or " onclick=" in path.read_text()
    ]
    assert inline == []
