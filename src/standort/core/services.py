"""Helpers every app's `services.py` shares: the actor in the change history, the
version check, a logged delete, and the error a user may read."""

import logging

from standort.core.concurrency import save_versioned
from standort.core.models import VersionedModel

log = logging.getLogger("standort.services")


class DomainError(Exception):
    """A change the rules of the domain do not allow; the message is for the user."""


def by(actor, instance):
    # simple-history takes the author from the request; services also run outside a
    # request (demo loader, tasks, imports), so they name the actor explicitly.
    instance._history_user = actor
    return instance


def save(actor, instance, expected_version=None):
    by(actor, instance)
    if instance._state.adding or not isinstance(instance, VersionedModel):
        instance.save()
        return instance
    return save_versioned(instance, expected_version=expected_version)


def delete(actor, instance):
    by(actor, instance)
    log.info("%s deleted %s #%s (%s)", actor, type(instance).__name__, instance.pk, instance)
    instance.delete()
