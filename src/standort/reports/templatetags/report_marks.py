"""Marks of the report: a measure's traffic light and the chart of the traffic lights
per working group. The same markup serves the web page and the PDF; the colours
only repeat what the words and the table beside the chart say."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()

# Presentation attributes rather than classes: WeasyPrint draws inline SVG without the
# page's stylesheets.
FONT = mark_safe('font-family="Fira Sans, DejaVu Sans, sans-serif"')  # noqa: S308 - a constant
TEXT = mark_safe(f'{FONT} font-size="13" fill="#1b1b1b"')  # noqa: S308 - a constant
COLOURS = {"green": "#007155", "amber": "#925400", "red": "#c31c13", "none": "#5f6479"}
# The chart's geometry in SVG units (the SVG scales to its box).
WIDTH = 640
BAR_WIDTH = 560  # the longest bar; the rest holds its total
LEGEND = 30
LABEL = 18
BAR = 20
GAP = 14
ROW = LABEL + BAR + GAP
PER_PICTURE = 12  # bars: about 17 cm of an A4 page
MIN_LABELLED = 20  # narrower segments leave their number to the table


@register.filter
def light_mark(row):
    return format_html(
        '<span class="report-light report-light--{}">'
        '<span class="report-light__dot" aria-hidden="true"></span>{}</span>',
        row.light,
        row.light_label,
    )


def _legend(labels):
    x, items = 0, []
    for value, label in labels:
        items.append(
            format_html(
                '<rect x="{}" y="4" width="14" height="14" fill="{}"/>'
                '<text x="{}" y="16" {}>{}</text>',
                x,
                COLOURS[value],
                x + 20,
                TEXT,
                label,
            )
        )
        x += 40 + 8 * len(label)
    return format_html_join("", "{}", ((item,) for item in items))


def _bar(top, name, counts, total, scale, values):
    parts = [
        format_html(
            '<text x="0" y="{}" {} font-weight="600">{}</text>',
            top + LABEL - 5,
            TEXT,
            Truncator(name).chars(80),
        )
    ]
    x, y = 0.0, top + LABEL
    for value, count in zip(values, counts, strict=True):
        if not count:
            continue
        width = count * scale
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                f"{x:.1f}",
                y,
                f"{width:.1f}",
                BAR,
                COLOURS[value],
            )
        )
        if width >= MIN_LABELLED:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" {} font-size="12" font-weight="600" fill="#ffffff" '
                    'text-anchor="middle">{}</text>',
                    f"{x + width / 2:.1f}",
                    y + BAR - 6,
                    FONT,
                    count,
                )
            )
        x += width
    parts.append(
        format_html(
            '<text x="{}" y="{}" {}>{}</text>',
            f"{x + 6:.1f}",
            y + BAR - 6,
            TEXT,
            total,
        )
    )
    return format_html_join("", "{}", ((part,) for part in parts))


@register.simple_tag
def light_chart(report, title_id):
    """Stacked bars of the traffic lights per working group, as inline SVG, all on one
    scale. The element `title_id` names it; the data table beside it gives the
    figures. Many working groups make several pictures of at most PER_PICTURE bars:
    a picture cannot break across pages of the PDF."""
    groups = report.lights_by_group
    labels = report.light_labels
    values = [value for value, _label in labels]
    largest = max((total for _name, _counts, total in groups), default=0) or 1
    scale = BAR_WIDTH / largest
    pictures = []
    for start in range(0, max(len(groups), 1), PER_PICTURE):
        chunk = groups[start : start + PER_PICTURE]
        legend = LEGEND if start == 0 else 0
        height = legend + ROW * len(chunk)
        bars = format_html_join(
            "",
            "{}",
            (
                (_bar(legend + i * ROW, name, counts, total, scale, values),)
                for i, (name, counts, total) in enumerate(chunk)
            ),
        )
        pictures.append(
            format_html(
                '<svg class="report-chart__svg" viewBox="0 0 {} {}" width="{}" height="{}" '
                'role="img" aria-labelledby="{}" xmlns="http://www.w3.org/2000/svg">'
                "{}{}</svg>",
                WIDTH,
                height,
                WIDTH,
                height,
                title_id,
                _legend(labels) if legend else "",
                bars,
            )
        )
    return format_html_join("", "{}", ((picture,) for picture in pictures))
