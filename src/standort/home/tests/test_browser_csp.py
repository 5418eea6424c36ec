"""The Content-Security-Policy and the HTML checker in the browser (issue 14, items 9
and 19). Every browser test fails on a violation the browser reports and on invalid
markup (standort/browser_fixtures.py); this shows that it does, and walks the pages no
other browser test visits: the administration."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_script_is_refused_and_fails_the_check(ui, duisburg):
    ui.goto("/")
    ui.page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true;";
          document.body.append(script);
        }"""
    )
    assert ui.page.evaluate("window.injected === undefined")
    with pytest.raises(AssertionError, match="Content-Security-Policy violations"):
        ui.check()
    ui.unchecked.clear()


def test_the_administration_keeps_to_the_policy(ui, paul, anna):
    """Django's own pages: held to the policy (their axe-core findings, such as the
    breadcrumbs' contrast, are Django's)."""
    ui.sign_in("paul@example.org")
    for path in [
        "/admin/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{anna.pk}/change/",
        "/admin/initiatives/initiative/",
    ]:
        ui.page.goto(ui.url(path))
        ui.check_policy()


def test_invalid_markup_fails_the_check(ui, duisburg):
    """The Nu HTML checker (issue 14, item 19) runs on every page a browser test
    checks: markup it calls an error fails the test."""
    ui.goto("/")
    ui.page.evaluate(
        """() => {
          const time = document.createElement("time");
          time.setAttribute("datetime", "2026-12-03T10:00:00.123456+01:00");
          time.textContent = "heute";
          document.querySelector("main").append(time);
        }"""
    )
    with pytest.raises(AssertionError, match="invalid HTML"):
        ui.check()
    ui.unchecked.clear()
