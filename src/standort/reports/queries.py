"""Reads for the reports: what "Stand der Umsetzung" shows of a closed review, and the
list of an initiative's reports, each in a fixed number of queries."""

import base64
import logging
from dataclasses import dataclass, field, replace

from django.core.paginator import Paginator
from django.db.models import Avg, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext

from standort.core.files import IMAGE_TYPES, extension_of, svg_ratio
from standort.initiatives.queries import leading_organizations
from standort.measures import custom_fields
from standort.measures.asof import MeasureState, catalogue_as_of
from standort.measures.changes import changes_between
from standort.measures.models import Measure, ReportingPeriod, SnapshotRow, StatusUpdate
from standort.measures.services import end_of_day
from standort.reviews.models import ReviewCycle
from standort.reviews.queries import review_states

from . import columns as report_columns
from .models import Report

LIGHTS = [choice.value for choice in StatusUpdate.Light]
NO_ANSWER = "none"
log = logging.getLogger("standort.reports")


@dataclass
class Logo:
    """The logo of a leading organisation, as the cover of a report shows it."""

    name: str  # the organisation's: the logo's text alternative
    extension: str  # svg, png or jpeg
    content: bytes

    @property
    def content_type(self):
        return IMAGE_TYPES[self.extension]

    @property
    def data_uri(self):
        """The logo inside the document: WeasyPrint reads no uploaded files."""
        return f"data:{self.content_type};base64,{base64.b64encode(self.content).decode()}"

    @property
    def ratio(self):
        """Width ÷ height, for an SVG (Word needs it; PNG and JPEG say it themselves)."""
        return svg_ratio(self.content) if self.extension == "svg" else None


def cover_logos(initiative):
    """[Logo] of the initiative's leading organisations that have one, by name. One
    query, and a file read per logo; a file gone missing is left out."""
    logos = []
    for organization in leading_organizations(initiative).exclude(logo=""):
        try:
            with organization.logo.open("rb") as file:
                content = file.read()
        except OSError:
            log.warning("The logo of organisation %s is missing", organization.pk)
            continue
        extension = extension_of(organization.logo.name)
        if extension in IMAGE_TYPES:
            logos.append(Logo(organization.name, extension, content))
    return logos


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
    review: bool = True  # of a review (an answer); else on demand (a status report)
    achieved: str = ""
    next_steps: str = ""
    support_needed: str = ""
    custom_values: dict = field(default_factory=dict)  # the initiative's own fields
    # What the documents show under the measure's heading (columns.Entry): its facts,
    # and the texts of the answer.
    facts: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    # Of a report on demand: the milestones as the snapshot keeps them (dicts with
    # ISO dates), for the timeline under the measure.
    milestones: list = field(default_factory=list)
    body: str = ""  # the name of its working group then, "" without one
    # Tells apart a measure's places in a report by goal, which lists it under each.
    place: int = 0

    @property
    def milestone_chart_id(self):
        suffix = f"-{self.place}" if self.place else ""
        return f"report-milestones-{self.number}{suffix}"


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
class Figure:
    label: str
    value: int
    percent: bool = False


@dataclass
class ReportData:
    initiative: object
    cycle: object
    date: object  # the day its figures are from: when the review closed
    groups: list
    asked: int  # measures, each once however many groups list it
    answered: int
    lights: list  # [(value, label, count)], NO_ANSWER last
    statuses: list  # [(value, label, count)] of the statuses that occur
    columns: list = field(default_factory=list)  # columns.Column, with the own fields
    title: str = ""  # the review's title, or the title of a report on demand
    selection: str = ""  # which measures a report on demand shows, in words
    changes: object = None  # changes.Changes of "Changes since …", or None
    change_sections: list = field(default_factory=list)  # columns.ChangeSection
    # [(day, per cent, "")]: the average progress at the closed reviews and periods
    # before, and at this report's moment (plan_progress).
    progress_points: list = field(default_factory=list)
    # [Logo] of the leading organisations for the cover; filled by with_logos, so the
    # report's figures are read in a fixed number of queries of their own.
    logos: list = field(default_factory=list)
    by_goal: bool = False  # its groups are goals rather than working groups

    @property
    def is_review(self):
        return self.cycle is not None

    @property
    def figures(self):
        """[Figure] of the summary, in the active language: of a review, how many
        measures it asked and how many were answered; on demand, how many measures
        and how many with a status report."""
        if self.is_review:
            labels = (gettext("measures asked"), gettext("answered"), gettext("answer rate"))
        else:
            labels = (
                gettext("measures"),
                gettext("with a status report"),
                gettext("share with a status report"),
            )
        values = (self.asked, self.answered, self.answer_rate)
        return [
            Figure(label, value, index == 2)
            for index, (label, value) in enumerate(zip(labels, values, strict=True))
        ]

    @property
    def answer_rate(self):
        """Per cent of the measures asked that were answered, rounded."""
        return round(100 * self.answered / self.asked) if self.asked else 0

    @property
    def rows(self):
        """Each measure once, in the order of its first group."""
        rows = {}
        for group in self.groups:
            for row in group.rows:
                rows.setdefault(row.number, row)
        return list(rows.values())

    @property
    def group_label(self):
        return gettext("Goal") if self.by_goal else gettext("Working group")

    @property
    def lights_title(self):
        if self.by_goal:
            return gettext("Traffic lights per goal")
        return gettext("Traffic lights per working group")

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


