"""Reads for the initiative's dashboard and its public page, on the measures side.

A fixed number of queries however large the catalogue: the figures are counted in SQL,
grouped by working group, status, traffic light and the overdue and stale flags; the
lists are capped, their counts come from the figures or, for the milestones, from a
window count in the same query."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from standort.core import charts
from standort.core.listing import Page, paginate
from standort.initiatives.models import Body

from .models import CLOSED_STATUSES, Measure, Milestone, StatusUpdate
from .queries import archived_is, next_open_milestone, overdue_condition
from .search import search

Status = Measure.Status

# Measures that are being carried out: an owner should report on them regularly.
RUNNING_STATUSES = (Status.ADOPTED, Status.IN_PROGRESS)
# What the public page shows: adopted, whatever became of it since; a dropped measure
# stays, as dropped and with its reason (the public learns what was given up, and why).
PUBLIC_STATUSES = (Status.ADOPTED, Status.IN_PROGRESS, Status.DONE, Status.ON_HOLD, Status.DROPPED)
# The traffic lights in the order the dashboard shows them; None: no status update yet.
LIGHTS = ("green", "amber", "red", None)
# How many rows a list on the dashboard shows; the rest is counted and linked.
LIST_LIMIT = 10
# Upcoming milestones: those due within this many days.
UPCOMING_DAYS = 90
# What a list shows of a measure's owner: the name only.
OWNER_NAME = ("owner__title", "owner__first_name", "owner__last_name")


def months_before(moment, months):
    """`moment` (a date or datetime) `months` calendar months earlier; the 31st becomes
    the last day of a shorter month."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


def stale_since(initiative, now):
    """The moment before which a running measure's last accepted update is too old,
    by the initiative's update interval; None when it has none."""
    months = initiative.update_interval_months
    return months_before(now, months) if months else None


def stale_condition(since):
    """A running measure whose last accepted status update is older than `since`, or
    which has none and was adopted (lacking a date: entered) before it."""
    no_update_since = Q(adopted_on__lt=since.date()) | Q(
        adopted_on__isnull=True, created_at__lt=since
    )
    return Q(status__in=RUNNING_STATUSES) & (
        Q(latest_update__accepted_at__lt=since) | (Q(latest_update__isnull=True) & no_update_since)
    )


