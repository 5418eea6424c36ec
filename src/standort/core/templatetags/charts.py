"""Charts as inline SVG, one source for the web page and the PDF (WeasyPrint draws
inline SVG): the templates in core/charts/ hold the markup, this works out the
geometry. Every chart names itself through `title_id` and stands beside a table of its
figures, which is what screen readers read; the colours repeat what the words say."""

import datetime
import math

from django import template
from django.utils.formats import date_format

from standort.core.charts import figure, stacked_segments

register = template.Library()

LIGHT_COLOURS = {"green": "#007155", "amber": "#925400", "red": "#c31c13"}
NEUTRAL = "#1d4f91"
# Narrow enough that its 15-unit text stays readable where a phone scales it down.
WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 12, 36  # room for the axes' labels


@register.inclusion_tag("core/charts/progress_line.html")
def progress_line(points, title_id):
    """Progress in per cent over time: `points` are (day, per cent, traffic light or
    "") in time order, drawn as a line with a dot per point coloured by its light."""
    points = list(points)
    if not points:
        return {"points": []}
    first, last = points[0][0], points[-1][0]
    span = (last - first).days or 1
    inner_width, inner_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day):
        if first == last:
            return LEFT + inner_width / 2
        return LEFT + inner_width * (day - first).days / span

    def y_of(value):
        return TOP + inner_height * (100 - value) / 100

    dots = [
        {
            "x": f"{x_of(day):.1f}",
            "y": f"{y_of(value):.1f}",
            "fill": LIGHT_COLOURS.get(light, NEUTRAL),
        }
        for day, value, light in points
    ]
    grid = [
        {"y": f"{y_of(value):.1f}", "text_y": f"{y_of(value) + 5:.1f}", "label": f"{value} %"}
        for value in (0, 50, 100)
    ]
    days = [first] if first == last else [first, last]
    ticks = [
        {
            "x": f"{x_of(day):.1f}",
            "label": date_format(day, "SHORT_DATE_FORMAT"),
            "anchor": "start" if day == first and first != last else "end",
        }
        for day in days
    ]
    if first == last:
        ticks[0]["anchor"] = "middle"
    return {
        "points": points,
        "title_id": title_id,
        "width": WIDTH,
        "height": HEIGHT,
        "line": " ".join(f"{dot['x']},{dot['y']}" for dot in dots),
        "dots": dots,
        "grid": grid,
        "ticks": ticks,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "axis_y": HEIGHT - BOTTOM + 22,
    }


# Values of an indicator ----------------------------------------------------------------
# A figure over time on its own scale (not from zero where that would flatten it), with
# the target as a dashed line and a diamond on its date.

TARGET_COLOUR = "#925400"


def _nice_step(span):
    raw = span / 4 or 1
    power = 10 ** math.floor(math.log10(raw))
    return next(power * m for m in (1, 2, 5, 10) if power * m >= raw)


def value_scale(values):
    """The lowest and highest value the axis shows and its ticks: from zero where the
    values spread over more than half of it, else around the values."""
    low, high = min(values), max(values)
    if low >= 0 and low <= high / 2:
        low = 0
    if low == high:
        low, high = (low - 1, high + 1) if low else (0, 1)
    step = _nice_step(high - low)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    count = round((last - first) / step)
    return first, last, [first + step * n for n in range(count + 1)]


