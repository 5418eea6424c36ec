"""Reads for the measure pages: querysets with their joins done, so a page's query
count does not grow with the number of measures."""

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.query import ModelIterable
from django.utils import timezone

from standort.core import slots
from standort.core.expressions import TableFunc
from standort.core.history import records, stamped
from standort.core.tenancy import across_initiatives
from standort.initiatives.models import Body, Initiative, Organization, Person

from .models import (
    CLOSED_STATUSES,
    Attachment,
    CustomField,
    Measure,
    Milestone,
    Partnership,
    StatusUpdate,
    Tag,
    Topic,
)


def archived_is(value):
    """The archived flag as an index can be searched by. Django writes a plain
    `is_archived=False` as `NOT is_archived`, which SQLite can only filter the
    initiative's rows by; as `IN (0)` it seeks: counting 5,000 measures per status took
    half the time."""
    return Q(is_archived__in=[value])


def _outer_measures_milestones(**conditions):
    """The milestones of the outer query's measure, for a subquery. Not scoped: the
    outer query is, and the scope's join back to the measure made PostgreSQL hash every
    late milestone of the initiative before it looked at a single row."""
    with across_initiatives():
        return Milestone.objects.filter(measure=OuterRef("pk"), **conditions)


def overdue_condition(today=None):
    """Overdue: not done or dropped, and its due date or an open milestone has passed."""
    today = today or timezone.localdate()
    late_milestones = _outer_measures_milestones(completed_on__isnull=True, due_on__lt=today)
    return ~Q(status__in=CLOSED_STATUSES) & (Q(due_on__lt=today) | Exists(late_milestones))


# Fields of the neighbours a measure page or list row shows, by relation of the measure.
NEIGHBOUR = "neighbour__"


class _WithNeighbours(ModelIterable):
    """Measures of `with_neighbours`: each neighbour its subqueries read is set on the
    measure as an instance with just those fields (the others deferred), as
    `select_related(…).only(…)` would."""

    def __iter__(self):
        relations = {}
        for key in self.queryset.query.annotations:
            if key.startswith(NEIGHBOUR):
                relation, name = key.removeprefix(NEIGHBOUR).split("__", 1)
                relations.setdefault(relation, []).append((name, key))
        neighbours = []
        for relation, names in relations.items():
            field = Measure._meta.get_field(relation)
            model = field.related_model
            keys = dict(names)
            # from_db takes the values in the order of the model's fields.
            columns = [
                f.attname for f in model._meta.concrete_fields if f.primary_key or f.attname in keys
            ]
            neighbours.append((field, model, columns, [keys.get(c) for c in columns]))
        db = self.queryset.db
        for measure in super().__iter__():
            for field, model, columns, keys in neighbours:
                pk = getattr(measure, field.attname)
                neighbour = None
                if pk is not None:
                    values = [pk if key is None else getattr(measure, key) for key in keys]
                    neighbour = model.from_db(db, columns, values)
                field.set_cached_value(measure, neighbour)
            yield measure


class _Neighbour(TableFunc):
    """A field of the row a foreign key of the measure points to, as a subquery. An
    expression of its own rather than a `Subquery` of a queryset: compiling a queryset
    per field cost the measure page more CPU than the joins it replaces. It reads no
    other initiative's rows: the key is the measure's, and the measure is in scope."""

    template = (
        "(SELECT neighbour.%(column)s FROM %(table)s neighbour"
        " WHERE neighbour.%(pk)s = %(expressions)s)"
    )

    def __init__(self, field, name):
        self.neighbour = field.related_model._meta
        self.column = self.neighbour.get_field(name).column
        super().__init__(F(field.attname), output_field=self.neighbour.get_field(name))

    def names(self):
        return {
            "table": self.neighbour.db_table,
            "column": self.column,
            "pk": self.neighbour.pk.column,
        }


def with_neighbours(measures, **fields):
    """`measures` with fields of their neighbours (`body=["name"]`: the name of the
    working group, as `measure.body.name`), each read by a subquery of the measure's
    query instead of a join. On PostgreSQL the joins of `select_related` made planning
    the list's query take 16 ms and the measure page's 26 ms, for well under 1 ms of
    executing; with subqueries each plans in under 1 ms (bench/README.md, "Plans")."""
    annotations = {}
    for relation, names in fields.items():
        field = Measure._meta.get_field(relation)
        for name in names:
            annotations[f"{NEIGHBOUR}{relation}__{name}"] = _Neighbour(field, name)
    measures = measures.annotate(**annotations)
    measures._iterable_class = _WithNeighbours
    return measures


