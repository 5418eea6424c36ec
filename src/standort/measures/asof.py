"""The catalogue as of a moment: status, traffic light, progress, owner, milestones and
archive state of every measure, either as it stands now (`catalogue_now`, from the
tables) or as it stood at a past moment (`catalogue_as_of`, from the change history).

Both give the same `MeasureState`s, which is also what a snapshot keeps
(`SnapshotRow`), so a page or a report reads all three alike. The history gives the
names of working groups, people and organisations as they were then too; a property
test holds the two readings equal over random sequences of edits."""

import dataclasses
import datetime

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from standort.core.history import records
from standort.initiatives.models import Body, Organization, Person, full_name

from .models import Measure, Milestone, SnapshotRow, StatusUpdate, Topic, progress_of


@dataclasses.dataclass
class MeasureState:
    """A measure at a moment: the columns of a `SnapshotRow`, and what its progress is
    computed from."""

    measure_id: int | None
    number: int
    title: str
    kind: str
    status: str
    status_reason: str = ""
    body_id_then: int | None = None
    body_name: str = ""
    body_position: int | None = None
    topic_name: str = ""
    parent_number: int | None = None
    owner_name: str = ""
    organization_name: str = ""
    due_on: datetime.date | None = None
    is_archived: bool = False
    is_internal: bool = False
    custom_values: dict = dataclasses.field(default_factory=dict)
    traffic_light: str = ""
    progress: int = 0
    reported_at: datetime.datetime | None = None
    achieved: str = ""
    next_steps: str = ""
    support_needed: str = ""
    milestones: list = dataclasses.field(default_factory=list)
    # Only in a status review's: whether the owner's answer counted (the traffic light,
    # progress and texts are then theirs), and whether the office entered it for them.
    answered: bool | None = None
    on_behalf: bool = False
    # Not kept in a snapshot: what the progress of the measure it is part of needs.
    parent_id: int | None = dataclasses.field(default=None, compare=False, repr=False)
    weight: int = dataclasses.field(default=1, compare=False, repr=False)

    def snapshot_row(self, snapshot):
        return SnapshotRow(snapshot=snapshot, **{name: getattr(self, name) for name in KEPT})

    @classmethod
    def of_row(cls, row):
        """The state a snapshot row keeps."""
        return cls(**{name: getattr(row, name) for name in KEPT})


# What a snapshot keeps of a state: everything but what its progress was computed from.
KEPT = [f.name for f in dataclasses.fields(MeasureState) if f.name not in ("parent_id", "weight")]


def _milestone(title, due_on, completed_on):
    return {
        "title": title,
        "due_on": due_on.isoformat(),
        "completed_on": completed_on.isoformat() if completed_on else None,
    }


def _milestone_order(item):
    return (item[0], item[1])  # due date, then id: the milestones' own order


def _update_fields(state, update):
    state.traffic_light = update.traffic_light
    state.reported_at = update.reported_at
    state.achieved = update.achieved
    state.next_steps = update.next_steps
    state.support_needed = update.support_needed


def _state(measure, *, body, topic, parent_number, owner_name, organization, milestones):
    """The state of `measure` (a measure or a historical record of one), with the
    related objects (or their historical records) of the same moment."""
    return MeasureState(
        measure_id=measure.id,
        number=measure.number,
        title=measure.title,
        kind=measure.kind,
        status=measure.status,
        status_reason=measure.status_reason,
        body_id_then=body.id if body else None,
        body_name=body.name if body else "",
        body_position=body.position if body else None,
        topic_name=topic.name if topic else "",
        parent_number=parent_number,
        owner_name=owner_name,
        organization_name=organization.name if organization else "",
        due_on=measure.due_on,
        is_archived=measure.is_archived,
        is_internal=measure.is_internal,
        custom_values=measure.custom_values,
        milestones=milestones,
        parent_id=measure.parent_id,
        weight=measure.weight,
    )


