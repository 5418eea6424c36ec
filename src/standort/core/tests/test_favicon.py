"""/favicon.ico, which browsers ask for on every site, leads to the icon (it was 404;
issue 14, item 18)."""

from django.contrib.staticfiles import finders


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("core/favicon.ico")
    found = finders.find("core/favicon.ico")
    with open(found, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # the ICO header


def test_pages_name_their_icons(client, db):
    page = client.get("/").content.decode()
    assert 'rel="icon" href="/static/core/favicon.svg"' in page