@register.inclusion_tag("core/charts/indicator_line.html")
def indicator_line(points, title_id, target=None):
    """An indicator's values over time: `points` are (day, value) in time order,
    `target` (day, value) or None."""
    points = [(day, float(value)) for day, value in points]
    if not points:
        return {"points": []}
    target_point = (target[0], float(target[1])) if target else None
    days = [day for day, _value in points] + ([target_point[0]] if target_point else [])
    first, last = min(days), max(days)
    span = (last - first).days or 1
    values = [value for _day, value in points] + ([target_point[1]] if target_point else [])
    low, high, steps = value_scale(values)
    labels = [figure(value) for value in steps]
    left = max(LEFT, 12 + round(CHAR_WIDTH * max(len(label) for label in labels)))
    inner_width, inner_height = WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day):
        if first == last:
            return left + inner_width / 2
        return left + inner_width * (day - first).days / span

    def y_of(value):
        return TOP + inner_height * (high - value) / (high - low)

    dots = [{"x": f"{x_of(day):.1f}", "y": f"{y_of(value):.1f}"} for day, value in points]
    context = {
        "points": points,
        "title_id": title_id,
        "width": WIDTH,
        "height": HEIGHT,
        "left": left,
        "right": WIDTH - RIGHT,
        "axis_y": HEIGHT - BOTTOM + 22,
        "line": " ".join(f"{dot['x']},{dot['y']}" for dot in dots),
        # A dot each where they stay apart; a long series is its line.
        "dots": dots if len(dots) <= 60 else [],
        "colour": NEUTRAL,
        "grid": [
            {"y": f"{y_of(value):.1f}", "text_y": f"{y_of(value) + 5:.1f}", "label": label}
            for value, label in zip(steps, labels, strict=True)
        ],
        "ticks": [
            {"x": f"{x_of(day):.1f}", "label": _short(day), "anchor": anchor}
            for day, anchor in _ends(first, last)
        ],
        "target": None,
    }
    if target_point:
        x, y = x_of(target_point[0]), y_of(target_point[1])
        context["target"] = {
            "y": f"{y:.1f}",
            "colour": TARGET_COLOUR,
            "diamond": " ".join(
                f"{a:.1f},{b:.1f}" for a, b in ((x, y - 8), (x + 8, y), (x, y + 8), (x - 8, y))
            ),
        }
    return context


# Milestone timeline ---------------------------------------------------------------
# A measure's milestones along a time axis, one row each: so that dozens stay
# readable where a phone scales the chart to 390 px. Reached, missed and open differ
# in shape as well as colour; a dashed line marks today.

MILESTONE_ROW = 30
MILESTONE_TOP, MILESTONE_BOTTOM = 10, 62  # below: the axis, its dates, today's
MILESTONE_LEFT, MILESTONE_RIGHT = 14, 466
CHAR_WIDTH = 7.6  # of a 15-unit Fira Sans letter, on average
MILESTONE_STATES = {
    "reached": {"fill": LIGHT_COLOURS["green"], "stroke": LIGHT_COLOURS["green"]},
    "missed": {"fill": LIGHT_COLOURS["red"], "stroke": LIGHT_COLOURS["red"]},
    "open": {"fill": "#ffffff", "stroke": NEUTRAL},
}


def _day(value):
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def milestone_rows(milestones, today):
    """[(title, due, completed or None, state)] of milestones given as objects or as
    the dicts a snapshot keeps (ISO dates), in due order."""
    rows = []
    for milestone in milestones:
        get = milestone.get if isinstance(milestone, dict) else milestone.__dict__.get
        due, done = _day(get("due_on")), _day(get("completed_on"))
        state = "reached" if done else ("missed" if due < today else "open")
        rows.append((str(get("title")), due, done, state))
    return sorted(rows, key=lambda row: row[1])


def _shape(state, x, y):
    """The marker of a state: a filled circle (reached), a triangle pointing down
    (missed), a hollow diamond (open)."""
    if state == "reached":
        return {"kind": "circle", "x": f"{x:.1f}", "y": f"{y:.1f}"}
    if state == "missed":
        points = [(x - 8, y - 6), (x + 8, y - 6), (x, y + 8)]
    else:
        points = [(x, y - 8), (x + 8, y), (x, y + 8), (x - 8, y)]
    return {"kind": "polygon", "points": " ".join(f"{a:.1f},{b:.1f}" for a, b in points)}