def catalogue_now(initiative, measures=None):
    """[MeasureState] of the initiative's measures (archived ones included), or of
    `measures` (a queryset of them), as they stand, in number order. Two queries."""
    chosen = Measure.objects.filter(initiative=initiative)
    if measures is not None:
        chosen = chosen.filter(pk__in=measures.values("pk"))
    measures = chosen.select_related(
        "body",
        "topic",
        "parent",
        "owner__organization",
        "owner_organization",
        "latest_update",
    ).order_by("number")
    milestones = {}
    for milestone in Milestone.objects.filter(measure__in=chosen).order_by("due_on", "pk"):
        milestones.setdefault(milestone.measure_id, []).append(
            _milestone(milestone.title, milestone.due_on, milestone.completed_on)
        )
    states = []
    for measure in measures:
        owner = measure.owner
        organization = measure.owner_organization or (owner.organization if owner else None)
        state = _state(
            measure,
            body=measure.body,
            topic=measure.topic,
            parent_number=measure.parent.number if measure.parent else None,
            owner_name=owner.full_name if owner else "",
            organization=organization,
            milestones=milestones.get(measure.pk, []),
        )
        state.progress = measure.progress
        if measure.latest_update is not None:
            _update_fields(state, measure.latest_update)
        states.append(state)
    return states


def _standing(model, moment, **conditions):
    """A query of the historical records of `model` matching `conditions` that stood
    at `moment`: each object's last record up to then, its deletion included."""
    history = records(model).model
    newest_first = Window(
        RowNumber(),
        partition_by=[F("id")],
        order_by=[F("history_date").desc(), F("history_id").desc()],
    )
    stood = history.objects.filter(history_date__lte=moment, **conditions)
    # The deletions are left out after the ranking, not before (a condition beside
    # the window's would go into the WHERE below it, and a deleted object would
    # rank its last record before the deletion first).
    return stood.annotate(newness=newest_first).filter(newness=1)


def _then(model, moment, fields=None, **conditions):
    """The historical records of `model` matching `conditions` that stood at `moment`,
    unless that record is the object's deletion. With `fields`, only those columns,
    as named tuples: a large catalogue has thousands of measures and tens of
    thousands of milestones, and read whole each would also decode its change list."""
    ranked = _standing(model, moment, **conditions)
    if fields is not None:
        ranked = ranked.values_list("history_type", *fields, named=True)
    return [record for record in ranked if record.history_type != "-"]


def _accepted_then(moment, measure_ids):
    """{measure id: its newest status update (by the date reported) accepted by
    `moment`, as it stood then}. The database picks them: of some ten updates per
    measure only that one is read."""
    history = records(StatusUpdate).model
    stood = _standing(StatusUpdate, moment, measure_id__in=measure_ids)
    newest_reported = Window(
        RowNumber(),
        partition_by=[F("measure_id")],
        order_by=[F("reported_at").desc(), F("id").desc()],
    )
    chosen = (
        history.objects.filter(history_id__in=stood.values("history_id"))
        .exclude(history_type="-")
        .filter(accepted_at__lte=moment)
        .annotate(newness=newest_reported)
        .filter(newness=1)
        .values_list(*UPDATE_FIELDS, named=True)
    )
    return {update.measure_id: update for update in chosen}


# What the catalogue reads of the measures, status updates and milestones of then.
MEASURE_FIELDS = (
    "id",
    "number",
    "title",
    "kind",
    "status",
    "status_reason",
    "body_id",
    "topic_id",
    "parent_id",
    "owner_id",
    "owner_organization_id",
    "due_on",
    "is_archived",
    "is_internal",
    "custom_values",
    "weight",
)
UPDATE_FIELDS = (
    "measure_id",
    "reported_at",
    "progress",
    "traffic_light",
    "achieved",
    "next_steps",
    "support_needed",
)
MILESTONE_FIELDS = ("id", "measure_id", "title", "due_on", "completed_on")


