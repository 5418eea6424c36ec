"""What a chart of bars per group shows, named in words (`group_bars` in
core/templatetags/charts.py draws it): the app that counts builds it, with its own
labels, so the picture, its legend and its data table say the same."""

from dataclasses import dataclass


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
