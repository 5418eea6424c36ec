"""Charts as inline SVG, one source for the web page and the PDF (WeasyPrint draws
inline SVG): the templates in core/charts/ hold the markup, this works out the
geometry. Every chart names itself through `title_id` and stands beside a table of its
figures, which is what screen readers read; the colours repeat what the words say."""

from django import template
from django.utils.formats import date_format

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