def _late(today):
    """`queries.overdue_condition` as a CASE: SQLite then skips the milestone lookup for
    closed measures and those already late by their due date (bench/README.md)."""
    late_milestones = Milestone.objects.filter(
        measure=OuterRef("pk"), completed_on__isnull=True, due_on__lt=today
    )
    return Case(
        When(status__in=CLOSED_STATUSES, then=Value(False)),
        When(due_on__lt=today, then=Value(True)),
        When(Exists(late_milestones), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


STATUSES = tuple(Status.values)
_NO_LIGHTS = dict.fromkeys(LIGHTS, 0)
_NO_STATUSES = dict.fromkeys(STATUSES, 0)


class Tally:
    """Counts of some measures: in all, per traffic light and per status, how many
    are overdue and not up to date, and the progress of those still pursued (all but
    the dropped ones) added up. (A plain class with slots: the dashboard adds up a few
    hundred rows into some fifty of these.)"""

    __slots__ = (
        "total",
        "lights",
        "statuses",
        "overdue",
        "stale",
        "pursued",
        "progress_sum",
        "pursued_lights",
    )

    def __init__(self):
        self.total = self.overdue = self.stale = self.pursued = self.progress_sum = 0
        self.lights = dict(_NO_LIGHTS)
        self.statuses = dict(_NO_STATUSES)
        # The traffic lights of the measures still pursued: a dropped measure's last
        # light says nothing of where the plan stands (the charts per working group).
        self.pursued_lights = dict(_NO_LIGHTS)

    def add(self, status, light, count, overdue=False, stale=False, progress=0):
        self.total += count
        self.lights[light] += count
        self.statuses[status] += count
        if overdue:
            self.overdue += count
        if stale:
            self.stale += count
        # A dropped measure's progress says nothing of the plan's, as with the parts
        # of a measure (models.progress_of).
        if status != Status.DROPPED:
            self.pursued += count
            self.progress_sum += progress or 0
            self.pursued_lights[light] += count

    def include(self, other):
        """Adds the counts of `other` Tally to these."""
        self.total += other.total
        self.overdue += other.overdue
        self.stale += other.stale
        self.pursued += other.pursued
        self.progress_sum += other.progress_sum
        for light, count in other.lights.items():
            self.lights[light] += count
        for light, count in other.pursued_lights.items():
            self.pursued_lights[light] += count
        for status, count in other.statuses.items():
            self.statuses[status] += count

    @property
    def progress(self):
        """The average progress of the measures still pursued, in per cent, rounded."""
        return round(self.progress_sum / self.pursued) if self.pursued else 0

    def __repr__(self):
        return f"Tally(total={self.total}, lights={self.lights}, statuses={self.statuses})"


@dataclass
class Group:
    """A working group (or None: measures of no group) with its tally. On the public
    page a group's tally includes the measures of its sub-groups, which it lists."""

    pk: int | None
    name: str
    is_sub_group: bool = False
    tally: Tally = field(default_factory=Tally)
    sub_groups: list = field(default_factory=list)  # [Group], in the bodies' order

    @property
    def body_ids(self):
        """The bodies whose measures the group holds: its own and its sub-groups'."""
        return [self.pk, *(sub.pk for sub in self.sub_groups)]


@dataclass
class Figures:
    """The catalogue in numbers: everything, per status (each with its traffic
    lights) and per working group."""

    all: Tally
    by_status: dict  # status -> Tally
    groups: list  # [Group], in the order of the bodies, measures of no group last


def _bodies(initiative):
    return list(
        Body.objects.filter(initiative=initiative)
        .order_by("position", "name")
        .values_list("pk", "name", "kind", "parent_id")
    )


def _groups(bodies, tallies, *, keep_empty_groups):
    """[Group] in the bodies' order: those with measures, and (if `keep_empty_groups`)
    the working groups that have none yet; measures of no group last."""
    working = {Body.Kind.WORKING_GROUP, Body.Kind.SUB_GROUP}
    groups = []
    for pk, name, kind, parent_id in bodies:
        tally = tallies.pop(pk, None)
        if tally is not None or (keep_empty_groups and kind in working):
            groups.append(Group(pk, name, parent_id is not None, tally or Tally()))
    if None in tallies:
        groups.append(Group(None, "", tally=tallies.pop(None)))
    return groups


def tally_rows(measures, key, *, today, stale_before):
    """The current (not archived) measures of the queryset `measures` counted by `key`
    (a field or relation, such as "body_id" or, from an app above, "goals"), status,
    traffic light, overdue and stale flag, in one GROUP BY: rows of (key, status,
    light, overdue, stale, count, progress)."""
    measures = measures.filter(archived_is(False)).order_by()
    stale = (
        Case(When(stale_condition(stale_before), then=Value(True)), default=Value(False))
        if stale_before
        else Value(False)
    )
    return (
        measures.annotate(late=_late(today), stale=stale)
        .values_list(key, "status", "latest_update__traffic_light", "late", "stale")
        .annotate(n=Count("pk"), progress=Sum("progress"))
    )


def catalogue_figures(initiative, *, today, stale_before):
    """Figures of the initiative's current (not archived) measures. Two queries: the
    measures counted by working group, status, traffic light, overdue and stale flag
    (one GROUP BY), and the bodies' names."""
    rows = tally_rows(
        Measure.objects.filter(initiative=initiative),
        "body_id",
        today=today,
        stale_before=stale_before,
    )
    everything = Tally()
    by_status = {status: Tally() for status in STATUSES}
    by_body = {}
    for body_id, status, light, late, is_stale, count, progress in rows:
        body = by_body.get(body_id)
        if body is None:
            body = by_body[body_id] = Tally()
        for tally in (everything, by_status[status], body):
            tally.add(status, light, count, late, is_stale, progress)
    return Figures(
        all=everything,
        by_status=by_status,
        groups=_groups(_bodies(initiative), by_body, keep_empty_groups=True),
    )


def _counted(rows):
    """(rows, count): a capped list and the number of all rows it was taken from,
    read from the window count each row carries."""
    rows = list(rows)
    return rows, (rows[0].total if rows else 0)


def _running(initiative):
    return Measure.objects.filter(archived_is(False), initiative=initiative).exclude(
        status__in=CLOSED_STATUSES
    )


def overdue_measures(initiative, *, today, limit=LIST_LIMIT):
    """The first `limit` overdue measures by number, as the list filtered for them
    starts (their count is in `catalogue_figures`), each with its next open milestone
    (`next_milestone_on`, `next_milestone_title`). By number, the database stops after
    `limit` of them; longest overdue first, it had to examine every one."""
    return list(
        Measure.objects.filter(archived_is(False), initiative=initiative)
        .filter(overdue_condition(today))
        .select_related("body", "owner")
        .only("number", "title", "status", "due_on", "body__name", *OWNER_NAME)
        .annotate(
            next_milestone_on=next_open_milestone("due_on"),
            next_milestone_title=next_open_milestone("title"),
        )
        .order_by("number")[:limit]
    )


def _open_milestones(initiative):
    return Milestone.objects.filter(
        completed_on__isnull=True,
        measure__in=_running(initiative).order_by().values("pk"),
    )


def upcoming_milestones(initiative, *, today, days=UPCOMING_DAYS, limit=LIST_LIMIT):
    """(milestones, count): open milestones due from today on within `days` days."""
    milestones = (
        _open_milestones(initiative)
        .filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=days))
        .select_related("measure")
        .only("title", "due_on", "measure__number", "measure__title")
        .annotate(total=Window(Count("pk")))
        .order_by("due_on", "pk")
    )
    return _counted(milestones[:limit])


