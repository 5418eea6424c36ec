"""The "Änderungsverlauf": who changed what, when, old → new.

django-simple-history keeps a row per change. When that row is written we also store
what the change meant, in words of that moment (`history_changes`: the object's name
and per field old → new, related objects by name). Reading a page of history is then
two queries, however many kinds of objects it covers, however long the history or
however many objects it names; and a renamed person still shows under the name they
had then."""

import datetime
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.dispatch import receiver
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from .charts import figure
from .expressions import TableFunc

# Bookkeeping columns that say nothing to a reader; the page already names the
# initiative, and the measure whose milestones, partners and files it lists.
IGNORED_FIELDS = {"id", "version", "created_at", "updated_at", "password", "last_login"}
IGNORED_FIELDS |= {"initiative", "measure"}

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


class HistoryChangesModel(models.Model):
    """Base of every historical model (`HistoricalRecords(bases=[...])`)."""

    history_changes = models.JSONField(default=dict, editable=False)

    class Meta:
        abstract = True


@dataclass
class Change:
    label: str
    old: str
    new: str
    # Whether the values are what people typed (in settings.CONTENT_LANGUAGE), not a
    # choice, a yes/no or a date written in the reader's language.
    typed: bool = True


@dataclass
class HistoryEntry:
    date: object
    user: object
    action: str
    kind: str  # of object, in the reader's language
    name: str  # as the object names itself
    changes: list = field(default_factory=list)

    @property
    def subject(self):
        return f"{self.kind}: {self.name}"

    @property
    def action_label(self):
        return ACTIONS[self.action]


@functools.cache  # models do not change while the process runs; pages ask often
def tracked_fields(model):
    # Fields left out of the history (`Tracked(excluded_fields=...)`) have no column there.
    recorded = {f.name for f in model.history.model._meta.concrete_fields}
    return [
        f
        for f in model._meta.concrete_fields
        if f.name in recorded and f.name not in IGNORED_FIELDS and not f.name.startswith("history_")
    ]


def records(model, **conditions):
    """The historical records of `model` matching `conditions`. Reading `model.history`
    builds a manager class on every access, a noticeable part of a page that shows the
    history of a measure and three kinds of its parts."""
    return _historical_model(model).objects.filter(**conditions)


def newest(model, **conditions):
    """The id of the newest historical record of `model` matching `conditions`, as a
    subquery. Every write leaves a record (simple-history on save and delete,
    measures/bulk.py on import), so these ids stamp the data a kept fragment of a page
    shows: while none of them moves, the fragment still holds. Without conditions, the
    newest record anywhere (`Newest`)."""
    if not conditions:
        return Newest(model)
    latest = records(model, **conditions).order_by("-history_id").values("history_id")
    return models.Subquery(latest[:1])


class Newest(TableFunc):
    """The id of the newest historical record of `model` anywhere, read from the history
    table's primary key. An expression of its own rather than a `Subquery` of a
    queryset: a page's stamp names a dozen models, and compiling a queryset for each
    cost the measure page more CPU than the rest of its query (bench/README.md)."""

    template = "(SELECT MAX(%(column)s) FROM %(table)s)"

    def __init__(self, model):
        self.history = _historical_model(model)._meta
        super().__init__(output_field=models.IntegerField())

    def names(self):
        return {"table": self.history.db_table, "column": self.history.pk.column}


def stamped(queryset, models_):
    """The first object of `queryset`, or None, with `stamp`: the newest history record
    of each of `models_` anywhere (`Newest`), read in the same query. A page keeps what
    it shows of the object for as long as the stamp holds (`core.pages.kept_key`)."""
    names = {f"newest_{model._meta.model_name}": model for model in models_}
    for obj in queryset.annotate(**{name: Newest(model) for name, model in names.items()}):
        obj.stamp = "-".join(str(getattr(obj, name)) for name in names)
        return obj
    return None


@functools.cache
def _historical_model(model):
    return model.history.model


def _subject_field(model):
    """The related object that names an entry, e.g. the person of a membership
    (`history_subject` on the model); None where the object names itself."""
    name = getattr(model, "history_subject", None)
    return model._meta.get_field(name) if name else None


# Writing ----------------------------------------------------------------------


