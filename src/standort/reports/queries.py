"""Reads for the reports: what "Stand der Umsetzung" shows of a closed review, and the
list of an initiative's reports, each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from standort.measures import custom_fields
from standort.measures.models import Measure, StatusUpdate
from standort.reviews.models import ReviewCycle
from standort.reviews.queries import review_states

from . import columns as report_columns
from .models import Report

LIGHTS = [choice.value for choice in StatusUpdate.Light]
NO_ANSWER = "none"


@dataclass
class Row:
    """One measure of the review as the report shows it."""

    number: int
    title: str
    owner: str
    organization: str
    status: str
    status_label: str
    progress: int | None
    answered: bool
    light: str  # a StatusUpdate.Light value, or NO_ANSWER
    light_label: str
    on_behalf: bool  # the office entered the answer for the owner
    achieved: str = ""
    next_steps: str = ""
    support_needed: str = ""
    custom_values: dict = field(default_factory=dict)  # the initiative's own fields
    # What the documents show under the measure's heading (columns.Entry): its facts,
    # and the texts of the answer.
    facts: list = field(default_factory=list)
    texts: list = field(default_factory=list)


@dataclass
class Group:
    """A working group (or "no working group") with its measures in number order."""

    name: str
    rows: list = field(default_factory=list)
    has_body: bool = True  # False: the name is "no working group", in the UI's language

    def light_counts(self):
        counts = dict.fromkeys([*LIGHTS, NO_ANSWER], 0)
        for row in self.rows:
            counts[row.light] += 1
        return counts


@dataclass
class ReportData:
    initiative: object
    cycle: object
    date: object  # the day its figures are from: when the review closed
    groups: list
    asked: int
    answered: int
    lights: list  # [(value, label, count)], NO_ANSWER last
    statuses: list  # [(value, label, count)] of the statuses that occur
    columns: list = field(default_factory=list)  # columns.Column, with the own fields

    @property
    def answer_rate(self):
        """Per cent of the measures asked that were answered, rounded."""
        return round(100 * self.answered / self.asked) if self.asked else 0

    @property
    def rows(self):
        return [row for group in self.groups for row in group.rows]

    @property
    def light_labels(self):
        """[(value, label)] of the traffic lights and of "no answer"."""
        return [(value, label) for value, label, _count in self.lights]

    @property
    def lights_by_group(self):
        """[(group name, [count per light, "no answer" last], total)] for the chart."""
        return [
            (group.name, list(group.light_counts().values()), len(group.rows))
            for group in self.groups
        ]


def light_labels():
    """{value: label} of the traffic lights and of "no answer", in the active language."""
    labels = {choice.value: str(choice.label) for choice in StatusUpdate.Light}
    labels[NO_ANSWER] = gettext("no answer")
    return labels


def report_data(cycle):
    """The report of the closed review `cycle` (with its initiative): its measures by
    working group and the counts of its summary, as they stood when the review closed
    (`reviews.queries.review_states`), whatever became of them since. Two queries
    (the initiative's own fields, the review's snapshot), whatever the number of
    measures.

    Measures archived by then are left out, as everywhere else: they no longer
    belonged to the catalogue. Labels are in the active language."""
    states = [state for state in review_states(cycle) if not state.is_archived]
    states.sort(
        key=lambda s: (
            s.body_position is None,
            s.body_position or 0,
            s.body_id_then is None,
            s.body_name,
            s.body_id_then or 0,
            s.number,
        )
    )
    columns = report_columns.columns_of(custom_fields.fields_of(cycle.initiative))
    statuses = {choice.value: str(choice.label) for choice in Measure.Status}
    lights = light_labels()
    without_group = gettext("Without working group")
    groups, by_body = [], {}
    status_counts = dict.fromkeys(statuses, 0)
    light_counts = dict.fromkeys([*LIGHTS, NO_ANSWER], 0)
    answered = 0
    for state in states:
        light = (state.traffic_light or NO_ANSWER) if state.answered else NO_ANSWER
        row = Row(
            number=state.number,
            title=state.title,
            owner=state.owner_name,
            organization=state.organization_name,
            status=state.status,
            status_label=statuses.get(state.status, state.status),
            # Without an answer: the measure's progress as last reported.
            progress=state.progress,
            answered=bool(state.answered),
            light=light,
            light_label=lights[light],
            on_behalf=bool(state.answered) and state.on_behalf,
            custom_values=state.custom_values,
        )
        if state.answered:
            answered += 1
            row.achieved = state.achieved
            row.next_steps = state.next_steps
            row.support_needed = state.support_needed
        status_counts[state.status] = status_counts.get(state.status, 0) + 1
        light_counts[light] += 1
        if state.body_id_then not in by_body:
            by_body[state.body_id_then] = Group(
                name=state.body_name if state.body_id_then else without_group,
                has_body=state.body_id_then is not None,
            )
            groups.append(by_body[state.body_id_then])
        by_body[state.body_id_then].rows.append(row)
    for group in groups:
        for row in group.rows:
            row.facts = report_columns.entries(columns, report_columns.FACTS, group, row)
            if row.answered:
                row.texts = report_columns.entries(columns, report_columns.TEXTS, group, row)
    return ReportData(
        initiative=cycle.initiative,
        cycle=cycle,
        # The review's snapshot is taken as it closes.
        date=timezone.localdate(cycle.closed_at),
        groups=groups,
        asked=sum(len(g.rows) for g in groups),
        answered=answered,
        lights=[(value, lights[value], count) for value, count in light_counts.items()],
        statuses=[
            (value, statuses.get(value, value), count)
            for value, count in status_counts.items()
            if count
        ],
        columns=columns,
    )


def closed_cycles(initiative):
    """The initiative's closed reviews, the last closed first."""
    return ReviewCycle.objects.filter(
        initiative=initiative, state=ReviewCycle.State.CLOSED
    ).order_by(F("closed_at").desc(nulls_last=True), "-deadline", "-pk")


def reports_of(initiative):
    """The initiative's reports without their files, the newest first."""
    return (
        Report.objects.filter(initiative=initiative)
        .defer("content")
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


@dataclass
class ReviewReports:
    """A closed review with its reports (one per format at most)."""

    cycle: object
    reports: list
    missing: list  # formats without a report

    @property
    def newest(self):
        return max((r.created_at for r in self.reports), default=None)


def reports_by_review(initiative):
    """[ReviewReports] of the initiative's closed reviews: reviews with reports first,
    the newest report first; then the reviews without any, the last closed first.
    Two queries."""
    cycles = list(closed_cycles(initiative))
    reports = list(reports_of(initiative))
    by_cycle = {cycle.pk: [] for cycle in cycles}
    for report in reports:
        by_cycle.setdefault(report.cycle_id, []).append(report)
    formats = [choice.value for choice in Report.Format]
    entries = []
    for cycle in cycles:
        found = sorted(by_cycle[cycle.pk], key=lambda r: formats.index(r.format))
        have = {r.format for r in found}
        entries.append(
            ReviewReports(cycle=cycle, reports=found, missing=[f for f in formats if f not in have])
        )
    with_reports = sorted((e for e in entries if e.reports), key=lambda e: e.newest, reverse=True)
    return with_reports + [e for e in entries if not e.reports]
