"""A first visit loads Fira Sans as subsets (standort.core.fonts): about 98 KB of type
instead of KERN's 543 KB, and no full font file while the page has only characters
of the subsets."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fonts_loaded(ui, path):
    fonts = {}

    def seen(response):
        if response.url.endswith((".woff2", ".woff", ".ttf")):
            fonts[response.url.rsplit("/", 1)[-1]] = len(response.body())

    ui.page.on("response", seen)
    ui.goto(path)
    ui.page.evaluate("document.fonts.ready.then(() => true)")
    ui.page.remove_listener("response", seen)
    return fonts


@pytest.mark.parametrize("path", ["/", "/duisburg/"])
def test_a_first_visit_loads_the_font_subsets_only(new_ui, duisburg, path):
    fonts = _fonts_loaded(new_ui(), path)
    assert fonts, "the page loads no font at all"
    assert all(name.endswith("-subset.woff2") for name in fonts), fonts
    assert sum(fonts.values()) < 150_000, fonts