def _stored(f, obj):
    """A field's value as kept in the summary: related objects by name, dates as ISO,
    files by their name."""
    value = getattr(obj, f.attname)
    if value is None:
        return None
    if isinstance(f, models.FileField):
        # The file's own name (an organisation's logo), not the storage's path to it.
        return PurePosixPath(str(value)).name or None
    if f.is_relation:
        try:
            related = getattr(obj, f.name)
        except ObjectDoesNotExist:
            related = None
        return str(related) if related is not None else f"#{value}"
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def summarize(model, previous, current, history_type):
    """What a change meant: `previous` is the historical record before it (or None),
    `current` the object as saved."""
    subject = _subject_field(model)
    # Named as the object names itself (a person by their full name), or by the object
    # it links (a membership by its person).
    name = _stored(subject, current) if subject else str(current)
    changes = []
    if history_type != "-":
        for f in tracked_fields(model):
            before = getattr(previous, f.attname) if previous is not None else None
            after = getattr(current, f.attname)
            if before == after:
                continue
            if previous is None and (after in (None, "", False) or _stored(f, current) == name):
                continue  # a new object: only what was filled in, and not its name twice
            expand = getattr(current, "history_expand", None)
            if isinstance(f, models.JSONField) and expand is not None:
                # A JSON column of several values (a measure's own fields): one change per
                # value, named and written as the object says, e.g. "Kosten: – → 1.500 €".
                old_values = getattr(previous, f.attname, None) if previous is not None else None
                changes.extend(
                    [f.name, old, new, label]
                    for label, old, new in expand(f.name, old_values or {}, after or {})
                )
                continue
            old = _stored(f, previous) if previous is not None else None
            changes.append([f.name, old, _stored(f, current)])
    return {"subject": name, "changes": changes}


@receiver(pre_create_historical_record)
def _record_changes(sender, instance, history_instance, **kwargs):
    previous = (
        sender.objects.filter(id=history_instance.id)
        .order_by("-history_date", "-history_id")
        .first()
    )
    history_instance.history_changes = summarize(
        type(instance), previous, instance, history_instance.history_type
    )


def add_summaries(model, records, objects):
    """For history rows made with bulk_history_create, which sends no signal: the
    summaries of their creation."""
    for record, obj in zip(records, objects, strict=True):
        record.history_changes = summarize(model, None, obj, "+")
    model.history.model.objects.bulk_update(records, ["history_changes"], batch_size=500)


# Reading ----------------------------------------------------------------------


def _present(f, value):
    if value is None or value == "":
        return "–"
    if f.is_relation:
        return str(value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(f, models.DateTimeField):
        return date_format(parse_datetime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(f, models.DateField):
        return date_format(parse_date(value), "SHORT_DATE_FORMAT")
    if isinstance(f, models.DecimalField):
        return figure(value)
    return str(value)


def _change(fields, name, old, new, label=None):
    if label is not None:  # written out already at write time (history_expand)
        return Change(label, old or "–", new or "–")
    f = fields[name]
    typed = not (f.choices or isinstance(f, models.BooleanField | models.DateField))
    # Words, not lazy translations: the entries are kept in the cache (a dashboard's),
    # in the language they were read in.
    return Change(str(capfirst(f.verbose_name)), _present(f, old), _present(f, new), typed)


def history_entries(*record_sets, limit=50, hidden=frozenset()):
    """The newest `limit` entries, newest first, across several querysets of
    historical records (e.g. a body and its memberships): one query for the records of
    all sets, and one for the people who made the changes. Changes of the fields named
    in `hidden` are left out (those the reader may not see on the object's page)."""
    models_ = [records.model.instance_type for records in record_sets]
    parts = [
        records.order_by().values_list(
            models.Value(index, output_field=models.IntegerField()),
            "history_date",
            "history_id",
            "history_type",
            "history_user_id",
            "history_changes",
            "id",
        )
        for index, records in enumerate(record_sets)
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    rows = list(rows.order_by("-history_date", "-history_id")[:limit])
    users = get_user_model().objects.in_bulk({row[4] for row in rows if row[4] is not None})
    entries = []
    for index, date, _history_id, action, user_id, stored, pk in rows:
        model = models_[index]
        # Links to many (a measure's tags) are written into the record by the service
        # that sets them.
        fields = {f.name: f for f in [*tracked_fields(model), *model._meta.many_to_many]}
        stored = stored or {}
        kind = str(capfirst(model._meta.verbose_name))
        entries.append(
            HistoryEntry(
                date=date,
                user=users.get(user_id),
                action=action,
                kind=kind,
                name=stored.get("subject") or f"#{pk}",
                changes=[
                    _change(fields, *change)
                    for change in stored.get("changes", [])
                    if change[0] in fields and change[0] not in hidden
                ],
            )
        )
    return entries


def Tracked(**kwargs):  # noqa: N802 - reads like the HistoricalRecords it makes
    """`history = Tracked()` on a model: simple-history with change summaries."""
    return HistoricalRecords(bases=[HistoryChangesModel], **kwargs)