# What a row of the list shows (see measure_badges.measure_rows): its own columns and
# those of its neighbours.
LIST_COLUMNS = [
    "number",
    "title",
    "kind",
    "status",
    "progress",
    "due_on",
    "body",
    "topic",
    "owner",
    "owner_organization",
    "latest_update",
]
LIST_NEIGHBOURS = {
    "body": ["name"],
    "topic": ["name"],
    "owner": ["title", "first_name", "last_name"],
    "owner_organization": ["name"],
    "latest_update": ["traffic_light"],
}


def list_columns(measures, *, overdue=True):
    """Adds what a list row or an export line shows: working group, topic, owner,
    latest update, next milestone and (unless `overdue` is False) the overdue flag,
    each a subquery of the same query."""
    annotations = {
        "next_milestone_on": next_open_milestone("due_on"),
        "next_milestone_title": next_open_milestone("title"),
    }
    if overdue:
        annotations["is_overdue"] = ExpressionWrapper(
            overdue_condition(), output_field=BooleanField()
        )
    # Only the columns a row shows: the long texts of a measure and its neighbours
    # cost more to read and convert than the rest of the row.
    measures = measures.only(*LIST_COLUMNS).annotate(**annotations)
    return with_neighbours(measures, **LIST_NEIGHBOURS)


def parent_number():
    """The number of the measure a part belongs to, as a subquery of a measure query."""
    return _Neighbour(Measure._meta.get_field("parent"), "number")


def next_open_milestone(field):
    """A field of a measure's earliest open milestone, as a subquery of a measure query."""
    open_milestones = _outer_measures_milestones(completed_on__isnull=True)
    return Subquery(open_milestones.order_by("due_on", "pk").values(field)[:1])


def row_is_overdue(row, today):
    """`overdue_condition` for a row of `list_columns`, in Python (the list page's
    rows, which hold both dates already; compiling the condition into every list
    query would cost more than the comparison). The next
    milestone is the earliest open one, so an open milestone is late exactly when
    that one is."""
    if row.status in CLOSED_STATUSES:
        return False
    return any(day is not None and day < today for day in (row.due_on, row.next_milestone_on))


def measures_for(initiative, *, include_archived=False):
    """The initiative's measures with their list columns."""
    measures = Measure.objects.filter(initiative=initiative)
    if not include_archived:
        measures = measures.filter(archived_is(False))
    return list_columns(measures)


def filter_options(initiative):
    """{"body" | "topic" | "tag": [(pk, name)]}: what the list filters offer, all
    three lists in one query (a query costs more than its rows here)."""

    def part(queryset, kind, position="position"):
        kind = Value(kind, output_field=CharField())
        return queryset.order_by().values_list(kind, "pk", "name", position)

    rows = part(Body.objects.filter(initiative=initiative), "body").union(
        part(Topic.objects.filter(initiative=initiative), "topic"),
        part(Tag.objects.filter(initiative=initiative), "tag", Value(0)),
        all=True,
    )
    options = {"body": [], "topic": [], "tag": []}
    for kind, pk, name, _position in rows.order_by("position", "name"):
        options[kind].append((pk, name))
    return options


def status_counts(measures):
    """[(status, label, count)] for the measures, every status, in one query."""
    rows = measures.order_by().values_list("status").annotate(n=Count("*"))
    counts = dict(rows)
    return [(value, label, counts.get(value, 0)) for value, label in Measure.Status.choices]


def status_summary(initiative):
    """[(status, label, count)] of the initiative's live measures, statuses without any
    left out: the catalogue in one line on the initiative home. One query, on the plain
    table (the index on initiative, archived flag and status covers it), not on the
    list's rows with their joins."""
    live = Measure.objects.filter(archived_is(False), initiative=initiative)
    return [row for row in status_counts(live) if row[2]]


# A body's page lists this many of its measures and links to the list for the rest.
BODY_MEASURES = 10


def body_measures(body, *, limit=BODY_MEASURES):
    """(measures, count): the first `limit` measures of a working group
    (`Measure.body`) by number, with status and traffic light, and the number of all of
    them (a window count each row carries: one query). The live ones, as the measure
    list shows them to everyone who may see it: internal measures too, archived ones
    not (they are the office's to list)."""
    measures = with_neighbours(
        Measure.objects.filter(archived_is(False), initiative_id=body.initiative_id, body=body)
        .only("number", "title", "status", "latest_update")
        .annotate(total=Window(Count("pk")))
        .order_by("number"),
        latest_update=["traffic_light"],
    )
    rows = list(measures[:limit])
    return rows, (rows[0].total if rows else 0)


# What a measure's page shows, besides what the apps above add to it (they keep their
# own stamps): the measure, its parts and parent, milestones, partners, files and
# updates, and the names of the groups, people, organisations, fields of action and own
# fields it gives. (A change of tags leaves a record of the measure.) The list shows
# and filters by part of these.
PAGE_STAMPED_MODELS = (
    Measure,
    Milestone,
    Partnership,
    Attachment,
    StatusUpdate,
    Body,
    Person,
    Organization,
    Topic,
    CustomField,
)


