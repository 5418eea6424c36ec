"""Turn django-simple-history records into the "Änderungsverlauf" a person reads:
who, when, which fields, old → new."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# Bookkeeping columns that say nothing to a reader.
IGNORED_FIELDS = {"id", "version", "created_at", "updated_at", "password", "last_login"}
# The page already says which initiative it belongs to.
IGNORED_FIELDS |= {"initiative"}

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: object
    user: object
    action: str
    subject: str
    changes: list = field(default_factory=list)

    @property
    def action_label(self):
        return ACTIONS[self.action]


def tracked_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in IGNORED_FIELDS and not f.name.startswith("history_")
    ]


def _raw(record, f):
    return getattr(record, f.attname) if record is not None else None


def field_changes(model, old, new, *, resolve=True):
    """Changes between two historical records of one object (old may be None)."""
    changes = []
    for f in tracked_fields(model):
        before, after = _raw(old, f), _raw(new, f)
        if before != after and not (old is None and after in (None, "", False)):
            changes.append((f, before, after))
    if resolve:
        return _resolve(changes)
    return changes


def _resolve(raw_changes):
    """Render raw values: choices by label, foreign keys by name, in one query per model."""
    wanted = defaultdict(set)
    for f, before, after in raw_changes:
        if f.is_relation:
            wanted[f.related_model].update(v for v in (before, after) if v is not None)
    names = {model: model._base_manager.in_bulk(ids) for model, ids in wanted.items()}
    return [
        Change(capfirst(f.verbose_name), _display(f, before, names), _display(f, after, names))
        for f, before, after in raw_changes
    ]


def _display(f, value, names):
    if value is None or value == "":
        return "–"
    if f.is_relation:
        obj = names.get(f.related_model, {}).get(value)
        return str(obj) if obj is not None else f"#{value}"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(f, models.DateTimeField):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(f, models.DateField):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def history_entries(*record_sets, limit=50):
    """Newest first, across several querysets of historical records (e.g. a body and
    its memberships). Each queryset must contain every record of its objects, so each
    record can be compared with the one before it."""
    entries, raw = [], []
    for records in record_sets:
        model = records.model.instance_type
        by_object = defaultdict(list)
        for record in records.select_related("history_user").order_by("history_date", "pk"):
            by_object[record.id].append(record)
        for versions in by_object.values():
            previous = None
            for record in versions:
                if record.history_type == "-":
                    changes = []
                else:
                    changes = field_changes(model, previous, record, resolve=False)
                if previous is None:
                    # The subject line already names what was created.
                    subject = _subject_field(model)
                    changes = [c for c in changes if c[0] != subject]
                raw.append((record, model, changes))
                previous = record
    raw.sort(key=lambda item: item[0].history_date, reverse=True)
    raw = raw[:limit]
    # Subjects and changes are resolved together, so a page of history costs one
    # query per related model, not one per entry.
    subjects = [
        (_subject_field(model), None, _raw(record, _subject_field(model)))
        for record, model, _changes in raw
    ]
    resolved = _resolve(subjects + [c for _record, _model, changes in raw for c in changes])
    subject_names, resolved = resolved[: len(raw)], resolved[len(raw) :]
    position = 0
    for (record, model, changes), subject in zip(raw, subject_names, strict=True):
        entries.append(
            HistoryEntry(
                date=record.history_date,
                user=record.history_user,
                action=record.history_type,
                subject=f"{model._meta.verbose_name}: {subject.new}",
                changes=resolved[position : position + len(changes)],
            )
        )
        position += len(changes)
    return entries


def _subject_field(model):
    """The field that names an object in the history: `history_subject` on the model
    (a field name, e.g. "person" for a membership), else "name"."""
    return model._meta.get_field(getattr(model, "history_subject", "name"))