def with_logos(data):
    """`data` with the logos of its initiative's leading organisations on the cover."""
    data.logos = cover_logos(data.initiative)
    return data


def light_labels(*, review=True):
    """{value: label} of the traffic lights and of "no answer" (outside a review: "no
    status report"), in the active language."""
    labels = {choice.value: str(choice.label) for choice in StatusUpdate.Light}
    labels[NO_ANSWER] = gettext("no answer") if review else gettext("no status report")
    return labels


def report_data(cycle):
    """The report of the closed review `cycle` (with its initiative): its measures by
    working group and the counts of its summary, as they stood when the review closed
    (`reviews.queries.review_states`), whatever became of them since. Two queries
    (the initiative's own fields, the review's snapshot), whatever the number of
    measures.

    Measures archived by then are left out, as everywhere else: they no longer
    belonged to the catalogue. Labels are in the active language."""
    states = review_states(cycle)
    return _report_data(
        cycle.initiative,
        states,
        cycle=cycle,
        title=cycle.title,
        # The review's snapshot is taken as it closes.
        date=timezone.localdate(cycle.closed_at),
        progress_points=plan_progress(cycle.initiative, states, until=cycle.closed_at),
    )


def demand_report_data(report):
    """The report on demand `report` (with its initiative and snapshot): the measures
    selected when it was asked for, as they stood then, and what changed since
    `report.since` (from the change history). Labels are in the active language."""
    snapshot = report.snapshot
    states = [MeasureState.of_row(row) for row in snapshot.rows.all()]
    for state in states:
        state.answered = bool(state.traffic_light)  # a status report stands in for an answer
    until = timezone.localdate(snapshot.taken_at)
    changes = None
    if report.since is not None and report.since < until:
        end_of_since = end_of_day(report.since)
        chosen = {state.measure_id for state in states if state.measure_id is not None}
        # The whole catalogue is read as such, not as a list of all its ids.
        only = chosen if report.selection else None
        before = [
            state
            for state in catalogue_as_of(report.initiative, end_of_since, only)
            if state.measure_id in chosen
        ]
        changes = changes_between(before, states, since=report.since, until=until)
    return _report_data(
        report.initiative,
        states,
        goal_groups=report.goal_groups,
        title=report.title,
        selection=report.selection,
        date=until,
        changes=changes,
        progress_points=plan_progress(report.initiative, states, until=snapshot.taken_at),
    )


def _report_data(initiative, states, *, cycle=None, date, changes=None, goal_groups=(), **extra):
    """The report of `states` (asof.MeasureState) by working group or, given
    `goal_groups` ([[title, [measure numbers]]]), by goal, with its counts. Measures
    archived by then are left out: they no longer belonged to the catalogue."""
    states = [state for state in states if not state.is_archived]
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
    columns = report_columns.columns_of(custom_fields.fields_of(initiative), bool(goal_groups))
    statuses = {choice.value: str(choice.label) for choice in Measure.Status}
    lights = light_labels(review=cycle is not None)
    rows = {}
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
            review=cycle is not None,
            milestones=state.milestones if cycle is None else [],
            body=state.body_name if state.body_id_then else "",
        )
        rows[state.number] = row
        if state.answered:
            answered += 1
            row.achieved = state.achieved
            row.next_steps = state.next_steps
            row.support_needed = state.support_needed
        status_counts[state.status] = status_counts.get(state.status, 0) + 1
        light_counts[light] += 1
    groups = _by_goal(rows, goal_groups) if goal_groups else _by_body(states, rows)
    for group in groups:
        for row in group.rows:
            row.facts = report_columns.entries(columns, report_columns.FACTS, group, row)
            if row.answered:
                row.texts = report_columns.entries(columns, report_columns.TEXTS, group, row)
    return ReportData(
        initiative=initiative,
        cycle=cycle,
        date=date,
        groups=groups,
        asked=len(rows),
        answered=answered,
        lights=[(value, lights[value], count) for value, count in light_counts.items()],
        statuses=[
            (value, statuses.get(value, value), count)
            for value, count in status_counts.items()
            if count
        ],
        columns=columns,
        change_sections=(
            report_columns.change_sections(changes, lights, statuses) if changes else []
        ),
        changes=changes,
        by_goal=bool(goal_groups),
        **extra,
    )


