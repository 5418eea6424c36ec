"""The parts of the dashboard and the public page that repeat per row: the chart,
the figure tables and the lists, built in Python like the measure list's rows (the
template language takes longer to fill in a row than the database takes to deliver
it). Every number links to the measure list with the matching filter where the list
can show exactly those measures."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from standort.measures.dashboard import LIGHTS, STATUSES
from standort.measures.templatetags.measure_badges import (
    LIGHT_LABELS,
    LIGHT_STYLE,
    STATUS_LABELS,
    STATUS_STYLE,
    progress_bar,
)

register = template.Library()

# The chart's colours; the shapes of the legend repeat the badges' (circle, diamond,
# square), so the colour is never the only cue.
LIGHT_COLOURS = {"green": "#007155", "amber": "#925400", "red": "#c31c13", None: "#8a8fa8"}


def _light_label(light):
    return LIGHT_LABELS.get(light) if light else pgettext("traffic light", "none yet")


def _light_key(light):
    return light or "none"


def _figure(count):
    """A count as the page writes numbers: 1.234 in German."""
    return str(count) if count < 1000 else number_format(count, force_grouping=True)


def _count_link(count, url, label):
    """A count as a link to the measures it counts, named for a screen reader by what
    it counts; a zero is plain text. `url` and `label` must be escaped already (the
    working-group table calls this a few hundred times)."""
    if not count:
        return '<span class="figure figure--zero">0</span>'
    return (
        f'<a class="kern-link figure" href="{url}">{_figure(count)}'
        f'<span class="kern-sr-only"> {label}</span></a>'
    )


def _short_date(value):
    return date_format(value, "SHORT_DATE_FORMAT") if value else "–"


@register.simple_tag
def light_legend():
    return format_html(
        '<ul class="chart-legend" aria-hidden="true">{}</ul>',
        format_html_join(
            "",
            '<li><span class="light light--{}"><span class="light__dot"></span></span>{}</li>',
            ((_light_key(light), _light_label(light)) for light in LIGHTS),
        ),
    )


# The chart -------------------------------------------------------------------------

# In user units; the chart is drawn at about this width in pixels beside its table,
# so the labels keep their size.
CHART_WIDTH = 440
LABEL_WIDTH = 120
BAR_WIDTH = 270
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@register.simple_tag
def status_chart(figures, chart_id="status-chart"):
    """Horizontal bars, one per status, stacked by traffic light, each as long as the
    status has measures. An image for the eye: the table below it holds the same
    numbers for everyone else, so the image only names itself."""
    tallies = [(status, figures.by_status[status]) for status in STATUSES]
    longest = max((tally.total for _status, tally in tallies), default=0) or 1
    rows = []
    for index, (status, tally) in enumerate(tallies):
        y = index * ROW_HEIGHT
        label = STATUS_LABELS[status]
        segments, x = [], float(LABEL_WIDTH)
        for light in LIGHTS:
            count = tally.lights[light]
            if not count:
                continue
            width = BAR_WIDTH * count / longest
            segments.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" class="chart__bar '
                    'chart__bar--{}"><title>{}, {}: {}</title></rect>',
                    f"{x:.1f}",
                    y + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                    f"{max(width, 1):.1f}",
                    BAR_HEIGHT,
                    LIGHT_COLOURS[light],
                    _light_key(light),
                    label,
                    _light_label(light),
                    count,
                )
            )
            x += width
        rows.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart__label">{}</text>{}'
                '<text x="{}" y="{}" class="chart__total">{}</text>',
                LABEL_WIDTH - 10,
                y + ROW_HEIGHT // 2 + 5,
                label,
                mark_safe("".join(segments)),  # noqa: S308 (built by format_html above)
                f"{x + 8:.1f}",
                y + ROW_HEIGHT // 2 + 5,
                number_format(tally.total, force_grouping=True),
            )
        )
    height = len(tallies) * ROW_HEIGHT
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" '
        'preserveAspectRatio="xMinYMin meet" width="100%" focusable="false">'
        '<title id="{}-title">{}</title>{}</svg>',
        CHART_WIDTH,
        height,
        chart_id,
        chart_id,
        _(
            "Bar chart: measures by status, each bar split by traffic light. The table "
            "below gives the same figures."
        ),
        mark_safe("".join(rows)),  # noqa: S308 (built by format_html above)
    )


# The figure tables -----------------------------------------------------------------


@register.simple_tag
def status_light_rows(figures, measures_url):
    """Rows of the status × traffic light table, and a last row of totals."""
    measures_url = escape(measures_url)
    light_labels = {light: escape(_light_label(light)) for light in LIGHTS}
    rows = []
    for status in STATUSES:
        tally = figures.by_status[status]
        label = escape(STATUS_LABELS[status])
        cells = [
            _count_link(
                tally.lights[light],
                f"{measures_url}?status={status}&amp;light={_light_key(light)}",
                f"{label}, {light_labels[light]}",
            )
            for light in LIGHTS
        ]
        total = _count_link(tally.total, f"{measures_url}?status={status}", label)
        rows.append(_figure_row(label, cells, total))
    label = escape(_("Total"))
    cells = [
        _count_link(
            figures.all.lights[light],
            f"{measures_url}?light={_light_key(light)}",
            f"{label}, {light_labels[light]}",
        )
        for light in LIGHTS
    ]
    total = _count_link(figures.all.total, measures_url, label)
    rows.append(_figure_row(label, cells, total, css=" figure-sum"))
    return mark_safe("\n".join(rows))  # noqa: S308 (escaped above)


def _figure_row(label, cells, total, css=""):
    numeric = "".join(
        f'<td class="kern-table__cell kern-table__cell--numeric">{cell}</td>' for cell in cells
    )
    return (
        f'<tr class="kern-table__row{css}"><th scope="row" class="kern-table__header">{label}'
        f"</th>{numeric}"
        f'<td class="kern-table__cell kern-table__cell--numeric figure-total">{total}</td></tr>'
    )


@register.simple_tag
def group_rows(figures, measures_url):
    """Rows of the working-group table: measures, traffic lights, overdue, not up
    to date, average progress, and a strip of the traffic lights. Each count links to
    the group's measures with that filter; measures of no working group (the list
    cannot filter for those) get plain numbers."""
    measures_url = escape(measures_url)
    light_labels = {light: escape(_light_label(light)) for light in LIGHTS}
    overdue_label = escape(_("overdue"))
    sub = '<span aria-hidden="true">↳ </span>'
    rows = []
    for group in figures.groups:
        tally = group.tally
        name = escape(group.name or _("no working group"))
        if group.pk is None:
            counts = [tally.total, *tally.lights.values(), tally.overdue]
            cells = [f'<span class="figure">{_figure(count)}</span>' for count in counts]
            title = name
        else:
            url = f"{measures_url}?body={group.pk}"
            cells = [
                _count_link(tally.total, url, name),
                *[
                    _count_link(
                        tally.lights[light],
                        f"{url}&amp;light={_light_key(light)}",
                        f"{name}, {light_labels[light]}",
                    )
                    for light in LIGHTS
                ],
                _count_link(tally.overdue, f"{url}&amp;overdue=on", f"{name}, {overdue_label}"),
            ]
            title = f'<a class="kern-link" href="{url}">{name}</a>'
        cells.append(f'<span class="figure">{_figure(tally.stale)}</span>')
        numeric = "".join(
            f'<td class="kern-table__cell kern-table__cell--numeric">{cell}</td>' for cell in cells
        )
        rows.append(
            f'<tr class="kern-table__row"><th scope="row" class="kern-table__header group-name">'
            f"{sub if group.is_sub_group else ''}{title}</th>{numeric}"
            f'<td class="kern-table__cell">{progress_bar(tally.progress)}{_strip(tally)}</td></tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (escaped above)


def _strip(tally):
    """The traffic lights of a group as one thin bar: decoration beside the numbers."""
    if not tally.total:
        return ""
    parts, x = [], 0.0
    for light in LIGHTS:
        count = tally.lights[light]
        if count:
            width = 100 * count / tally.total
            parts.append(
                f'<rect x="{x:.2f}" y="0" width="{width:.2f}" height="6" '
                f'fill="{LIGHT_COLOURS[light]}"></rect>'
            )
            x += width
    return (
        '<svg class="light-strip" viewBox="0 0 100 6" preserveAspectRatio="none" '
        f'aria-hidden="true" focusable="false">{"".join(parts)}</svg>'
    )


# The lists -------------------------------------------------------------------------


def _measure_link(measures_url, number, title):
    return format_html(
        '<a class="kern-link" href="{}{}/">{} {}</a>', measures_url, number, number, title
    )


def _owner(measure):
    return measure.owner.full_name if measure.owner_id else "–"


@register.simple_tag
def overdue_rows(measures, measures_url, today):
    """Overdue measures with what was missed: the due date, or the next milestone."""
    words = {"due": _("due date"), "milestone": _("milestone overdue")}
    rows = []
    for measure in measures:
        if measure.due_on is not None and measure.due_on < today:
            missed = format_html(
                '{}<span class="meta">{}</span>', _short_date(measure.due_on), words["due"]
            )
        else:
            missed = format_html(
                '{}<span class="meta">{}: {}</span>',
                _short_date(measure.next_milestone_on),
                words["milestone"],
                measure.next_milestone_title,
            )
        rows.append(
            {
                "measure": _measure_link(measures_url, measure.number, measure.title),
                "group": measure.body.name if measure.body_id else "–",
                "owner": _owner(measure),
                "missed": missed,
            }
        )
    return format_html_join(
        "\n",
        '<tr class="kern-table__row"><td class="kern-table__cell">{measure}'
        '<span class="meta">{group}</span></td><td class="kern-table__cell">{owner}</td>'
        '<td class="kern-table__cell overdue-missed">{missed}</td></tr>',
        rows,
    )


@register.simple_tag
def milestone_rows(milestones, measures_url):
    return format_html_join(
        "\n",
        '<tr class="kern-table__row"><td class="kern-table__cell nowrap">'
        '<time datetime="{}">{}</time></td><td class="kern-table__cell">{}</td>'
        '<td class="kern-table__cell">{}</td></tr>',
        (
            (
                milestone.due_on.isoformat(),
                _short_date(milestone.due_on),
                milestone.title,
                _measure_link(measures_url, milestone.measure.number, milestone.measure.title),
            )
            for milestone in milestones
        ),
    )


@register.simple_tag
def stale_rows(measures, measures_url):
    """Measures not up to date: their last accepted update, or when they were adopted."""
    words = {"none": _("none yet, adopted on %(date)s"), "unknown": _("none yet")}
    rows = []
    for measure in measures:
        update = measure.latest_update
        if update is not None:
            last = _short_date(timezone.localdate(update.accepted_at))
        elif measure.adopted_on:
            last = words["none"] % {"date": _short_date(measure.adopted_on)}
        else:
            last = words["unknown"]
        rows.append(
            (_measure_link(measures_url, measure.number, measure.title), _owner(measure), last)
        )
    return format_html_join(
        "\n",
        '<tr class="kern-table__row"><td class="kern-table__cell">{}</td>'
        '<td class="kern-table__cell">{}</td><td class="kern-table__cell">{}</td></tr>',
        rows,
    )


@register.simple_tag
def light_change_rows(worsened, measures_url):
    """Measures whose traffic light fell between the last two closed reviews."""
    return format_html_join(
        "\n",
        '<tr class="kern-table__row"><td class="kern-table__cell">{}</td>'
        '<td class="kern-table__cell">{}</td><td class="kern-table__cell">{}</td></tr>',
        (
            (
                _measure_link(measures_url, number, title),
                _light_badge(before),
                _light_badge(after),
            )
            for number, title, before, after in worsened
        ),
    )


def _light_badge(light):
    return format_html(
        '<span class="kern-badge kern-badge--small light light--{} kern-badge--{}">'
        '<span class="light__dot" aria-hidden="true"></span>'
        '<span class="kern-label kern-label--small">{}</span></span>',
        _light_key(light),
        LIGHT_STYLE.get(light, "info"),
        _light_label(light),
    )


# The public page -------------------------------------------------------------------


@register.simple_tag
def public_rows(rows):
    """The public rows of a working group (see dashboard.PUBLIC_COLUMNS): no person
    named, only the owning organisation. A page has a hundred rows or more: the marks
    are built once per value, the rows as plain strings of escaped parts."""
    no_status = format_html('<span class="light light--none">{}</span>', _("no status yet"))
    lights = {light: _light_badge(light) for light in LIGHTS if light}
    statuses, bars, out = {}, {}, []
    for number, title, status, progress, light, organization in rows:
        badge = statuses.get(status)
        if badge is None:
            badge = statuses[status] = format_html(
                '<span class="kern-badge kern-badge--small status status--{} kern-badge--{}">'
                '<span class="kern-label kern-label--small">{}</span></span>',
                status,
                STATUS_STYLE.get(status, "info"),
                STATUS_LABELS.get(status, status),
            )
        bar = bars.get(progress)
        if bar is None:
            bar = bars[progress] = progress_bar(progress)
        out.append(
            '<tr class="kern-table__row"><td class="kern-table__cell kern-table__cell--numeric">'
            f'{number}</td><td class="kern-table__cell">{escape(title)}</td>'
            f'<td class="kern-table__cell">{badge}</td><td class="kern-table__cell">{bar}</td>'
            f'<td class="kern-table__cell">{lights.get(light, no_status)}</td>'
            f'<td class="kern-table__cell">{escape(organization or "–")}</td></tr>'
        )
    return mark_safe("\n".join(out))  # noqa: S308 (escaped above)


@register.simple_tag
def public_group_rows(groups):
    """The overview of the public page: per working group its measures, their
    statuses and average progress, the name linking to the group's own page."""
    none = escape(_("No working group"))
    labels = _status_labels()
    return mark_safe(  # noqa: S308 (escaped here)
        "\n".join(
            '<tr class="kern-table__row"><th scope="row" class="kern-table__header group-name">'
            f'<a class="kern-link" href="?group={group.pk or 0}#measures">'
            f"{escape(group.name) if group.name else none}</a></th>"
            '<td class="kern-table__cell kern-table__cell--numeric">'
            f"{_figure(group.tally.total)}</td>"
            f'<td class="kern-table__cell">{escape(_summary(group.tally, labels))}</td>'
            f'<td class="kern-table__cell">{progress_bar(group.tally.progress)}</td></tr>'
            for group in groups
        )
    )


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
