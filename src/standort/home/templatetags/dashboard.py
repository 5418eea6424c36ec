"""The parts of the dashboard and the public page that repeat per row: the chart, the
figure tables and the lists. Their markup is in the templates of home/dashboard/;
the tags here work out what those show: the chart's geometry, the figures and the
links. Every number links to the measure list with the matching filter where the
list can show exactly those measures. Each table is one loop in one template, not
an include per cell: the working-group table has a few hundred cells."""

from types import SimpleNamespace
from urllib.parse import urlencode

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from standort.core.memo import remembered
from standort.core.templatetags.standort import in_content_lang
from standort.measures.dashboard import (
    LIGHTS,
    PUBLIC_STATUSES,
    STATUSES,
    Grouping,
    group_chart,
)
from standort.measures.models import Measure
from standort.measures.templatetags.measure_badges import (
    LIGHT_LABELS,
    LIGHT_STYLE,
    STATUS_LABELS,
)

register = template.Library()

DROPPED = Measure.Status.DROPPED

# The chart's colours; the shapes of the legend repeat the badges' (circle, diamond,
# square), so the colour is never the only cue.
LIGHT_COLOURS = {"green": "#007155", "amber": "#925400", "red": "#c31c13", None: "#8a8fa8"}


def _light_label(light):
    # str(): a lazy label would be translated anew wherever a template shows it.
    return str(LIGHT_LABELS.get(light, light)) if light else pgettext("traffic light", "none yet")


def _light_key(light):
    return light or "none"


def _figure(count):
    """A count as the page writes numbers: 1.234 in German."""
    return str(count) if count < 1000 else number_format(count, force_grouping=True)


def _filtered(measures_url, **filters):
    """The measure list's address narrowed by `filters` (in their order)."""
    return f"{measures_url}?{urlencode(filters)}" if filters else measures_url


def _count(count, url, label):
    """A cell of a figure table: the count, and the measures it counts (`url`, None
    where the list cannot show exactly those), named by `label` for a screen reader."""
    return {"count": count, "figure": _figure(count), "url": url, "label": label, "css": ""}


def _total(count, url, label):
    return {**_count(count, url, label), "css": " figure-total"}


@register.inclusion_tag("home/dashboard/light_legend.html")
def light_legend():
    return {"lights": [(_light_key(light), _light_label(light)) for light in LIGHTS]}


# The chart -------------------------------------------------------------------------