def _fit(text, room):
    chars = int(room // CHAR_WIDTH)
    if len(text) <= chars:
        return text
    return f"{text[: max(chars - 1, 0)]}…" if chars > 3 else ""


def _short(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def _ends(first, last):
    """The days the axis names, each with where its label stands."""
    return [(first, "middle")] if first == last else [(first, "start"), (last, "end")]


@register.inclusion_tag("core/charts/milestone_timeline.html")
def milestone_chart(milestones, today, title_id, title, table_class="kern-sr-only"):
    """The milestones of a measure on a time axis, as of `today` (a report's day, or
    today), with their table; `table_class` shows or hides that table."""
    rows = milestone_rows(milestones, today)
    if not rows:
        return {"rows": []}
    first, last = rows[0][1], rows[-1][1]
    # Today widens the axis only where it does not squeeze the milestones into a corner.
    span = max((last - first).days, 30)
    if first - datetime.timedelta(days=span) <= today < first:
        first = today
    elif last < today <= last + datetime.timedelta(days=span):
        last = today
    span = (last - first).days or 1
    inner = MILESTONE_RIGHT - MILESTONE_LEFT - 20

    def x_of(day):
        if first == last:
            return (MILESTONE_LEFT + MILESTONE_RIGHT) / 2
        return MILESTONE_LEFT + 10 + inner * (day - first).days / span

    height = MILESTONE_TOP + MILESTONE_ROW * len(rows) + MILESTONE_BOTTOM
    marks = []
    for index, (name, due, _done, state) in enumerate(rows):
        x, y = x_of(due), MILESTONE_TOP + MILESTONE_ROW * index + MILESTONE_ROW / 2
        right = x < (MILESTONE_LEFT + MILESTONE_RIGHT) / 2
        room = (MILESTONE_RIGHT - x - 14) if right else (x - MILESTONE_LEFT - 14)
        day = date_format(due, "SHORT_DATE_FORMAT")
        marks.append(
            {
                "state": state,
                "shape": _shape(state, x, y),
                "colours": MILESTONE_STATES[state],
                "text_x": f"{x + 14 if right else x - 14:.1f}",
                "text_y": f"{y + 5:.1f}",
                "anchor": "start" if right else "end",
                # The title as people typed it, apart, so that it can carry its language.
                "day": day,
                "name": _fit(f"{day} {name}", room)[len(day) + 1 :],
            }
        )
    axis_y = height - MILESTONE_BOTTOM + 4
    today_mark = None
    if first <= today <= last:
        x = x_of(today)
        today_mark = {
            "x": f"{x:.1f}",
            "anchor": "start" if x < (MILESTONE_LEFT + MILESTONE_RIGHT) / 2 else "end",
            "label": date_format(today, "SHORT_DATE_FORMAT"),
        }
    return {
        "rows": rows,
        "marks": marks,
        "today": today,
        "today_mark": today_mark,
        "title_id": title_id,
        "title": title,
        "table_class": table_class,
        "width": WIDTH,
        "height": height,
        "top": MILESTONE_TOP,
        "left": MILESTONE_LEFT,
        "right": MILESTONE_RIGHT,
        "axis_y": axis_y,
        "tick_y": axis_y + 22,
        "today_y": axis_y + 44,
        "ticks": [
            {"x": f"{x_of(day):.1f}", "anchor": anchor, "label": _short(day)}
            for day, anchor in _ends(first, last)
        ],
    }


# Bars per group ----------------------------------------------------------------------

# The colours of the segments, by the key of what they count (a measure's status or a
# traffic light); each takes white numbers at a contrast of 4.5:1 or more. The two
# bars of a group use palettes apart: blues and violets for the status, the lights'
# own colours for the light.
SEGMENT_COLOURS = {
    "proposed": "#4b3f72",
    "adopted": "#0b6e99",
    "in_progress": "#1d4f91",
    "done": "#0d2b4e",
    "on_hold": "#7a4e8c",
    "dropped": "#9b2f5d",
    **LIGHT_COLOURS,
    "none": "#767676",
}
# Narrow, with large text: a phone scales it down to about 360 px, where the text
# stays at 14 px or more.
BARS_WIDTH = 400
BARS_TOTAL = 40  # room after the longest bar for its total
NAME_HEIGHT, BAR_HEIGHT, BAR_GAP, GROUP_GAP = 24, 24, 4, 14
MIN_LABELLED = 22  # narrower segments leave their number to the table
NAME_LENGTH = 44  # characters of a group's name the picture shows (the table: all)


@register.inclusion_tag("core/charts/group_bars.html")
def group_bars(chart, title_id):
    """Two stacked bars per group, all on one scale: one split by the statuses of its
    measures, one by the traffic lights of those still pursued. `chart` is a
    `GroupChart` (the caller names the statuses and lights); the data table below the
    picture gives the same figures, which is what a screen reader reads."""
    longest = max((bar.total for row in chart.rows for bar in row.bars), default=0) or 1
    scale = (BARS_WIDTH - BARS_TOTAL) / longest
    rows, y = [], 0
    for row in chart.rows:
        bars = []
        for n, bar in enumerate(row.bars):
            top = y + NAME_HEIGHT + n * (BAR_HEIGHT + BAR_GAP)
            segments, x = stacked_segments(
                bar.segments, scale=scale, colours=SEGMENT_COLOURS, min_labelled=MIN_LABELLED
            )
            bars.append(
                {
                    "caption": bar.caption,
                    "y": str(top),
                    "text_y": str(top + BAR_HEIGHT - 6),
                    "segments": segments,
                    "total_x": f"{x + 6:.1f}",
                    "total": str(bar.total),
                }
            )
        name = row.name if len(row.name) <= NAME_LENGTH else f"{row.name[: NAME_LENGTH - 1]}…"
        rows.append(
            {"name": name, "typed": row.typed, "name_y": str(y + NAME_HEIGHT - 6), "bars": bars}
        )
        y += NAME_HEIGHT + len(row.bars) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    return {
        "chart": chart,
        "title_id": title_id,
        "rows": rows,
        "width": BARS_WIDTH,
        "height": max(y - GROUP_GAP, 1),
        "bar_height": BAR_HEIGHT,
        "legend": [
            (caption, [(label, SEGMENT_COLOURS[key]) for key, label in keys])
            for caption, keys in chart.legend
        ],
    }


# Shares of answers ---------------------------------------------------------------------
# One horizontal bar per answer, its length the share of those who answered, with the
# per cent after it; the labels above the bars, so long answers wrap on a phone.

SHARE_WIDTH = 400
SHARE_ROW = 44
SHARE_BAR = 18
SHARE_ROOM = 64  # after the longest bar for its per cent


@register.inclusion_tag("core/charts/share_bars.html")
def share_bars(rows, title_id):
    """`rows` are (label, count, per cent); drawn on one scale from 0 to 100 %."""
    rows = list(rows)
    if not rows:
        return {"bars": []}
    scale = (SHARE_WIDTH - SHARE_ROOM) / 100
    bars = []
    for index, (label, _count, percent) in enumerate(rows):
        top = index * SHARE_ROW
        width = float(percent) * scale
        bars.append(
            {
                "label": label,
                "label_y": str(top + 15),
                "y": str(top + 20),
                "width": f"{width:.1f}",
                "percent_x": f"{width + 6:.1f}",
                "percent_y": str(top + 20 + SHARE_BAR - 4),
                "percent": f"{figure(percent)} %",
            }
        )
    return {
        "bars": bars,
        "title_id": title_id,
        "width": SHARE_WIDTH,
        "height": len(rows) * SHARE_ROW,
        "bar_height": SHARE_BAR,
        "colour": NEUTRAL,
    }
