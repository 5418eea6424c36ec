"""Turn django-simple-history records into the "Änderungsverlauf" a person reads:
who, when, which fields, old → new."""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import OuterRef, Q, Subquery
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
    order: tuple = ()

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


def field_changes(model, old, new):
    """Changes between two historical records of one object (old may be None)."""
    return [
        Change(capfirst(f.verbose_name), _display(f, old), _display(f, new))
        for f in tracked_fields(model)
        if _raw(old, f) != _raw(new, f) and not (old is None and _raw(new, f) in (None, "", False))
    ]


def _display(f, record):
    """A field's value in a historical record as a reader sees it: choices by label,
    related objects by name (loaded with the record, see history_entries)."""
    value = _raw(record, f)
    if value is None or value == "":
        return "–"
    if f.is_relation:
        try:
            related = getattr(record, f.name)
        except ObjectDoesNotExist:
            related = None
        return str(related) if related is not None else f"#{value}"
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
    """The newest `limit` entries, newest first, across several querysets of
    historical records (e.g. a body and its memberships).

    Only the newest records and the one before each are loaded, each with the objects
    it names, so a page of history costs two queries per record set however long the
    history grows."""
    entries = []
    for records in record_sets:
        model = records.model.instance_type
        historical = records.model
        related = [f.name for f in tracked_fields(model) if f.is_relation]
        ordered = records.annotate(previous_history_id=Subquery(_previous(historical))).order_by(
            "-history_date", "-history_id"
        )[:limit]
        newest = list(ordered.select_related("history_user", *related))
        # A subquery rather than a list of ids: one query even when nothing precedes.
        previous = {
            r.history_id: r
            for r in historical.objects.filter(
                history_id__in=ordered.values("previous_history_id")
            ).select_related(*related)
        }
        subject = _subject_field(model)
        for record in newest:
            before = previous.get(record.previous_history_id)
            changes = [] if record.history_type == "-" else field_changes(model, before, record)
            if before is None:
                # The subject line already names what was created.
                changes = [c for c in changes if c.label != capfirst(subject.verbose_name)]
            entries.append(
                HistoryEntry(
                    date=record.history_date,
                    user=record.history_user,
                    action=record.history_type,
                    subject=f"{model._meta.verbose_name}: {_display(subject, record)}",
                    changes=changes,
                    order=(record.history_date, record.history_id),
                )
            )
    entries.sort(key=lambda entry: entry.order, reverse=True)
    return entries[:limit]


def _previous(historical_model):
    """The record of the same object just before the outer one."""
    outer_date = OuterRef("history_date")
    return (
        historical_model.objects.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=outer_date)
            | Q(history_date=outer_date, history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )


def _subject_field(model):
    """The field that names an object in the history: `history_subject` on the model
    (a field name, e.g. "person" for a membership), else "name"."""
    return model._meta.get_field(getattr(model, "history_subject", "name"))