def _by_body(states, rows):
    """[Group] of the working groups the `states` (in the bodies' order) were in then,
    each with the rows ({number: Row}) of its measures."""
    groups, by_body = [], {}
    for state in states:
        group = by_body.get(state.body_id_then)
        if group is None:
            group = by_body[state.body_id_then] = Group(
                name=state.body_name if state.body_id_then else gettext("Without working group"),
                has_body=state.body_id_then is not None,
            )
            groups.append(group)
        group.rows.append(rows[state.number])
    return groups


def _by_goal(rows, goal_groups):
    """[Group] of the goals of `goal_groups` that serve a measure of `rows` ({number:
    Row}), in number order, then those of no goal. A measure serving two goals is in
    both groups, the second time as a copy with a `place` of its own."""
    groups, placed = [], set()
    for title, numbers in goal_groups:
        mine = [rows[number] for number in sorted(numbers) if number in rows]
        if not mine:
            continue
        group = Group(name=title)
        for row in mine:
            group.rows.append(replace(row, place=len(groups) + 1) if row.number in placed else row)
            placed.add(row.number)
        groups.append(group)
    rest = sorted(
        (row for row in rows.values() if row.number not in placed), key=lambda row: row.number
    )
    if rest:
        groups.append(Group(name=gettext("Without goal"), rows=rest, has_body=False))
    return groups


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
    reports = list(reports_of(initiative).exclude(cycle=None))
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


@dataclass
class DemandEntry:
    """One request of reports on demand: the snapshot they show, with a file each."""

    snapshot_id: int
    reports: list

    @property
    def title(self):
        return self.reports[0].title

    @property
    def selection(self):
        return self.reports[0].selection

    @property
    def since(self):
        return self.reports[0].since

    @property
    def by_goal(self):
        return bool(self.reports[0].goal_groups)


DEMAND_PAGE_SIZE = 10


def demand_reports(initiative, page_number=1):
    """(page, [DemandEntry]) of the initiative's reports on demand, the newest request
    first, DEMAND_PAGE_SIZE requests a page. Three queries."""
    requests = (
        Report.objects.filter(initiative=initiative, cycle=None)
        .exclude(snapshot=None)
        .values("snapshot_id")
        .annotate(newest=Max("created_at"))
        .order_by("-newest", "-snapshot_id")
    )
    page = Paginator(requests, DEMAND_PAGE_SIZE).get_page(page_number)
    chosen = [request["snapshot_id"] for request in page]
    formats = Report.Format.values
    by_snapshot = {snapshot_id: [] for snapshot_id in chosen}
    for report in reports_of(initiative).filter(snapshot_id__in=chosen):
        by_snapshot[report.snapshot_id].append(report)
    entries = [
        DemandEntry(snapshot_id, sorted(found, key=lambda r: formats.index(r.format)))
        for snapshot_id, found in by_snapshot.items()
    ]
    return page, entries


def last_demand_day(initiative):
    """The day of the newest report on demand, or None: where "changes since" starts
    unless the office says otherwise."""
    newest = (
        Report.objects.filter(initiative=initiative, cycle=None)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return timezone.localdate(newest) if newest else None


def periods_of(initiative):
    """The initiative's closed reporting periods, the latest day first."""
    return ReportingPeriod.objects.filter(initiative=initiative).select_related("closed_by")


def plan_progress(initiative, states, *, until):
    """[(day, per cent, "")] of the average progress of the measures of `states` at
    each closed review and reporting period before `until`, and of `states` itself at
    `until`: the plan's progress over time. Dropped and archived measures do not count.
    One query."""
    chosen = [state.measure_id for state in states if state.measure_id]
    earlier = (
        SnapshotRow.objects.filter(
            Q(snapshot__review__isnull=False) | Q(snapshot__period__isnull=False),
            snapshot__initiative=initiative,
            snapshot__taken_at__lt=until,
            measure_id__in=chosen,
            is_archived=False,
        )
        .exclude(status=Measure.Status.DROPPED)
        .order_by()
        .values("snapshot_id", "snapshot__taken_at")
        .annotate(average=Avg("progress"))
        .order_by("snapshot__taken_at")
    )
    points = [
        (timezone.localdate(row["snapshot__taken_at"]), round(row["average"]), "")
        for row in earlier
    ]
    counted = [
        s.progress for s in states if not s.is_archived and s.status != Measure.Status.DROPPED
    ]
    if counted:
        points.append((timezone.localdate(until), round(sum(counted) / len(counted)), ""))
    return points