def stale_measures(initiative, *, stale_before, limit=LIST_LIMIT):
    """The first `limit` measures by number whose status is not up to date (see
    `stale_condition`; their count is in `catalogue_figures`)."""
    if stale_before is None:
        return []
    return list(
        Measure.objects.filter(archived_is(False), initiative=initiative)
        .filter(stale_condition(stale_before))
        .select_related("owner", "latest_update")
        .only("number", "title", "adopted_on", "latest_update__accepted_at", *OWNER_NAME)
        .order_by("number")[:limit]
    )


# The public page ------------------------------------------------------------------

# Rows of the public page: at most this many per page, whole working groups together
# (a larger group gets pages of its own).
PUBLIC_PAGE_ROWS = 100


def public_measures(initiative):
    """What anyone may see: adopted (and later) measures, dropped ones too, that are
    neither archived nor kept internal (as a new measure is until it is published)."""
    return Measure.objects.filter(
        archived_is(False),
        initiative=initiative,
        is_internal=False,
        status__in=PUBLIC_STATUSES,
    )


def public_state(measure):
    """Whether the public page shows `measure`, as public_measures decides for many,
    and if not, why: "shown"; "private" (the initiative has no public page),
    "internal", "archived" or "not_adopted" (released, shown once adopted)."""
    if not measure.initiative.is_public:
        return "private"
    if measure.is_internal:
        return "internal"
    if measure.is_archived:
        return "archived"
    if measure.status not in PUBLIC_STATUSES:
        return "not_adopted"
    return "shown"


@dataclass(frozen=True)
class PublicFilter:
    """What a visitor narrows the public page's list to: one status, one field of
    action (a topic's pk) and words to search for in number, title and description.
    `public_page` leaves out a value it does not offer (an old bookmark, a typed URL)
    rather than showing nothing; `PublicPage.narrow` is what it applied."""

    status: str = ""
    topic: int | None = None
    q: str = ""
    # The ids of the measures an app above narrows to (those serving a goal), or None.
    among: frozenset | None = None

    def __bool__(self):
        return bool(self.status or self.topic is not None or self.q or self.among is not None)


