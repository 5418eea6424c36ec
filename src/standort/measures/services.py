"""Writes on measures and everything hanging on them.

Every function takes the acting user, runs in one transaction, records the actor in
the change history and raises DomainError with a message for the user when the change
is not allowed. The computed columns of a measure (progress, latest update, search
text) are kept up to date here, so lists filter and sort on them in SQL."""

import dataclasses
import datetime
import logging
import uuid

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from standort.core.history import records
from standort.core.services import DomainError, delete, save

from . import bulk, custom_fields, signals
from .asof import catalogue_as_of, catalogue_now
from .models import (
    CLOSED_STATUSES,
    REASON_REQUIRED,
    TRANSITIONS,
    Attachment,
    CustomField,
    Measure,
    Partnership,
    ReportingPeriod,
    Snapshot,
    SnapshotRow,
    Tag,
    needs_reason,
    progress_of,
)
from .search import search_text_of

__all__ = ["DomainError"]

log = logging.getLogger("standort.services")


# Measures ---------------------------------------------------------------------


def next_number(initiative):
    return (Measure.objects.filter(initiative=initiative).aggregate(n=Max("number"))["n"] or 0) + 1


def _check_parent(measure):
    parent = measure.parent
    if parent is None:
        return
    if parent.initiative_id != measure.initiative_id:
        raise DomainError(_("The measure it is part of belongs to another initiative."))
    seen = set()
    while parent is not None and parent.pk not in seen:
        if measure.pk is not None and parent.pk == measure.pk:
            raise DomainError(_("A measure cannot be part of itself or of one of its parts."))
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def measure_save(*, actor, measure, tags=None, expected_version=None):
    """Creates or updates a measure. `tags` (names) replaces its tags when given."""
    _check_parent(measure)
    if measure.number is None:
        measure.number = next_number(measure.initiative)
    elif (
        Measure.objects.filter(initiative_id=measure.initiative_id, number=measure.number)
        .exclude(pk=measure.pk)
        .exists()
    ):
        raise DomainError(_("Number %(number)s is taken.") % {"number": measure.number})
    if measure.owner_id and not measure.owner_organization_id:
        measure.owner_organization_id = measure.owner.organization_id
    previous_parent_id = None
    if measure.pk:
        previous_parent_id = (
            Measure.objects.filter(pk=measure.pk).values_list("parent_id", flat=True).first()
        )
    old_tags = _tag_names(measure.tags.all()) if measure.pk and tags is not None else []
    measure.search_text = search_text_of(measure)
    save(actor, measure, expected_version)
    if tags is not None:
        _record_tag_change(measure, old_tags, _tag_names(set(set_tags(measure, tags))))
    refresh_progress(measure)
    if previous_parent_id and previous_parent_id != measure.parent_id:
        refresh_progress(Measure.objects.get(pk=previous_parent_id))
    return measure


def _tag_names(tags):
    return sorted((tag.name for tag in tags), key=str.casefold)


def _record_tag_change(measure, old, new):
    """Adds changed tags to the history record the save has just written: simple-history
    records a measure's own columns, not the tags it links."""
    if old == new:
        return
    record = records(Measure, id=measure.pk).order_by("-history_date", "-history_id").first()
    if record is None:
        return
    record.history_changes = record.history_changes or {"subject": str(measure), "changes": []}
    record.history_changes["changes"].append(["tags", ", ".join(old), ", ".join(new)])
    record.save(update_fields=["history_changes"])


def set_tags(measure, names):
    """Replaces the measure's tags by those `names`, making the missing ones. Returns
    the tags."""
    names = sorted({name.strip()[:50] for name in names if name.strip()}, key=str.casefold)
    existing = {
        t.name.casefold(): t for t in Tag.objects.filter(initiative_id=measure.initiative_id)
    }
    tags = []
    for name in names:
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag.objects.create(initiative_id=measure.initiative_id, name=name)
            existing[name.casefold()] = tag
        tags.append(tag)
    measure.tags.set(tags)
    return tags


@dataclasses.dataclass(frozen=True)
class StatusRefusal:
    """Why a measure cannot take a status: `field` is "status" where its life does not
    lead there, "status_reason" where the reason is missing."""

    field: str
    message: str


def status_refusal(*, old, new, reason):
    """The StatusRefusal of a measure that is `old` (None: a new measure) becoming `new`
    with `reason`, or None where it may. The one rule of the status form,
    measure_set_status and the import."""
    if old is not None and new != old and new not in TRANSITIONS[old]:
        return StatusRefusal(
            "status",
            _("A measure that is “%(old)s” cannot become “%(new)s”.")
            % {"old": Measure.Status(old).label, "new": Measure.Status(new).label},
        )
    if needs_reason(old, new) and not reason.strip():
        if new in REASON_REQUIRED:
            return StatusRefusal("status_reason", _("Please give a reason for this status."))
        return StatusRefusal(
            "status_reason", _("Please give a reason for taking up this measure again.")
        )
    return None


