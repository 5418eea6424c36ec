"""What a chart of bars per group shows, named in words (`group_bars` in
core/templatetags/charts.py draws it): the app that counts builds it, with its own
labels, so the picture, its legend and its data table say the same."""

from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat


@dataclass(frozen=True)
class Bar:
    caption: str  # what the bar is split by, e.g. "Status"
    segments: list  # [(colour key, label, count)], in the legend's order
    total: int


@dataclass(frozen=True)
class Row:
    name: str
    bars: list  # [Bar]
    typed: bool = True  # the name is data, in the content's language (settings.CONTENT_LANGUAGE)


@dataclass(frozen=True)
class GroupChart:
    caption: str  # what the chart shows, in a few words (the figure's caption)
    title: str  # the picture's description for a screen reader
    row_header: str  # the table's first column, e.g. "Working group"
    legend: list  # [(caption, [(colour key, label)])]: one entry per bar of a row
    rows: list  # [Row]

    def table(self):
        """[(row, [count])]: the figures of each row in the legend's order."""
        return [
            (row, [count for bar in row.bars for _key, _label, count in bar.segments])
            for row in self.rows
        ]


def stacked_segments(parts, *, scale, colours, min_labelled):
    """The segments of one stacked bar, left to right: `parts` are (colour key, label,
    count), each `count` units `scale` wide (an empty part draws nothing); a segment
    narrower than `min_labelled` leaves its number to the table. Returns the segments
    and where the bar ends (its total goes after)."""
    x, segments = 0.0, []
    for key, label, count in parts:
        if not count:
            continue
        width = count * scale
        segments.append(
            {
                "x": f"{x:.1f}",
                "width": f"{width:.1f}",
                "fill": colours[key],
                "label": label,
                "count": str(count),
                "labelled": width >= min_labelled,
                "middle": f"{x + width / 2:.1f}",
            }
        )
        x += width
    return segments, x


def figure(value):
    """A value as the pages write it: up to two decimals, as many as it has, grouped,
    in the reader's language ("18.000", "12,3", "8,25")."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).quantize(Decimal("0.01")).normalize()
    return floatformat(number, f"{max(0, -number.as_tuple().exponent)}g")