@dataclass
class PublicPage:
    """The public page's figures and one page of its measures, grouped."""

    all: Tally
    groups: list  # [Group] with public measures, sub-groups in theirs, in the bodies' order
    # [(Group, [(sub-group or None, [row])])] of this page: under each group its own
    # rows (None), then each sub-group's; a row is a PUBLIC_COLUMNS tuple.
    sections: list
    pages: Page  # which page of how many this is
    group: Group | None  # the group chosen, if one is
    found: Tally = field(default_factory=Tally)  # the measures listed, on all pages
    narrow: PublicFilter = PublicFilter()  # the filters applied
    topics: list = field(default_factory=list)  # [(pk, name)]: the fields of action offered

    @property
    def is_filtered(self):
        return bool(self.narrow)


PUBLIC_COLUMNS = (
    "number",
    "title",
    "status",
    "progress",
    "latest_update__traffic_light",
    "organization_name",
    "dropped_reason",
)


def _pages(groups, size):
    """Pages as [(Group, start, stop)]: whole groups together while a page has room
    for them (up to `size` rows, or one group however large); only a group of more
    than twice `size` rows is cut, into pieces of `size`."""
    pages, current, rows = [], [], 0
    for group in groups:
        total = group.tally.total
        if current and rows + total > size:
            pages.append(current)
            current, rows = [], 0
        if total > 2 * size:
            pages.extend(
                [(group, start, min(start + size, total))] for start in range(0, total, size)
            )
            continue
        current.append((group, 0, total))
        rows += total
    if current:
        pages.append(current)
    return pages or [[]]


COUNTED = ("body_id", "status", "latest_update__traffic_light", "topic_id")


@dataclass
class PublicCounts:
    """The public measures counted by working group, status, traffic light and field of
    action: the rows [(body, status, light, topic, count, progress)], their sums in all
    and per body, and the fields of action {pk: (position, name, pk)}."""

    rows: list
    all: Tally
    by_body: dict
    topics: dict


def public_counts(initiative):
    """PublicCounts of the initiative: one GROUP BY query whatever the page is filtered
    by. The same for every visitor while nothing changed, so the public page keeps
    them (home.views)."""
    rows = (
        public_measures(initiative)
        .order_by()
        .values_list(*COUNTED, "topic__name", "topic__position")
    )
    counts = PublicCounts([], Tally(), {}, {})
    for body_id, status, light, topic_id, name, position, count, progress in rows.annotate(
        n=Count("pk"), progress=Sum("progress")
    ):
        counts.rows.append((body_id, status, light, topic_id, count, progress))
        counts.all.add(status, light, count, progress=progress)
        _tally(counts.by_body, body_id).add(status, light, count, progress=progress)
        if topic_id is not None:
            counts.topics[topic_id] = (position, name, topic_id)
    return counts


def _among(measures, ids):
    return measures if ids is None else measures.filter(pk__in=ids)


def _matched_counts(measures, q):
    """[(body, status, light, topic, count, progress)] of the measures matching the
    search `q` (all, without one): one GROUP BY query over the matches only."""
    rows = (search(measures, q) if q else measures).order_by().values_list(*COUNTED)
    return list(rows.annotate(n=Count("pk"), progress=Sum("progress")))


