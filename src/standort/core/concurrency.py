"""Optimistic locking: the second of two concurrent writers is told, not overwritten."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from standort.core.history import history_entries


class ConcurrentEditError(Exception):
    """Someone saved the object after the form was opened."""

    message = _(
        "Someone else has saved this record since you opened the form. Your input is kept "
        "below; check the changes shown and save again to overwrite them."
    )

    def __init__(self, current, changes, changed_by):
        super().__init__(str(self.message))
        self.current = current
        self.changes = changes
        self.changed_by = changed_by


def save_versioned(instance, *, expected_version=None):
    """Save `instance` only if its row still has `expected_version`.

    The check happens in the UPDATE itself, so two writers can never both win.
    Raises ConcurrentEditError with what the other writer changed.
    """
    model = type(instance)
    with transaction.atomic():
        rows = model.objects.filter(pk=instance.pk)
        if expected_version is None:
            # A writer that does not care about conflicts (demo loader, admin) still
            # moves the version on, so forms opened before its save notice it.
            rows.update(version=F("version") + 1)
            instance.version = rows.values_list("version", flat=True).get()
        else:
            if not rows.filter(version=expected_version).update(version=F("version") + 1):
                raise _conflict(instance, expected_version)
            instance.version = expected_version + 1
        instance.save()
    return instance


def _conflict(instance, expected_version):
    model = type(instance)
    current = model.objects.get(pk=instance.pk)
    since = model.history.filter(id=instance.pk, version__gt=expected_version)
    entries = history_entries(since)
    changes = [change for entry in reversed(entries) for change in entry.changes]
    changed_by = entries[0].user if entries else None
    return ConcurrentEditError(current, changes, changed_by)