@transaction.atomic
def measure_set_status(*, actor, measure, status, reason="", expected_version=None, **adoption):
    """Moves a measure along its life. `adoption` may carry adopted_by, adopted_on and
    decision when it is adopted."""
    refusal = status_refusal(old=measure.status, new=status, reason=reason)
    if refusal is not None:
        raise DomainError(refusal.message)
    old = measure.status
    measure.status = status
    measure.status_reason = reason.strip()
    for name, value in adoption.items():
        setattr(measure, name, value)
    if status == Measure.Status.ADOPTED and not measure.adopted_on:
        measure.adopted_on = timezone.localdate()
    measure_save(actor=actor, measure=measure, expected_version=expected_version)
    if status != old:
        signals.status_changed.send(Measure, measure=measure, actor=actor, old=old, new=status)
    return measure


@transaction.atomic
def measure_delete(*, actor, measure):
    """Erases a measure, or archives it when it has accepted status updates (they are
    part of the record of the initiative; a draft answer of a running review is not).
    Returns True when erased, False when archived."""
    if measure.children.exists():
        raise DomainError(_("This measure has parts. Move or delete them first."))
    if measure.updates.accepted().exists():
        measure.is_archived = True
        measure_save(actor=actor, measure=measure)
        return False
    parent = measure.parent
    delete(actor, measure)
    if parent is not None:
        refresh_progress(parent)
    return True


@transaction.atomic
def measure_restore(*, actor, measure):
    measure.is_archived = False
    return measure_save(actor=actor, measure=measure)


@transaction.atomic
def measure_publish(*, actor, measure, public=True):
    """Releases the measure for the initiative's public page, which shows it from its
    adoption on (dashboard.public_measures), or with `public=False` keeps it internal
    again. A new measure is internal until someone releases it. The history records
    who did; a measure that is so already stays untouched."""
    if measure.is_internal == public:
        measure.is_internal = not public
        measure_save(actor=actor, measure=measure)
    return measure


def own_progress(measure, parts):
    """A measure's progress (`progress_of`); `parts`: (weight, progress, status) of the
    measures it is made of."""
    reported = measure.latest_update.progress if measure.latest_update_id is not None else None
    return progress_of(measure.status, reported, parts)


def refresh_progress(measure):
    """Recomputes the progress of `measure` and of the measures it is part of."""
    seen = set()
    while measure is not None and measure.pk not in seen:
        seen.add(measure.pk)
        parts = measure.children.values_list("weight", "progress", "status")
        progress = own_progress(measure, parts)
        if progress != measure.progress:
            Measure.objects.filter(pk=measure.pk).update(progress=progress)
            measure.progress = progress
        measure = measure.parent


def set_custom_values(measure, fields, cleaned):
    """Takes the values of `fields` from `cleaned` (field key -> Python value)."""
    measure.custom_values = custom_values_with(measure.custom_values, fields, cleaned)


def custom_values_with(stored, fields, cleaned):
    """The stored own values `stored` with those of `fields` taken from `cleaned`."""
    values = dict(stored)
    for field in fields:
        value = custom_fields.to_stored(field, cleaned.get(field.key))
        if value is None:
            values.pop(field.key, None)
        else:
            values[field.key] = value
    return values


# Many measures at once: the import of a list -------------------------------------


@dataclasses.dataclass(eq=False)
class MeasureChange:
    """What measures_import does to one measure: `measure` as it is stored (unsaved,
    with its initiative, for a new one) takes `values` (field name → value) and, where
    `status` is given, that status with `reason`, as measure_set_status gives it."""

    measure: Measure
    values: dict = dataclasses.field(default_factory=dict)
    status: str | None = None
    reason: str = ""
    tags: list | None = None  # names; None: the tags stay
    partners: list | None = None  # [(person, organisation or None, part)]; None: they stay


class ChangesRefused(DomainError):
    """Changes of measures_import the rules refuse, as (change, field, message); none of
    the changes is written."""

    def __init__(self, refusals):
        super().__init__(refusals[0][2])
        self.refusals = refusals