def public_page(
    initiative, *, page=1, group=None, size=PUBLIC_PAGE_ROWS, narrow=PublicFilter(), counts=None
):
    """The public page: figures per working group (one GROUP BY query), the bodies'
    names (one query) and the measures of page `page` (one query), of all groups or
    of the group with pk `group` (0: measures of no group; a sub-group's pk: the group
    it belongs to), narrowed by the `PublicFilter` `narrow`. The figures are those of
    all public measures; the list and its count (`found`) those the filter finds. The
    status and the field of action are filtered in the counts (the same query
    whatever is chosen), the search counts its matches apart. `counts` are
    public_counts(initiative), if the caller kept them."""
    measures = public_measures(initiative)
    counted = public_counts(initiative) if counts is None else counts
    topics = counted.topics
    narrow = PublicFilter(
        status=narrow.status if narrow.status in PUBLIC_STATUSES else "",
        topic=narrow.topic if narrow.topic in topics else None,
        q=narrow.q,
        among=narrow.among,
    )
    everything, by_body, found_by_body = counted.all, counted.by_body, {}
    if narrow:
        # What the filter finds: of the matches only, where words are searched for or
        # the measures are chosen.
        if narrow.q or narrow.among is not None:
            rows = _matched_counts(_among(measures, narrow.among), narrow.q)
        else:
            rows = counted.rows
        for body_id, status, light, topic_id, count, progress in rows:
            if narrow.status in ("", status) and narrow.topic in (None, topic_id):
                _tally(found_by_body, body_id).add(status, light, count, progress=progress)
    bodies = _bodies(initiative)
    groups = _public_groups(bodies, by_body)
    listed = _public_groups(bodies, found_by_body) if narrow else groups
    if group is not None:
        chosen = next((g for g in groups if group in {pk or 0 for pk in g.body_ids}), None)
        if chosen is not None:
            listed = [g for g in listed if g.pk == chosen.pk]
    else:
        chosen = None
    found = Tally()
    for shown in listed:
        found.include(shown.tally)
    # A page of the list is one of _pages' pages of whole groups.
    pages = paginate(_pages(listed, size), page, per_page=1)
    sections = _page_rows(_narrowed(measures, narrow), pages.object_list[0])
    return PublicPage(
        everything,
        groups,
        sections,
        pages,
        chosen,
        found=found,
        narrow=narrow,
        topics=[(pk, name) for _position, name, pk in sorted(topics.values())],
    )


def public_figures(initiative):
    """The public measures' Tally in all, for a summary: one query."""
    return public_counts(initiative).all


def _tally(tallies, key):
    tally = tallies.get(key)
    if tally is None:
        tally = tallies[key] = Tally()
    return tally


def _narrowed(measures, narrow):
    measures = _among(measures, narrow.among)
    if narrow.status:
        measures = measures.filter(status=narrow.status)
    if narrow.topic is not None:
        measures = measures.filter(topic_id=narrow.topic)
    return search(measures, narrow.q) if narrow.q else measures


def public_measure(initiative, number):
    """{PUBLIC_COLUMNS: value} of the public measure of number `number`, what a card
    shows of it (nothing else is read), or None where the public page does not show
    it. One query."""
    rows = _public_columns(public_measures(initiative)).filter(number=number)
    return rows.values(*PUBLIC_COLUMNS).first()


def _public_columns(measures):
    return measures.annotate(
        organization_name=Coalesce("owner_organization__name", "owner__organization__name"),
        # Only a dropped measure's reason is public: why it was given up.
        dropped_reason=Case(
            When(status=Status.DROPPED, then="status_reason"),
            default=Value(""),
            output_field=TextField(),
        ),
    ).order_by("number")


def _public_groups(bodies, tallies):
    """The public page's [Group] in the bodies' order: each body of no parent with
    public measures of its own or of the bodies below it, which are its sub-groups
    (counted in its tally, whatever their depth); measures of no group last."""
    names = {pk: name for pk, name, _kind, _parent in bodies}
    parent_of = {pk: parent_id for pk, _name, _kind, parent_id in bodies}
    rolled = {}
    for pk, name, _kind, _parent in bodies:
        tally = tallies.get(pk)
        if tally is None:
            continue
        top = _top(pk, parent_of)
        group = rolled.get(top)
        if group is None:
            group = rolled[top] = Group(top, names[top])
        group.tally.include(tally)
        if pk != top:
            group.sub_groups.append(Group(pk, name, is_sub_group=True, tally=tally))
    groups = [rolled[pk] for pk, *_rest in bodies if pk in rolled]
    if None in tallies:
        groups.append(Group(None, "", tally=tallies[None]))
    return groups


