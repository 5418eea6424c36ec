"""A visitor searches and filters the public page on a phone; a compact embed in the
frame of another website tells it its height and the frame grows to it. Every page
passes axe-core, the HTML checker and the Content-Security-Policy
(standort/browser_fixtures.py)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from standort.browser_fixtures import PHONE, fits

from .test_public_page import public, sub_group  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(public, sub_group):  # noqa: F811 - the fixtures
    """test_public_page's story: two working groups, Mittelstand with a sub-group."""
    return public


def test_a_visitor_filters_the_public_page_on_a_phone(new_ui, plan):
    ui = new_ui(*PHONE)
    page = ui.page
    ui.goto("/duisburg/", shot="public-08-filter-phone")
    fits(ui)
    form = page.get_by_role("search", name="Maßnahmen filtern")
    form.get_by_label("Suche").fill("breitband")
    form.get_by_label("Status", exact=True).select_option(label="in Umsetzung")
    form.get_by_role("button", name="Filter anwenden").click()
    ui.check(shot="public-09-filtered-phone")
    fits(ui)
    expect(page.get_by_role("status")).to_have_text("1 Maßnahme gefunden")
    measures = page.locator("#measures")
    expect(measures.get_by_role("row").filter(has_text="Breitband")).to_be_visible()
    expect(measures.get_by_role("row").filter(has_text="Imagekampagne")).to_have_count(0)
    # The filters stay set; the way back clears them.
    expect(form.get_by_label("Suche")).to_have_value("breitband")
    form.get_by_role("link", name="Filter zurücksetzen").click()
    ui.check()
    expect(measures.get_by_role("row").filter(has_text="Imagekampagne")).to_have_count(1)

    form.get_by_label("Suche").fill("Seilbahn")
    form.get_by_role("button", name="Filter anwenden").click()
    ui.check()
    expect(page.get_by_text("Keine Maßnahmen gefunden.")).to_be_visible()


@pytest.fixture
def website():
    """website(html) answers every GET with `html` from another origin (a port of its
    own), as a website that embeds the page would; its address. A real server: the
    browser refuses a local frame in a page it was handed by the test (local network
    access checks)."""
    servers = []

    def serve(html):
        class Page(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the handler's name
                body = html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def test_an_embed_grows_its_frame_to_its_height(new_ui, plan, live_server, website):
    initiative = plan[1].initiative
    ui = new_ui(*PHONE)
    host_page = f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Wirtschaft in Duisburg</title></head>
<body><main><h1>Der Masterplan</h1>
<iframe src="{live_server.url}/duisburg/embed/?group={plan[1].body_id}"
 title="Masterplan: Arbeitskreis Mittelstand" height="60" style="width: 100%; border: 0"></iframe>
</main>
<script>
window.addEventListener("message", function (event) {{
  if (event.origin !== "{live_server.url}" || event.data.type !== "standort:height") return;
  document.querySelectorAll("iframe").forEach(function (frame) {{
    if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
  }});
}});
</script></body></html>"""
    host = website(host_page)
    initiative.embed_origins = host
    initiative.save()
    ui.goto(f"{host}/", shot="public-10-embed-in-frame")
    frame = ui.page.locator("iframe")
    embedded = frame.content_frame
    expect(embedded.get_by_role("heading", name="Arbeitskreis Mittelstand")).to_be_visible()
    ui.page.wait_for_function("document.querySelector('iframe').offsetHeight > 200")
    wanted = ui.page.frames[1].evaluate(
        "Math.ceil(document.documentElement.getBoundingClientRect().height)"
    )
    assert frame.evaluate("e => e.getBoundingClientRect().height") == pytest.approx(wanted, abs=2)
    assert ui.page.frames[1].evaluate("document.documentElement.scrollHeight") <= wanted + 2


def test_the_compact_cards_pass_the_checks(new_ui, plan):
    ui = new_ui(*PHONE)
    ui.goto("/duisburg/embed/?view=summary", shot="public-11-embed-summary")
    fits(ui)
    expect(ui.page.get_by_text("Beschlossene Maßnahmen")).to_be_visible()
    ui.goto("/duisburg/embed/?measure=1", shot="public-12-embed-measure")
    fits(ui)
    expect(ui.page.get_by_role("heading", level=1)).to_contain_text("Breitband")
