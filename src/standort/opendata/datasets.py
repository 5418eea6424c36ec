"""The data sets an initiative publishes, each with its columns declared once.

Indicators are not among them: no public page shows an indicator or its values (only
those taking part read them, `indicators.view`), so neither do the open data. What the
public page shows of the goals, the public measures serving each, is the data set
`goals`."""

from django.conf import settings
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from standort.measures.dashboard import PUBLIC_STATUSES
from standort.measures.models import Measure, StatusUpdate

from . import queries
from .columns import Column, Dataset, ForeignKey, item

Status = Measure.Status
LIGHTS = tuple(StatusUpdate.Light.values)


def _label(choices, name):
    """A column's value: the label of the row's code `name` of `choices`, in the
    language the files are written in."""
    labels = dict(choices.choices)

    def value(row):
        code = row[name]
        return str(labels[code]) if code else ""

    return value


def _joined(name):
    def value(row):
        return "; ".join(row[name])

    return value


def _light_columns(description):
    """The traffic light as its code (described by `description`) and in words."""
    return [
        Column(
            "traffic_light",
            _("Traffic light (code)"),
            description,
            "string",
            item("traffic_light"),
            choices=LIGHTS,
        ),
        Column(
            "traffic_light_label",
            _("Traffic light"),
            _("The traffic light in words: on track, delayed or at risk."),
            "string",
            _label(StatusUpdate.Light, "traffic_light"),
        ),
    ]


def _measure_rows(initiative):
    """queries.measure_rows with the address of each measure's public page."""
    # The address of measure 0, with each number in its place: one reverse() for all.
    head, tail = reverse("measure_detail", args=[initiative.slug, 0]).rsplit("0", 1)
    rows = queries.measure_rows(initiative)
    for row in rows:
        row["url"] = f"{settings.SITE_URL}{head}{row['number']}{tail}"
    return rows


NUMBER = Column(
    "measure_number",
    _("Measure number"),
    _("The number of the measure in the data set measures."),
    "integer",
    item("measure_number"),
    required=True,
)

MEASURES = Dataset(
    "measures",
    _("Measures"),
    _(
        "The adopted measures, recommendations and projects of the initiative, those "
        "since completed, put on hold or dropped too, with their status, progress and "
        "traffic light."
    ),
    (
        Column(
            "number",
            _("Number"),
            _("The number of the measure, unique in the initiative."),
            "integer",
            item("number"),
            required=True,
        ),
        Column("title", _("Title"), _("The title of the measure."), "string", item("title")),
        Column(
            "kind",
            _("Kind (code)"),
            _("recommendation, project or measure."),
            "string",
            item("kind"),
            choices=tuple(Measure.Kind.values),
        ),
        Column(
            "kind_label", _("Kind"), _("The kind in words."), "string", _label(Measure.Kind, "kind")
        ),
        Column(
            "description",
            _("Description"),
            _("What the measure is about."),
            "string",
            item("description"),
        ),
        Column("goal", _("Goal"), _("What the measure is to achieve."), "string", item("goal")),
        Column(
            "status",
            _("Status (code)"),
            _("adopted, in_progress, done, on_hold or dropped."),
            "string",
            item("status"),
            choices=PUBLIC_STATUSES,
            required=True,
        ),
        Column(
            "status_label",
            _("Status"),
            _("The status in words."),
            "string",
            _label(Status, "status"),
        ),
        Column(
            "dropped_reason",
            _("Reason for dropping"),
            _("Why a dropped measure was given up; empty for all others."),
            "string",
            item("dropped_reason"),
        ),
        Column(
            "progress",
            _("Progress in per cent"),
            _(
                "0 to 100: of the newest accepted status update, of the parts of the "
                "measure, or 100 once it is done."
            ),
            "integer",
            item("progress"),
        ),
        *_light_columns(
            _("green, amber or red, of the newest accepted status update; empty without one.")
        ),
        Column(
            "reported_at",
            _("Status reported at"),
            _("When the newest accepted status update was reported."),
            "datetime",
            item("reported_at"),
        ),
        Column("starts_on", _("Start"), _("When the measure starts."), "date", item("starts_on")),
        Column("due_on", _("Due on"), _("When the measure is to be done."), "date", item("due_on")),
        Column(
            "adopted_on",
            _("Adopted on"),
            _("The day the measure was adopted."),
            "date",
            item("adopted_on"),
        ),
        Column(
            "adopted_by",
            _("Adopted by"),
            _("The body that adopted the measure."),
            "string",
            item("adopted_by_name"),
        ),
        Column(
            "decision",
            _("Decision"),
            _("The decision that adopted the measure."),
            "string",
            item("decision"),
        ),
        Column(
            "working_group",
            _("Working group"),
            _("The working group or sub-group the measure belongs to."),
            "string",
            item("body_name"),
        ),
        Column(
            "parent_working_group",
            _("Parent working group"),
            _("The working group of that sub-group; empty for a working group."),
            "string",
            item("group_name"),
        ),
        Column(
            "field_of_action",
            _("Field of action"),
            _("The field of action of the measure."),
            "string",
            item("topic_name"),
        ),
        Column(
            "responsible_organisation",
            _("Responsible organisation"),
            _("The organisation responsible for the measure."),
            "string",
            item("organization_name"),
        ),
        Column(
            "owner",
            _("Owner"),
            _("The person responsible, only where they agreed to be named publicly."),
            "string",
            item("owner_name"),
        ),
        Column(
            "partners",
            _("Partners"),
            _("The organisations of the partners, separated by semicolons."),
            "string",
            _joined("partners"),
        ),
        Column(
            "url",
            _("Web page"),
            _("The public page of the measure."),
            "string",
            item("url"),
        ),
    ),
    rows=_measure_rows,
    primary_key=("number",),
)

