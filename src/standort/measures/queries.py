"""Reads for the measure pages: querysets with their joins done, so a page's query
count does not grow with the number of measures."""

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone

from standort.core.history import records
from standort.initiatives.models import Body, Person

from .models import (
    CLOSED_STATUSES,
    Attachment,
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


def overdue_condition(today=None):
    """Overdue: not done or dropped, and its due date or an open milestone has passed."""
    today = today or timezone.localdate()
    late_milestones = Milestone.objects.filter(
        measure=OuterRef("pk"), completed_on__isnull=True, due_on__lt=today
    )
    return ~Q(status__in=CLOSED_STATUSES) & (Q(due_on__lt=today) | Exists(late_milestones))


# What a row of the list shows (see measure_badges.measure_rows).
LIST_COLUMNS = [
    "number",
    "title",
    "kind",
    "status",
    "progress",
    "due_on",
    "body__name",
    "topic__name",
    "owner__title",
    "owner__first_name",
    "owner__last_name",
    "owner_organization__name",
    "latest_update__traffic_light",
]


def list_columns(measures, *, overdue=True):
    """Adds what a list row or an export line shows: working group, topic, owner,
    latest update, next milestone and (unless `overdue` is False) the overdue flag,
    each a join or a subquery of the same query."""
    annotations = {
        "next_milestone_on": next_open_milestone("due_on"),
        "next_milestone_title": next_open_milestone("title"),
    }
    if overdue:
        annotations["is_overdue"] = ExpressionWrapper(
            overdue_condition(), output_field=BooleanField()
        )
    return (
        measures.select_related("body", "topic", "owner", "owner_organization", "latest_update")
        # Only the columns a row shows: the long texts of a measure and its neighbours
        # cost more to read and convert than the rest of the row.
        .only(*LIST_COLUMNS)
        .annotate(**annotations)
    )


def next_open_milestone(field):
    """A field of a measure's earliest open milestone, as a subquery of a measure query."""
    open_milestones = Milestone.objects.filter(measure=OuterRef("pk"), completed_on__isnull=True)
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


def measure_in(initiative, number):
    """One measure with everything its page shows, in a fixed number of queries."""
    return (
        Measure.objects.filter(initiative=initiative, number=number)
        .select_related(
            "initiative",
            "body",
            "topic",
            "owner__organization",
            "owner_organization",
            "adopted_by",
            "parent",
            "latest_update",
        )
        .prefetch_related(
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
    )


def measures_of_person(initiative, user):
    """ "My measures": those the user owns or is a partner of, with `is_overdue`."""
    if not user.is_authenticated:
        return []
    # The ids first, by owner and by partner, each through its index; an OR of both
    # conditions made the database read every measure of the initiative.
    people = Person.objects.filter(user=user).values("pk")
    owned = Measure.objects.filter(owner__in=people).order_by().values("pk")
    partnered = Partnership.objects.filter(person__in=people).order_by().values("measure_id")
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