def _by_id(model, moment, ids):
    if not ids:
        return {}
    return {record.id: record for record in _then(model, moment, id__in=ids)}


def _with_parts(measures, chosen):
    """The ids of the `chosen` measures and of their parts (and theirs), as the
    historical `measures` of a moment link them."""
    parts = {}
    for measure in measures:
        parts.setdefault(measure.parent_id, []).append(measure.id)
    found, todo = set(), list(chosen)
    while todo:
        measure_id = todo.pop()
        if measure_id not in found:
            found.add(measure_id)
            todo.extend(parts.get(measure_id, []))
    return found


def catalogue_as_of(initiative, moment, measure_ids=None):
    """[MeasureState] of the initiative's measures as they stood at `moment`, read from
    the change history, in number order: the measures that existed then, each with
    its newest status update accepted by then, its milestones of then, and the names
    its working group, owner and organisation had then. Seven queries.

    With `measure_ids`, of those measures only, and of their parts, whose progress
    makes theirs: a report of a few hundred measures then reads only their status
    updates and milestones, not the whole catalogue's."""
    measures = sorted(
        _then(Measure, moment, MEASURE_FIELDS, initiative_id=initiative.pk),
        key=lambda m: m.number,
    )
    numbers = {m.id: m.number for m in measures}
    if measure_ids is None:
        measure_ids = records(Measure, initiative_id=initiative.pk).values("id")
    else:
        measure_ids = _with_parts(measures, set(measure_ids))
        measures = [m for m in measures if m.id in measure_ids]
    updates = _accepted_then(moment, measure_ids)
    milestones = {}
    for milestone in sorted(
        _then(Milestone, moment, MILESTONE_FIELDS, measure_id__in=measure_ids),
        key=lambda m: (m.due_on, m.id),
    ):
        milestones.setdefault(milestone.measure_id, []).append(
            _milestone(milestone.title, milestone.due_on, milestone.completed_on)
        )
    bodies = _by_id(Body, moment, {m.body_id for m in measures if m.body_id})
    topics = _by_id(Topic, moment, {m.topic_id for m in measures if m.topic_id})
    people = _by_id(Person, moment, {m.owner_id for m in measures if m.owner_id})
    organizations = _by_id(
        Organization,
        moment,
        {m.owner_organization_id for m in measures if m.owner_organization_id}
        | {p.organization_id for p in people.values() if p.organization_id},
    )
    states = []
    for measure in measures:
        body = bodies.get(measure.body_id)
        topic = topics.get(measure.topic_id)
        owner = people.get(measure.owner_id)
        organization = organizations.get(
            measure.owner_organization_id or (owner.organization_id if owner else None)
        )
        state = _state(
            measure,
            body=body,
            topic=topic,
            parent_number=numbers.get(measure.parent_id),
            owner_name=full_name(owner.title, owner.first_name, owner.last_name) if owner else "",
            organization=organization,
            milestones=milestones.get(measure.id, []),
        )
        update = updates.get(measure.id)
        if update is not None:
            _update_fields(state, update)
        states.append(state)
    _fill_progress(states, {m.id: updates[m.id].progress for m in measures if m.id in updates})
    return states


def _fill_progress(states, reported):
    """Sets each state's progress as the services keep it (`progress_of`): a measure's
    parts first, so a measure made of parts reads theirs."""
    by_id = {state.measure_id: state for state in states}
    parts = {}
    for state in states:
        if state.parent_id in by_id:
            parts.setdefault(state.parent_id, []).append(state)
    done = set()

    def fill(state, path=()):
        if state.measure_id in done or state.measure_id in path:
            return
        for part in parts.get(state.measure_id, []):
            fill(part, (*path, state.measure_id))
        state.progress = progress_of(
            state.status,
            reported.get(state.measure_id),
            [(p.weight, p.progress, p.status) for p in parts.get(state.measure_id, [])],
        )
        done.add(state.measure_id)

    for state in states:
        fill(state)