MILESTONES = Dataset(
    "milestones",
    _("Milestones"),
    _("The milestones of the published measures, with their due and completion dates."),
    (
        NUMBER,
        Column("title", _("Milestone"), _("What is to be reached."), "string", item("title")),
        Column(
            "due_on",
            _("Due on"),
            _("When the milestone is to be reached."),
            "date",
            item("due_on"),
            required=True,
        ),
        Column(
            "completed_on",
            _("Completed on"),
            _("When it was reached; empty while it is open."),
            "date",
            item("completed_on"),
        ),
    ),
    rows=queries.milestone_rows,
    foreign_keys=(ForeignKey(("measure_number",), "measures", ("number",)),),
)

STATUS_HISTORY = Dataset(
    "status-history",
    _("Status history"),
    _(
        "The accepted status updates of the published measures, the oldest first: "
        "traffic light, progress and what has been achieved."
    ),
    (
        NUMBER,
        Column(
            "reported_at",
            _("Reported at"),
            _("When the status update was reported."),
            "datetime",
            item("reported_at"),
            required=True,
        ),
        *_light_columns(_("green, amber or red.")),
        Column(
            "progress",
            _("Progress in per cent"),
            _("The progress reported, 0 to 100."),
            "integer",
            item("progress"),
        ),
        Column(
            "achieved",
            _("What has been achieved"),
            _("What the status update says has been achieved."),
            "string",
            item("achieved"),
        ),
    ),
    rows=queries.update_rows,
    foreign_keys=(ForeignKey(("measure_number",), "measures", ("number",)),),
)


def _status_count(status):
    def value(row):
        return row["tally"].statuses[status]

    return value


GOALS = Dataset(
    "goals",
    _("Goals"),
    _(
        "The goals of the initiative with the published measures serving each, counted "
        "by status, and their average progress. A measure serving two goals counts for "
        "both."
    ),
    (
        Column(
            "position",
            _("Position"),
            _("The order of the goal in the initiative's list of goals."),
            "integer",
            item("position"),
            required=True,
        ),
        Column("title", _("Goal"), _("The title of the goal."), "string", item("title")),
        Column(
            "measures",
            _("Measures"),
            _("How many published measures serve the goal."),
            "integer",
            lambda row: row["tally"].total,
        ),
        *(
            Column(
                f"measures_{status}",
                format_lazy("{}: {}", _("Measures"), Status(status).label),
                _("How many of them have this status."),
                "integer",
                _status_count(status),
            )
            for status in PUBLIC_STATUSES
        ),
        Column(
            "average_progress",
            _("Average progress in per cent"),
            _("The average progress of those measures, dropped ones left out."),
            "integer",
            lambda row: row["tally"].progress,
        ),
    ),
    rows=queries.goal_rows,
    primary_key=("position",),
)

DATASETS = {dataset.name: dataset for dataset in (MEASURES, MILESTONES, STATUS_HISTORY, GOALS)}