@transaction.atomic
def measures_import(*, actor, initiative, changes):
    """Creates and changes many measures of `initiative` at once, all or none, by the
    rules measure_save, measure_set_status, set_tags and partnership_save follow for one:
    where any change breaks one, ChangesRefused names each such change; where a measure
    was saved by someone else since it was read, ConcurrentEditError. Writes in bulk
    (see bulk.py) and sends measures_imported once for all of them in place of a
    status_changed for each, so that followers hear of an import once.

    Returns the created and the changed measures."""
    if not changes:
        return [], []
    refusals = import_refusals(initiative=initiative, changes=changes)
    if refusals:
        raise ChangesRefused(refusals)
    creates = [change for change in changes if change.measure.pk is None]
    updates = [change for change in changes if change.measure.pk is not None]
    new = {id(change) for change in creates}
    tags, tag_history = _tags(initiative, changes)
    expand = bulk.expander(custom_fields.fields_of(initiative))
    grown = bulk.create(
        actor, creates, first_number=next_number(initiative), expand=expand, extra=tag_history
    )
    moved, statuses = bulk.update(
        actor, updates, today=timezone.localdate(), expand=expand, extra=tag_history
    )
    bulk.link_tags([(ch.measure, tags[id(ch.measure)]) for ch in changes if ch.tags is not None])
    removed = bulk.set_partners(
        actor,
        [(ch.measure, ch.partners, id(ch) in new) for ch in changes if ch.partners is not None],
    )
    for partnership in removed:
        partnership_delete(actor=actor, partnership=partnership)
    bulk.refresh_progress(initiative, grown | moved, own_progress)
    created, changed = [ch.measure for ch in creates], [ch.measure for ch in updates]
    signals.measures_imported.send(
        Measure,
        initiative=initiative,
        actor=actor,
        created=created,
        changed=changed,
        status_changes=statuses,
        key=uuid.uuid4().hex,
    )
    return created, changed


def _tags(initiative, changes):
    """The tags of the changes that set them, found or made: {id(measure): [Tag]}; and
    what each measure's history record says of them, as measure_save has it written."""
    with_tags = [change for change in changes if change.tags is not None]
    found = bulk.find_tags(initiative, [change.tags for change in with_tags])
    old = bulk.old_tag_names([ch.measure for ch in with_tags if ch.measure.pk is not None])
    tags, history = {}, {}
    for change in with_tags:
        key = id(change.measure)
        tags[key] = [found[name.strip()[:50].casefold()] for name in change.tags if name.strip()]
        before, after = old.get(change.measure.pk, []), bulk.tag_names(tags[key])
        if before != after:
            history[key] = [["tags", ", ".join(before), ", ".join(after)]]
    return tags, history


def import_refusals(*, initiative, changes):
    """What the rules say to the `changes` of measures_import, as (change, field,
    message); checked there again, and by the import before its preview."""
    refusals = []
    for change in changes:
        measure, values = change.measure, change.values
        if "status" in values or ("status_reason" in values and change.status is not None):
            raise ValueError("a new status goes in MeasureChange.status, with its reason")
        old = measure.status if measure.pk is not None else None
        if change.status is not None:
            refusal = status_refusal(old=old, new=change.status, reason=change.reason)
        elif old is None or "status_reason" in values:
            reason = values.get("status_reason", measure.status_reason)
            refusal = status_refusal(old=old, new=measure.status, reason=reason)
        else:
            refusal = None
        if refusal is not None:
            refusals.append((change, refusal.field, refusal.message))
        refusals += [(change, "partners", message) for message in _partner_refusals(change)]
    return [
        *refusals,
        *bulk.number_refusals(initiative, changes),
        *bulk.parent_refusals(initiative, changes),
    ]


def _partner_refusals(change):
    if change.partners is None:
        return
    owner_id = change.measure.owner_id
    if "owner" in change.values:
        owner_id = getattr(change.values["owner"], "pk", None)
    people = [person.pk for person, _org, _role in change.partners]
    if owner_id is not None and owner_id in people:
        yield _("The owner cannot be a partner of the same measure.")
    if len(set(people)) != len(people):
        yield _("This person is a partner already.")


# Milestones, partners, attachments --------------------------------------------


@transaction.atomic
def milestone_save(*, actor, milestone, expected_version=None):
    return save(actor, milestone, expected_version)


@transaction.atomic
def milestone_delete(*, actor, milestone):
    delete(actor, milestone)


@transaction.atomic
def partnership_save(*, actor, partnership, expected_version=None):
    if partnership.person_id == partnership.measure.owner_id:
        raise DomainError(_("The owner cannot be a partner of the same measure."))
    if (
        Partnership.objects.filter(measure=partnership.measure, person=partnership.person)
        .exclude(pk=partnership.pk)
        .exists()
    ):
        raise DomainError(_("This person is a partner already."))
    if not partnership.organization_id:
        partnership.organization_id = partnership.person.organization_id
    return save(actor, partnership, expected_version)


@transaction.atomic
def partnership_delete(*, actor, partnership):
    delete(actor, partnership)


@transaction.atomic
def attachment_add(*, actor, measure, upload, name=""):
    attachment = Attachment(
        measure=measure,
        file=upload,
        name=(name or upload.name)[:200],
        size=upload.size,
        uploaded_by=actor,
    )
    return save(actor, attachment)