def _top(pk, parent_of):
    """The body at the top of `pk`'s parents (a loop stops where it closes)."""
    seen = {pk}
    while (parent := parent_of.get(pk)) in parent_of and parent not in seen:
        seen.add(parent)
        pk = parent
    return pk


def _page_rows(measures, chunks):
    if not chunks:
        return []
    columns = _public_columns(measures)
    if len(chunks) == 1:
        group, start, stop = chunks[0]
        rows = columns.filter(_in_group(group))
        if group.sub_groups:
            # A group cut into pages runs in the order of its headings.
            rows = rows.order_by(_heading_order(group), "number")
        rows = rows.values_list("body_id", *PUBLIC_COLUMNS)[start:stop]
    else:
        ids = [pk for group, _start, _stop in chunks for pk in group.body_ids if pk is not None]
        condition = Q(body_id__in=ids)
        if any(group.pk is None for group, _start, _stop in chunks):
            condition |= Q(body__isnull=True)
        rows = columns.filter(condition).values_list("body_id", *PUBLIC_COLUMNS)
    by_body = {}
    for body_id, *row in rows:
        by_body.setdefault(body_id, []).append(row)
    return [(group, _parts(group, by_body)) for group, _start, _stop in chunks]


def _parts(group, by_body):
    """A group's rows under their headings: its own (None), then each sub-group's."""
    own = [(None, by_body[group.pk])] if group.pk in by_body else []
    return own + [(sub, by_body[sub.pk]) for sub in group.sub_groups if sub.pk in by_body]


def _in_group(group):
    return Q(body__isnull=True) if group.pk is None else Q(body_id__in=group.body_ids)


def _heading_order(group):
    return Case(
        *(When(body_id=pk, then=Value(n)) for n, pk in enumerate(group.body_ids)),
        output_field=IntegerField(),
    )


# Charts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """What the groups of a chart are, in words."""

    caption: str
    title: str
    row_header: str
    none: str  # the name of the group of measures in none


def by_working_group():
    return Grouping(
        caption=_("Status and traffic lights per working group"),
        title=_(
            "Bar chart: the measures of each working group by status, and those still "
            "pursued by traffic light. The table gives the same figures."
        ),
        row_header=_("Working group"),
        none=_("No working group"),
    )


def group_chart(groups, *, statuses=STATUSES, grouping=None):
    """The chart of `groups` ([Group]): per group (a working group, unless `grouping`
    says otherwise) one bar by status (the statuses of `statuses` any group has) and
    one by the traffic lights of the measures still pursued
    (core.templatetags.charts.group_bars draws it)."""
    grouping = grouping or by_working_group()
    shown = [s for s in statuses if any(g.tally.statuses[s] for g in groups)]
    status_keys = [(s, str(Status(s).label)) for s in shown]
    light_labels = dict(StatusUpdate.Light.choices)
    none_yet = pgettext("traffic light", "none yet")
    light_keys = [
        (light or "none", str(light_labels[light]) if light else none_yet) for light in LIGHTS
    ]
    status_caption, light_caption = _("Status"), _("Traffic light")
    rows = []
    for group in groups:
        tally = group.tally
        by_status = [(key, label, tally.statuses[key]) for key, label in status_keys]
        by_light = [
            (key, label, tally.pursued_lights[light])
            for light, (key, label) in zip(LIGHTS, light_keys, strict=True)
        ]
        rows.append(
            charts.Row(
                name=group.name or grouping.none,
                typed=bool(group.name),
                bars=[
                    charts.Bar(status_caption, by_status, sum(c for *_k, c in by_status)),
                    charts.Bar(light_caption, by_light, tally.pursued),
                ],
            )
        )
    return charts.GroupChart(
        caption=grouping.caption,
        title=grouping.title,
        row_header=grouping.row_header,
        legend=[(status_caption, status_keys), (light_caption, light_keys)],
        rows=rows,
    )
