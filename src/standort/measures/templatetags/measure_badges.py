"""Status, traffic light, progress and overdue marks of a measure, and the parts of
the measure pages that repeat them: the rows of the list and the milestone timeline.
Each mark says its meaning in words, the colour only repeats it.

The markup lives in templates: the marks in measures/marks/, the rows of the list in
measures/_measure_rows.html (all rows in one template), the timeline in
measures/_milestone_timeline.html. A mark depends only on a value or two (a status, a
traffic light, a percentage), so each one is rendered once per value and request
(core.memo) and repeated from there: a list page shows the same few marks a hundred
times."""

from django import template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from standort.core.memo import remembered

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


def _mark(name, *values, context):
    """measures/marks/<name>.html filled in with `context()`, the same for the same
    `values` in one request and language."""
    return remembered(
        ("measure_mark", name, get_language(), *values),
        lambda: mark_safe(get_template(f"measures/marks/{name}.html").render(context()).strip()),
    )


@register.filter
def status_badge(measure):
    status = measure.status
    return _mark(
        "status",
        status,
        context=lambda: {
            "status": status,
            "style": STATUS_STYLE.get(status, "info"),
            "label": STATUS_LABELS.get(status, status),
        },
    )


@register.filter
def kind_label(measure):
    return KIND_LABELS.get(measure.kind, measure.kind)


@register.filter
def light_badge(update):
    """The traffic light of a status update (or anything with a `traffic_light`, such
    as a review answer); without one it reads "no status yet"."""
    light = (update.traffic_light or None) if update else None
    return _mark(
        "light",
        light,
        context=lambda: {
            "light": light,
            "style": LIGHT_STYLE.get(light, "danger"),
            "label": LIGHT_LABELS.get(light, light),
        },
    )


@register.filter
def light_label(light):
    """The name of a traffic light ("green" → "on track"); empty without one."""
    return LIGHT_LABELS.get(light, "")


@register.filter
def progress_bar(value):
    value = str(value or 0)
    return _mark("progress", value, context=lambda: {"value": value})


@register.filter
def overdue_badge(measure, today):
    """The overdue mark of a measure whose `is_overdue` is set: "overdue" when its due
    date has passed, "milestone overdue" when only an open milestone is late (its own
    due date may well lie ahead). Empty when it is not overdue."""
    if not getattr(measure, "is_overdue", False):
        return ""
    kind = "due" if measure.due_on and measure.due_on < today else "milestone"
    return _mark("overdue", kind, context=lambda: {"kind": kind})


@register.inclusion_tag("measures/_milestone_timeline.html")
def milestone_timeline(milestones, initiative, measure, today, can_change):
    """The items of a measure's milestone timeline, each done, overdue or open; like
    the list's rows, their values come as dicts (a measure may have dozens)."""
    return {"items": [_milestone(m, initiative, measure, today, can_change) for m in milestones]}


def _milestone(milestone, initiative, measure, today, can_change):
    if milestone.is_done:
        state = "done"
    elif milestone.due_on < today:
        state = "overdue"
    else:
        state = "open"
    return {
        "state": state,
        "title": milestone.title,
        "due_iso": milestone.due_on.isoformat(),
        "due": _short_date(milestone.due_on),
        "done_on": _short_date(milestone.completed_on),
        "edit_url": can_change
        and reverse("milestone_edit", args=[initiative.slug, measure.number, milestone.pk]),
    }


@register.inclusion_tag("measures/_measure_rows.html")
def measure_rows(measures, initiative, today):
    """The rows of the measure list: what each cell shows, worked out here, the markup
    in the template. A row's values come as a dict, which the template reads in one
    step, where a measure's related objects take it a detour each; the overdue mark is
    worked out in Python (queries.row_is_overdue) rather than in the query."""
    return {"rows": [_row(measure, initiative, today) for measure in measures]}


def _row(measure, initiative, today):
    measure.is_overdue = row_is_overdue(measure, today)
    return {
        "number": measure.number,
        "url": reverse("measure_detail", args=[initiative.slug, measure.number]),
        "title": measure.title,
        "kind": kind_label(measure),
        "parent_number": measure.parent_number,
        "parent_url": measure.parent_number
        and reverse("measure_detail", args=[initiative.slug, measure.parent_number]),
        "body": measure.body.name if measure.body else None,
        "topic": measure.topic.name if measure.topic else None,
        "owner": measure.owner.full_name if measure.owner else None,
        "organization": measure.owner_organization.name if measure.owner_organization else None,
        "status": status_badge(measure),
        "light": light_badge(measure.latest_update),
        "progress": progress_bar(measure.progress),
        "milestone_on": _short_date(measure.next_milestone_on),
        "milestone_title": measure.next_milestone_title,
        "due_on": _short_date(measure.due_on),
        "overdue": overdue_badge(measure, today),
    }


def _short_date(value):
    return date_format(value, "SHORT_DATE_FORMAT") if value else None
