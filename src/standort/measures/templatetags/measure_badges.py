"""Status, traffic light, progress and overdue marks of a measure, and the parts of
the measure pages that repeat them: the rows of the list and the milestone timeline.

Filters and tags in Python rather than included templates: the list shows four marks
in each of 25 rows, and the template language took longer to fill them in than the
rest of the page. Each mark says its meaning in words, the colour only repeats it."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ..models import Measure, StatusUpdate
from ..queries import row_is_overdue

register = template.Library()

# Labels looked up here rather than by get_FOO_display(), which rebuilds its mapping
# on every call: the list shows a hundred of them.
STATUS_LABELS = dict(Measure.Status.choices)
KIND_LABELS = dict(Measure.Kind.choices)
LIGHT_LABELS = dict(StatusUpdate.Light.choices)

STATUS_STYLE = {"done": "success", "dropped": "warning", "on_hold": "warning"}
LIGHT_STYLE = {"green": "success", "amber": "warning", "red": "danger"}


@register.filter
def status_badge(measure):
    style = STATUS_STYLE.get(measure.status, "info")
    return format_html(
        '<span class="kern-badge kern-badge--small status status--{} kern-badge--{}">'
        '<span class="kern-label kern-label--small">{}</span></span>',
        measure.status,
        style,
        STATUS_LABELS.get(measure.status, measure.status),
    )


@register.filter
def kind_label(measure):
    return KIND_LABELS.get(measure.kind, measure.kind)


@register.filter
def light_badge(update):
    """The traffic light of a status update; without one it reads "no status yet"."""
    if not update:
        return format_html(
            '<span class="light light--none kern-body--small">{}</span>', _("no status yet")
        )
    return format_html(
        '<span class="kern-badge kern-badge--small light light--{} kern-badge--{}">'
        '<span class="light__dot" aria-hidden="true"></span>'
        '<span class="kern-label kern-label--small">{}</span></span>',
        update.traffic_light,
        LIGHT_STYLE.get(update.traffic_light, "danger"),
        LIGHT_LABELS.get(update.traffic_light, update.traffic_light),
    )


@register.filter
def progress_bar(value):
    value = value or 0
    return format_html(
        '<span class="progress-bar"><progress max="100" value="{}" aria-hidden="true">'
        '</progress><span class="progress-bar__number">{} %</span></span>',
        value,
        value,
    )


@register.filter
def overdue_badge(measure, today):
    """The overdue mark of a measure whose `is_overdue` is set: "overdue" when its due
    date has passed, "milestone overdue" when only an open milestone is late (its own
    due date may well lie ahead). Empty when it is not overdue."""
    if not getattr(measure, "is_overdue", False):
        return ""
    if measure.due_on and measure.due_on < today:
        label, kind = _("overdue"), "due"
    else:
        label, kind = _("milestone overdue"), "milestone"
    return format_html(
        '<span class="kern-badge kern-badge--small kern-badge--danger overdue overdue--{}">'
        '<span class="kern-label kern-label--small">{}</span></span>',
        kind,
        label,
    )


@register.simple_tag
def milestone_timeline(milestones, measure_url, today, can_change):
    """The items of a measure's milestone timeline, each done, overdue or open. Built
    here like the list's rows: a measure may have dozens of milestones."""
    words = {"overdue": _("overdue"), "open": _("open"), "edit": _("Edit")}
    return format_html_join(
        "\n", "{}", ((_milestone(m, measure_url, today, can_change, words),) for m in milestones)
    )


def _milestone(milestone, measure_url, today, can_change, words):
    if milestone.is_done:
        state = "done"
        note = _("done on %(date)s") % {"date": _short_date(milestone.completed_on)}
    elif milestone.due_on < today:
        state = "overdue"
        note = format_html(
            '<strong class="timeline__late kern-badge kern-badge--small kern-badge--danger">'
            '<span class="kern-label kern-label--small">{}</span></strong>',
            words["overdue"],
        )
    else:
        state, note = "open", words["open"]
    edit = ""
    if can_change:
        edit = format_html(
            ' · <a class="kern-link kern-link--small" href="{}milestones/{}/edit/">{}'
            '<span class="kern-sr-only"> {}</span></a>',
            measure_url,
            milestone.pk,
            words["edit"],
            milestone.title,
        )
    return format_html(
        '<li class="timeline__item timeline__item--{}">'
        '<span class="timeline__marker" aria-hidden="true"></span>'
        '<p class="kern-body"><time datetime="{}" class="timeline__date">{}</time> '
        "<strong>{}</strong></p>"
        '<p class="kern-body kern-body--small">{}{}</p></li>',
        state,
        milestone.due_on.isoformat(),
        _short_date(milestone.due_on),
        milestone.title,
        note,
        edit,
    )


@register.simple_tag
def measure_rows(measures, list_url, today):
    """The rows of the measure list. Built here rather than in the template: a page
    shows 25 rows of some thirty values each, which the template language took longer
    to fill in than the rest of the page together."""
    part_of = _("Part of no.")
    return format_html_join("\n", ROW, ((_row(m, list_url, today, part_of)) for m in measures))


ROW = (
    '<tr class="kern-table__row">'
    '<td class="kern-table__cell kern-table__cell--numeric">{number}</td>'
    '<td class="kern-table__cell measure-table__title">'
    '<a class="kern-link" href="{url}">{title}</a><span class="meta">{kind}{parent}</span></td>'
    '<td class="kern-table__cell measure-table__small">{body}{topic}</td>'
    '<td class="kern-table__cell measure-table__small">{owner}{organization}</td>'
    '<td class="kern-table__cell">{status}</td>'
    '<td class="kern-table__cell">{light}<span class="meta">{progress}</span></td>'
    '<td class="kern-table__cell measure-table__small">{milestone}</td>'
    '<td class="kern-table__cell measure-table__small">'
    '<span class="nowrap">{due}</span>{overdue}</td>'
    "</tr>"
)


def _meta(text):
    return format_html('<span class="meta">{}</span>', text) if text else ""


def _short_date(value):
    return date_format(value, "SHORT_DATE_FORMAT") if value else "–"


def _row(measure, list_url, today, part_of):
    parent = ""
    if measure.parent_number:
        parent = format_html(
            ' · <a class="kern-link part-of" href="{}{}/">{} {}</a>',
            list_url,
            measure.parent_number,
            part_of,
            measure.parent_number,
        )
    milestone = "–"
    if measure.next_milestone_on:
        milestone = format_html(
            '<span class="nowrap">{}</span>{}',
            _short_date(measure.next_milestone_on),
            _meta(measure.next_milestone_title),
        )
    measure.is_overdue = row_is_overdue(measure, today)
    overdue = _meta(overdue_badge(measure, today)) if measure.is_overdue else ""
    return {
        "number": measure.number,
        "url": f"{list_url}{measure.number}/",
        "title": measure.title,
        "kind": kind_label(measure),
        "parent": parent,
        "body": measure.body.name if measure.body else "–",
        "topic": _meta(measure.topic.name if measure.topic else ""),
        "owner": measure.owner.full_name if measure.owner else "–",
        "organization": _meta(
            measure.owner_organization.name if measure.owner_organization else ""
        ),
        "status": status_badge(measure),
        "light": light_badge(measure.latest_update),
        "progress": progress_bar(measure.progress),
        "milestone": milestone,
        "due": _short_date(measure.due_on),
        "overdue": overdue,
    }