@transaction.atomic
def attachment_delete(*, actor, attachment):
    file = attachment.file
    delete(actor, attachment)
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: file.delete(save=False))


# Status updates ---------------------------------------------------------------


@transaction.atomic
def status_update_record(*, actor, update, accept=True):
    """Records a status update; an accepted one becomes the measure's current state.
    With `accept=False` it is saved as it is: a draft (not accepted) counts nowhere
    and may lack the traffic light and the progress until it is accepted."""
    if update.reported_at is None:
        update.reported_at = timezone.now()
    newly_accepted = (accept and update.accepted_at is None) or (
        update.pk is None and update.accepted_at is not None
    )
    if (accept or update.accepted_at is not None) and not update.is_complete:
        raise DomainError(_("An accepted status update needs a traffic light and a progress."))
    if accept and update.accepted_at is None:
        update.accepted_at = timezone.now()
    save(actor, update)
    if update.accepted_at is not None:
        _refresh_latest_update(update.measure)
    if newly_accepted:
        signals.status_update_added.send(type(update), update=update, actor=actor)
    return update


def _refresh_latest_update(measure):
    latest = measure.updates.accepted().order_by("-reported_at", "-pk").first()
    Measure.objects.filter(pk=measure.pk).update(latest_update=latest)
    measure.latest_update = latest
    refresh_progress(measure)


# The initiative's own fields and fields of action ------------------------------


@transaction.atomic
def custom_field_save(*, actor, field, expected_version=None):
    # Imported here: the exchange package imports these services.
    from .exchange.columns import FIXED, READ_ONLY

    if field.kind == CustomField.Kind.CHOICE and not field.choice_list:
        raise DomainError(_("A choice field needs at least one choice."))
    label = " ".join(str(field.label).split())
    if label.casefold() in {header.casefold() for header in FIXED + READ_ONLY}:
        # The export's column of that name would be ambiguous on import.
        raise DomainError(
            _("“%(label)s” is a fixed column of the export already; please choose another name.")
            % {"label": label}
        )
    return save(actor, field, expected_version)


@transaction.atomic
def custom_field_delete(*, actor, field):
    """Deletes the field and its values on every measure of the initiative."""
    key = field.key
    for measure in Measure.objects.filter(initiative_id=field.initiative_id).exclude(
        custom_values={}
    ):
        if key in measure.custom_values:
            del measure.custom_values[key]
            measure_save(actor=actor, measure=measure)
    delete(actor, field)


@transaction.atomic
def topic_save(*, actor, topic, expected_version=None):
    return save(actor, topic, expected_version)


@transaction.atomic
def topic_delete(*, actor, topic):
    delete(actor, topic)


def is_overdue(measure, today=None):
    """For one measure in Python; the list uses `queries.overdue_condition`."""
    today = today or timezone.localdate()
    if measure.status in CLOSED_STATUSES:
        return False
    if measure.due_on and measure.due_on < today:
        return True
    return any(m.completed_on is None and m.due_on < today for m in measure.milestones.all())


# Snapshots --------------------------------------------------------------------------


@transaction.atomic
def snapshot_take(*, initiative, taken_at, states):
    """Keeps `states` (asof.MeasureState) as the initiative's catalogue at `taken_at`."""
    snapshot = Snapshot.objects.create(initiative=initiative, taken_at=taken_at)
    SnapshotRow.objects.bulk_create(
        [state.snapshot_row(snapshot) for state in states], batch_size=500
    )
    return snapshot


def end_of_day(day):
    """The last moment of `day`, in the initiative's time zone: the catalogue "as of
    the end of" a day includes everything done on it."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


@transaction.atomic
def period_close(*, actor, initiative, ends_on, title):
    """Closes the reporting period up to the end of `ends_on` (today at the latest):
    keeps the catalogue as it stood then, today's as it stands now, an earlier day's
    from the change history."""
    today = timezone.localdate()
    if ends_on > today:
        raise DomainError(_("A reporting period can be closed up to today at the latest."))
    if ReportingPeriod.objects.filter(initiative=initiative, ends_on=ends_on).exists():
        raise DomainError(_("A reporting period to this day has been closed already."))
    if ends_on == today:
        taken_at, states = timezone.now(), catalogue_now(initiative)
    else:
        taken_at = end_of_day(ends_on)
        states = catalogue_as_of(initiative, taken_at)
    snapshot = snapshot_take(initiative=initiative, taken_at=taken_at, states=states)
    period = ReportingPeriod.objects.create(
        initiative=initiative,
        title=title,
        ends_on=ends_on,
        snapshot=snapshot,
        closed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log.info("%s closed the reporting period %s of %s", actor, period.pk, initiative.slug)
    return period