# In user units; the chart is drawn at about this width in pixels beside its table,
# so the labels keep their size.
CHART_WIDTH = 440
LABEL_WIDTH = 120
BAR_WIDTH = 270
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@register.inclusion_tag("home/dashboard/status_chart.html")
def status_chart(figures, chart_id="status-chart"):
    """Horizontal bars, one per status, stacked by traffic light, each as long as the
    status has measures. An image for the eye: the table below it holds the same
    numbers for everyone else, so the image only names itself."""
    tallies = [(status, figures.by_status[status]) for status in STATUSES]
    longest = max((tally.total for _status, tally in tallies), default=0) or 1
    rows = []
    for index, (status, tally) in enumerate(tallies):
        y = index * ROW_HEIGHT
        bars, x = [], float(LABEL_WIDTH)
        for light in LIGHTS:
            count = tally.lights[light]
            if not count:
                continue
            width = BAR_WIDTH * count / longest
            bars.append(
                {
                    "x": f"{x:.1f}",
                    "y": str(y + (ROW_HEIGHT - BAR_HEIGHT) // 2),
                    "width": f"{max(width, 1):.1f}",
                    "fill": LIGHT_COLOURS[light],
                    "key": _light_key(light),
                    "label": _light_label(light),
                    "count": str(count),
                }
            )
            x += width
        rows.append(
            {
                "label": str(STATUS_LABELS[status]),
                "y": str(y + ROW_HEIGHT // 2 + 5),
                "bars": bars,
                "total_x": f"{x + 8:.1f}",
                "total": number_format(tally.total, force_grouping=True),
            }
        )
    return {
        "chart_id": chart_id,
        "width": CHART_WIDTH,
        "height": len(tallies) * ROW_HEIGHT,
        "label_x": LABEL_WIDTH - 10,
        "bar_height": BAR_HEIGHT,
        "rows": rows,
    }


# The figure tables -----------------------------------------------------------------


@register.inclusion_tag("home/dashboard/figure_rows.html")
def status_light_rows(figures, measures_url):
    """Rows of the status × traffic light table, and a last row of totals."""
    light_labels = {light: _light_label(light) for light in LIGHTS}
    rows = []
    for status in STATUSES:
        tally = figures.by_status[status]
        label = str(STATUS_LABELS[status])
        cells = [
            _count(
                tally.lights[light],
                _filtered(measures_url, status=status, light=_light_key(light)),
                f"{label}, {light_labels[light]}",
            )
            for light in LIGHTS
        ]
        cells.append(_total(tally.total, _filtered(measures_url, status=status), label))
        rows.append({"label": label, "cells": cells, "css": ""})
    label = _("Total")
    cells = [
        _count(
            figures.all.lights[light],
            _filtered(measures_url, light=_light_key(light)),
            f"{label}, {light_labels[light]}",
        )
        for light in LIGHTS
    ]
    cells.append(_total(figures.all.total, measures_url, label))
    rows.append({"label": label, "cells": cells, "css": " figure-sum"})
    return {"rows": rows}


@register.inclusion_tag("home/dashboard/figure_rows.html")
def group_rows(groups, measures_url, by_goal=False):
    """Rows of the table of working groups (or goals): measures, traffic lights,
    overdue, not up to date, average progress, and a strip of the traffic lights. Each
    count of a working group links to its measures with that filter; measures of no
    working group, and goals (the list cannot filter for those), get plain numbers."""
    light_labels = {light: _light_label(light) for light in LIGHTS}
    overdue_label = _("overdue")
    rows = []
    for group in groups:
        tally = group.tally
        # A group's name is German (see settings.CONTENT_LANGUAGE), also within the
        # labels of its figures that a screen reader reads.
        if group.name:
            name = in_content_lang(group.name)
        else:
            name = _("no goal") if by_goal else _("no working group")
        if group.pk is None or by_goal:
            counts = [tally.total, *tally.lights.values(), tally.overdue]
            cells = [_count(count, None, name) for count in counts]
            url = None
        else:
            url = _filtered(measures_url, body=group.pk)
            cells = [
                _count(tally.total, url, name),
                *[
                    _count(
                        tally.lights[light],
                        _filtered(measures_url, body=group.pk, light=_light_key(light)),
                        format_html("{}, {}", name, light_labels[light]),
                    )
                    for light in LIGHTS
                ],
                _count(
                    tally.overdue,
                    _filtered(measures_url, body=group.pk, overdue="on"),
                    format_html("{}, {}", name, overdue_label),
                ),
            ]
        cells.append(_count(tally.stale, None, name))
        rows.append(
            {
                "label": name,
                "url": url,
                "is_sub_group": group.is_sub_group,
                "cells": cells,
                "css": "",
                "header_css": " group-name",
                "progress": tally.progress,
                "strip": _strip(tally),
            }
        )
    return {"rows": rows, "with_progress": True}


def _strip(tally):
    """The traffic lights of a group as one thin bar (decoration beside the numbers):
    its segments, none for a group without measures."""
    if not tally.total:
        return []
    parts, x = [], 0.0
    for light in LIGHTS:
        count = tally.lights[light]
        if count:
            width = 100 * count / tally.total
            parts.append({"x": f"{x:.2f}", "width": f"{width:.2f}", "fill": LIGHT_COLOURS[light]})
            x += width
    return parts


# The lists -------------------------------------------------------------------------


def _light_mark(light):
    return {
        "key": _light_key(light),
        "style": LIGHT_STYLE.get(light, "info"),
        "label": _light_label(light),
    }


@register.inclusion_tag("home/dashboard/light_change_rows.html")
def light_change_rows(worsened, initiative):
    """Measures whose traffic light fell between the last two closed reviews."""
    return {
        "initiative": initiative,
        "rows": [
            {"number": number, "title": title, "lights": [_light_mark(b), _light_mark(a)]}
            for number, title, b, a in worsened
        ],
    }


# The public page -------------------------------------------------------------------


@register.inclusion_tag("home/dashboard/public_rows.html", takes_context=True)
def public_rows(context, rows):
    """The public rows of a working group (see dashboard.PUBLIC_COLUMNS): no person
    named, only the owning organisation; a dropped measure with the reason it was
    dropped, and neither progress nor traffic light (they count no longer). A page
    shows a hundred rows or more but only a few different marks of status, progress
    and traffic light: each is rendered once a request. Numbers come as text: a
    template localises each number it shows. Each title links to the measure's public
    page (the measure list's address and its number, as `measure_detail` has it)."""
    language, statuses, bars, lights, out = get_language(), {}, {}, {}, []
    measures_url = reverse("measure_list", args=[context["initiative"].slug])
    for number, title, status, progress, light, organization, reason in rows:
        status_mark = statuses.get(status)
        if status_mark is None:
            status_mark = statuses[status] = _public_mark("status", status, language)
        dropped = status == DROPPED
        bar = light_mark = None
        if not dropped:
            bar = bars.get(progress)
            if bar is None:
                bar = bars[progress] = _public_mark("progress", progress, language)
            light_mark = lights.get(light)
            if light_mark is None:
                light_mark = lights[light] = _public_mark("light", light, language)
        out.append(
            (
                str(number),
                title,
                status_mark,
                bar,
                light_mark,
                organization or "–",
                reason,
                f"{measures_url}{number}/",
            )
        )
    return {"rows": out, "labels": _public_labels()}


def _public_labels():
    """The column headers, which a card on a phone repeats beside each value, and the
    words of a dropped measure's cells."""
    return {
        "number": _("No."),
        "status": _("Status"),
        "progress": _("Progress"),
        "light": _("Traffic light"),
        "organization": _("Responsible organisation"),
        "reason": _("Reason:"),
        # Progress and traffic light of a dropped measure.
        "not_counted": _("not applicable"),
    }


def _public_mark(kind, value, language):
    """The mark of a status, a progress or a traffic light (None: no status yet).
    measure_badges' filters read a status from a measure and a traffic light from a
    status update: `mark` stands in for both."""
    context = {"value": value, "mark": SimpleNamespace(status=value, traffic_light=value)}
    return remembered(
        ("public mark", kind, value, language),
        lambda: render_to_string(f"home/dashboard/public_{kind}.html", context),
    )


@register.inclusion_tag("home/dashboard/public_group_rows.html")
def public_group_rows(groups, by_goal=False):
    """The overview of the public page: per working group (its sub-groups' measures
    included) or, `by_goal`, per goal its measures, their statuses and average
    progress, the name linking to the list of its measures (the measures of no goal:
    not linked, the list cannot filter for them)."""
    labels = _status_labels()
    return {
        "rows": [
            {
                "url": (
                    (f"?goal={group.pk}" if group.pk else None)
                    if by_goal
                    else f"?group={group.pk or 0}"
                ),
                "name": group.name,
                "none": _("No goal") if by_goal else _("No working group"),
                "figure": _figure(group.tally.total),
                "summary": _summary(group.tally, labels),
                "progress": group.tally.progress,
            }
            for group in groups
        ],
        "labels": {
            "measures": _("Measures"),
            "status": _("Status"),
            "progress": _("Average progress"),
        },
    }


def _status_labels():
    """The status labels in the current language, translated once per call."""
    return {status: str(label) for status, label in STATUS_LABELS.items()}


def _summary(tally, labels):
    return ", ".join(
        f"{_figure(count)} {labels[status]}" for status, count in tally.statuses.items() if count
    )


@register.filter
def status_summary(tally):
    """ "12 done, 30 in progress, …": the statuses a tally has, in the life's order."""
    return _summary(tally, _status_labels())


# The chart per working group (core.templatetags.charts.group_bars draws it) -------


@register.simple_tag
def group_chart_of(groups, public=False, by_goal=False):
    """The chart of status and traffic lights per working group (or goal) of the
    dashboard's figures or (`public`) of the public page, which shows adopted measures
    only."""
    statuses = PUBLIC_STATUSES if public else STATUSES
    return group_chart(groups, statuses=statuses, grouping=by_goal_words() if by_goal else None)


def by_goal_words():
    return Grouping(
        caption=_("Status and traffic lights per goal"),
        title=_(
            "Bar chart: the measures serving each goal by status, and those still "
            "pursued by traffic light. A measure serving two goals counts for both. The "
            "table gives the same figures."
        ),
        row_header=_("Goal"),
        none=_("No goal"),
    )


# The embed's cards -----------------------------------------------------------------


@register.filter
def status_counts(tally):
    """[(status, label, count)]: the statuses a tally has, in the life's order."""
    labels = _status_labels()
    return [(status, labels[status], c) for status, c in tally.statuses.items() if c]


@register.simple_tag
def public_mark(kind, value):
    """A status, traffic light or progress as the public page's rows show it."""
    return _public_mark(kind, value, get_language())