def catalogue_stamp(initiative):
    """The initiative with the `stamp` of PAGE_STAMPED_MODELS: the list keeps its rows
    for as long as it holds."""
    return stamped(
        Initiative.objects.filter(pk=initiative.pk).only("pk", "created_at"), PAGE_STAMPED_MODELS
    )


def measure_head(initiative, number):
    """The measure of a page, without what hangs on it, or None; with its `stamp` of
    PAGE_STAMPED_MODELS and of what the apps above show among its facts (they keep
    it with the rest). The page keeps what it shows of the measure for as long as the
    stamp holds, and reads the rest (`measure_in`) only to render it anew."""
    measure = stamped(
        Measure.objects.filter(initiative=initiative, number=number),
        (*PAGE_STAMPED_MODELS, *slots.stamped_by("measure.facts")),
    )
    if measure is not None:
        Measure.initiative.field.set_cached_value(measure, initiative)
    return measure


def measure_in(initiative, number):
    """One measure with everything its page shows, in a fixed number of queries, or
    None. Its neighbours come by subqueries (`with_neighbours`), and the query has no
    LIMIT, unlike `.get()`'s: on PostgreSQL a LIMIT over the joins made planning the
    query take 26 ms instead of 10, for half a millisecond of executing it."""
    measures = with_neighbours(
        Measure.objects.filter(initiative=initiative, number=number),
        body=["name"],
        topic=["name"],
        owner=["title", "first_name", "last_name"],
        owner_organization=["name"],
        adopted_by=["name"],
        parent=["number", "title"],
        latest_update=["traffic_light"],
    ).prefetch_related(
        "tags",
        Prefetch(
            "partnerships",
            queryset=Partnership.objects.select_related("person", "organization"),
        ),
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
        Prefetch("attachments", queryset=Attachment.objects.order_by("name", "pk")),
        Prefetch(
            "children",
            queryset=Measure.objects.filter(is_archived=False)
            .select_related("owner", "latest_update")
            .order_by("number"),
        ),
        Prefetch(
            "updates",
            queryset=StatusUpdate.objects.filter(accepted_at__isnull=False)
            .select_related("reported_by")
            .order_by("-reported_at", "-pk"),
        ),
    )
    for measure in measures:  # at most one: the number is unique in the initiative
        Measure.initiative.field.set_cached_value(measure, initiative)
        return measure
    return None


def measures_of_person(initiative, user):
    """ "My measures": those the user owns or is a partner of, with `is_overdue`."""
    if not user.is_authenticated:
        return []
    # The ids first, by owner and by partner, each through its index; an OR of both
    # conditions made the database read every measure of the initiative. Starting from
    # the user's persons: as measures and partnerships (their managers add the
    # initiative), SQLite took the initiative's index and read all its measures.
    people = Person.objects.filter(user=user).order_by()
    owned = people.filter(owned_measures__isnull=False).values("owned_measures")
    partnered = people.filter(partnerships__isnull=False).values("partnerships__measure")
    mine = list(
        Measure.objects.filter(archived_is(False), initiative=initiative)
        .filter(pk__in=owned.union(partnered))
        .select_related("latest_update", "body")
        .annotate(next_milestone_on=next_open_milestone("due_on"))
        .order_by("number")
    )
    today = timezone.localdate()
    for measure in mine:
        measure.is_overdue = row_is_overdue(measure, today)
    return mine


def parent_choices(initiative, exclude=None):
    measures = Measure.objects.filter(initiative=initiative, is_archived=False).only(
        "pk", "number", "title"
    )
    if exclude is not None and exclude.pk:
        measures = measures.exclude(pk=exclude.pk)
    return measures.order_by("number")


def erased_measures(initiative):
    """The records of the initiative's erased measures, for its history: their own
    pages are gone with them."""
    return records(Measure, initiative_id=initiative.pk, history_type="-")


def measure_history(measure):
    """Record sets of a measure's history page: the measure and what hangs on it."""
    return (
        records(Measure, id=measure.pk),
        records(Milestone, measure_id=measure.pk),
        records(Partnership, measure_id=measure.pk),
        records(Attachment, measure_id=measure.pk),
    )


def progress_points(measure):
    """[(day, per cent, traffic light)] of the measure's accepted status updates, the
    oldest first (from its prefetched `updates`, newest first): its progress over time."""
    return [
        (timezone.localdate(update.reported_at), update.progress, update.traffic_light)
        for update in reversed(measure.updates.all())
    ]
