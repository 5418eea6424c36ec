"""Fira Sans as small subsets: KERN UX ships each weight whole (about 130 KB a file,
544 KB of type on a first visit). `make install` cuts the weights our pages use down
to the characters German and English pages need and writes them to build/fonts
(served as static files under fonts/, not committed). core/standort.css declares them
with the same `unicode-range`, after KERN's full faces: a browser takes the subset
for the characters in its range and loads the full file only for a character outside
it.

    python -m standort.core.fonts <KERN's fira-sans folder> <output folder>

Only fontTools (with brotli for WOFF2) is needed: it runs before Django is set up."""

import logging
import sys
from pathlib import Path

# Basic Latin and Latin-1 (ä ö ü ß é …), Latin Extended-A (names such as Łukasz,
# Şahin, Dvořák), the few spacing accents and ligature letters typesetting needs,
# General Punctuation (– — ‘ ’ ‚ “ ” „ • … ‹ › and the thin spaces), the euro and
# other currency signs, ™, arrows (the history's old → new), minus and division slash.
RANGES = [
    (0x0000, 0x017F),
    (0x0192, 0x0192),
    (0x02C6, 0x02C7),
    (0x02D8, 0x02DD),
    (0x2000, 0x206F),
    (0x20A0, 0x20C0),
    (0x2116, 0x2116),
    (0x2122, 0x2122),
    (0x2190, 0x2193),
    (0x2212, 0x2212),
    (0x2215, 0x2215),
    (0xFEFF, 0xFEFF),
    (0xFFFD, 0xFFFD),
]

# The faces our pages ask for (measured in Chromium: body 400, headings and labels
# 500 and 600, the site's name 700) and the italic that formatted texts may use.
FACES = ["Regular", "Italic", "Medium", "SemiBold", "Bold"]

# Besides fontTools' default OpenType features: tabular figures, which our tables use.
EXTRA_FEATURES = ["tnum"]


def unicode_range():
    """The `unicode-range` value that core/standort.css declares for the subsets."""
    return ", ".join(
        f"U+{start:04X}" if start == end else f"U+{start:04X}-{end:04X}" for start, end in RANGES
    )


def subset_name(face):
    return f"FiraSans-{face}-subset.woff2"


def codepoints():
    return [code for start, end in RANGES for code in range(start, end + 1)]


def write_subsets(source, target):
    from fontTools import subset

    target.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = [*options.layout_features, *EXTRA_FEATURES]
    options.name_IDs = ["*"]  # the licence and the font's names stay with the font
    options.notdef_outline = True
    written = []
    for face in FACES:
        font = subset.load_font(source / f"FiraSans-{face}.woff2", options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints())
        subsetter.subset(font)
        path = target / subset_name(face)
        subset.save_font(font, path, options)
        written.append(path)
    return written


if __name__ == "__main__":
    # KERN's files carry an OS/2 flag fontTools warns about; the subsets are fine.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    source, target = map(Path, sys.argv[1:3])
    for path in write_subsets(source, target):
        print(f"{path}: {path.stat().st_size} bytes")
