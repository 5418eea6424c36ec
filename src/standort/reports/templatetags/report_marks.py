"""The chart of the traffic lights per working group in the report. The markup is in
reports/light_chart.html and serves the web page and the PDF alike; this works out
its geometry, with the numbers as text (a template would localise each number it
shows). The colours only repeat what the words and the table beside the chart say."""

from django import template
from django.utils.text import Truncator

from standort.core.charts import stacked_segments
from standort.core.templatetags.charts import milestone_rows

register = template.Library()

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


def _legend(labels):
    """The legend's entries: a square of the colour and the label beside it."""
    x, items = 0, []
    for value, label in labels:
        items.append({"x": str(x), "fill": COLOURS[value], "text_x": str(x + 20), "label": label})
        x += 40 + 8 * len(label)
    return items


def _bar(top, name, counts, total, scale, values):
    """One working group's bar: its name above, a segment per traffic light (with its
    number where there is room for it) and its total after."""
    y = top + LABEL
    segments, x = stacked_segments(
        [(value, "", count) for value, count in zip(values, counts, strict=True)],
        scale=scale,
        colours=COLOURS,
        min_labelled=MIN_LABELLED,
    )
    return {
        "name_y": str(top + LABEL - 5),
        "name": Truncator(name).chars(80),
        "y": str(y),
        "text_y": str(y + BAR - 6),
        "segments": segments,
        "total_x": f"{x + 6:.1f}",
        "total": str(total),
    }


@register.inclusion_tag("reports/light_chart.html")
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
        pictures.append(
            {
                "height": str(legend + ROW * len(chunk)),
                "legend": _legend(labels) if legend else [],
                "bars": [
                    _bar(legend + i * ROW, name, counts, total, scale, values)
                    for i, (name, counts, total) in enumerate(chunk)
                ],
            }
        )
    return {
        "pictures": pictures,
        "title_id": title_id,
        "width": str(WIDTH),
        "bar_height": str(BAR),
    }


@register.inclusion_tag("reports/_milestone_summary.html")
def milestone_summary(milestones, day):
    """A measure's milestones in a sentence, for the PDF: how many were reached by
    `day`, which were missed and which is next. The web report draws them all on a
    time line with their table; on paper, in a report of hundreds of measures, a reader
    wants what to act on, and one line of text is what WeasyPrint lays out fastest."""
    rows = milestone_rows(milestones, day)
    return {
        "total": len(rows),
        "reached": sum(1 for row in rows if row[3] == "reached"),
        "missed": [row for row in rows if row[3] == "missed"],
        "next": next((row for row in rows if row[3] == "open"), None),
    }
