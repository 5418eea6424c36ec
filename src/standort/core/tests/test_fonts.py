"""The subsets of KERN's fonts that `make install` cuts (standort.core.fonts)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

from standort.core import fonts

FONTS = Path(settings.BASE_DIR) / "build" / "fonts"
STYLESHEET = Path(fonts.__file__).parent / "static" / "core" / "standort.css"
GERMAN = "äöüÄÖÜßẞ„“”‚‘–—…€§°·×"


@pytest.mark.parametrize("face", fonts.FACES)
def test_each_subset_exists_and_has_the_german_characters(face):
    path = FONTS / fonts.subset_name(face)
    assert path.exists(), "run `make install` (or `make fonts`)"
    cmap = TTFont(path).getBestCmap()
    # ẞ (capital sharp s) is outside the range: the full file serves it.
    missing = [char for char in GERMAN.replace("ẞ", "") if ord(char) not in cmap]
    assert not missing
    assert all(ord(char) in cmap for char in "Łukasz Şahin Dvořák 10 € – „Zitat“")
    # A subset: a fifth of the full file at most.
    assert path.stat().st_size < 30_000


def test_the_stylesheet_declares_each_subset_with_the_range_it_was_cut_to():
    css = STYLESHEET.read_text()
    faces = re.findall(r"@font-face \{[^}]*\}", css)
    declared = {
        re.search(r'url\("\.\./fonts/([^"]+)"\)', face).group(1): re.search(
            r"unicode-range: ([^;]+);", face
        ).group(1)
        for face in faces
    }
    assert declared == {fonts.subset_name(face): fonts.unicode_range() for face in fonts.FACES}
