"""What an uploaded logo may be: SVG without anything that runs or fetches, PNG or
JPEG whose content is what its ending says, within the size limit."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from standort.core.files import check_image, svg_problem, svg_ratio

LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#1d4f91"/></linearGradient>'
    b'</defs><rect width="120" height="40" fill="url(#g)"/><use href="#g"/>'
    b'<text x="10" y="30">AB</text></svg>'
)


def png(width=40, height=20):
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def svg(inner, attributes=""):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" {attributes}>{inner}</svg>'
    ).encode()


def test_a_plain_drawing_is_a_logo():
    assert svg_problem(LOGO) == ""
    assert svg_ratio(LOGO) == 3


@pytest.mark.parametrize(
    "content",
    [
        svg("<script>alert(1)</script>"),
        svg('<rect width="1" height="1" onclick="alert(1)"/>'),
        svg("", 'onload="alert(1)"'),
        svg('<a xlink:href="https://example.org"><rect/></a>'),
        svg('<use href="https://example.org/x.svg#a"/>'),
        svg('<image href="data:image/png;base64,AAAA"/>'),
        svg("<foreignObject><p>Hallo</p></foreignObject>"),
        svg('<rect fill="url(https://example.org/track)"/>'),
        svg("<style>@import url(https://example.org/a.css);</style>"),
        svg('<set attributeName="href" to="javascript:alert(1)"/>'),
        svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]>' + svg("<text>&a;</text>"),
        b'<?xml-stylesheet href="https://example.org/a.css"?>' + svg(""),
        b"<html><body>no drawing</body></html>",
        b"not xml at all",
    ],
)
def test_what_could_run_or_fetch_is_refused(content):
    assert svg_problem(content)


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_png_jpeg_and_svg_pass():
    check_image(upload("logo.png", png()), limit=1024 * 1024)
    check_image(upload("logo.svg", LOGO), limit=1024 * 1024)
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "JPEG")
    check_image(upload("logo.JPG", out.getvalue()), limit=1024 * 1024)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("logo.png", png(), "höchstens 50"),  # over the limit below
        ("logo.gif", b"GIF89a", "SVG-, PNG- oder JPEG-Datei"),
        ("logo.png", b"<svg/>", "passt nicht"),
        ("logo.jpg", png(), "passt nicht"),
        ("logo.png", b"\x89PNG\r\n\x1a\n broken", "passt nicht"),
        ("logo.svg", svg("<script/>"), "Skript"),
    ],
)
def test_what_is_not_a_logo_is_refused(name, content, message):
    limit = 50 if message == "höchstens 50" else 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        check_image(upload(name, content), limit=limit)
    assert message in " ".join(refused.value.messages)
