"""Writes on measures and everything hanging on them.

Every function takes the acting user, runs in one transaction, records the actor in
the change history and raises DomainError with a message for the user when the change
is not allowed. The computed columns of a measure (progress, latest update, search
text) are kept up to date here, so lists filter and sort on them in SQL."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from standort.core.history import records
from standort.core.services import DomainError, delete, save

from . import custom_fields, signals
from .models import (
    CLOSED_STATUSES,
    REASON_REQUIRED,
    STATUS_PROGRESS,
    TRANSITIONS,
    Attachment,
    CustomField,
    Measure,
    Partnership,
    Tag,
)
from .search import search_text_of

__all__ = ["DomainError"]


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


@transaction.atomic
def measure_set_status(*, actor, measure, status, reason="", expected_version=None, **adoption):
    """Moves a measure along its life. `adoption` may carry adopted_by, adopted_on and
    decision when it is adopted."""
    if status != measure.status and status not in TRANSITIONS[measure.status]:
        raise DomainError(
            _("A measure that is “%(old)s” cannot become “%(new)s”.")
            % {
                "old": measure.get_status_display(),
                "new": Measure.Status(status).label,
            }
        )
    if status in REASON_REQUIRED and not reason.strip():
        raise DomainError(_("Please give a reason for this status."))
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
    """Erases a measure, or archives it when it has status updates (they are part of
    the record of the initiative). Returns True when erased, False when archived."""
    if measure.children.exists():
        raise DomainError(_("This measure has parts. Move or delete them first."))
    if measure.updates.exists():
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


def own_progress(measure, parts):
    """A measure's progress: done is 100 %; else its newest accepted status update;
    else its parts (not the dropped ones), weighted; else what its status says."""
    if measure.status == Measure.Status.DONE:
        return 100
    if measure.latest_update_id is not None:
        return measure.latest_update.progress
    counted = [(w, p) for w, p, status in parts if status != Measure.Status.DROPPED]
    total = sum(w for w, _p in counted)
    if total:
        return round(sum(w * p for w, p in counted) / total)
    return STATUS_PROGRESS[measure.status]


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
    values = dict(measure.custom_values)
    for field in fields:
        stored = custom_fields.to_stored(field, cleaned.get(field.key))
        if stored is None:
            values.pop(field.key, None)
        else:
            values[field.key] = stored
    measure.custom_values = values


# Milestones, partners, attachments --------------------------------------------


@transaction.atomic
def milestone_save(*, actor, milestone):
    return save(actor, milestone)


@transaction.atomic
def milestone_delete(*, actor, milestone):
    delete(actor, milestone)


@transaction.atomic
def partnership_save(*, actor, partnership):
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
    return save(actor, partnership)


@transaction.atomic
def partnership_delete(*, actor, partnership):
    delete(actor, partnership)


@transaction.atomic
def attachment_add(*, actor, measure, upload, name=""):
    attachment = Attachment(
        measure=measure,
        file=upload,
        name=(name or upload.name)[:200],
        content_type=getattr(upload, "content_type", "") or "application/octet-stream",
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
    """Records a status update; an accepted one becomes the measure's current state."""
    if update.reported_at is None:
        update.reported_at = timezone.now()
    newly_accepted = (accept and update.accepted_at is None) or (
        update.pk is None and update.accepted_at is not None
    )
    if accept and update.accepted_at is None:
        update.accepted_at = timezone.now()
    save(actor, update)
    if update.accepted_at is not None:
        _refresh_latest_update(update.measure)
    if newly_accepted:
        signals.status_update_added.send(type(update), update=update, actor=actor)
    return update


def _refresh_latest_update(measure):
    latest = (
        measure.updates.filter(accepted_at__isnull=False).order_by("-reported_at", "-pk").first()
    )
    Measure.objects.filter(pk=measure.pk).update(latest_update=latest)
    measure.latest_update = latest
    refresh_progress(measure)


# The initiative's own fields and fields of action ------------------------------


@transaction.atomic
def custom_field_save(*, actor, field):
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
    return save(actor, field)


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
def topic_save(*, actor, topic):
    return save(actor, topic)


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
