"""Writes of the home app: the legal pages (the only way a legal text or an
accessibility statement is saved, with its author in the change history and the
version check of its form), and the members' visits of the dashboard."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standort.core.services import DomainError
from standort.core.services import save as _save

from .models import DashboardVisit

__all__ = [
    "DomainError",
    "accessibility_statement_save",
    "dashboard_visited",
    "legal_text_save",
]

CREATED_MEANWHILE = _(
    "Someone else has written this text meanwhile. Open the form again to see theirs."
)


def _save_own(actor, record, expected_version):
    # Two first saves of the same page (each form opened before either saved) meet at
    # the unique constraint: the second is told, not merged.
    adding = record._state.adding
    try:
        with transaction.atomic():
            return _save(actor, record, expected_version)
    except IntegrityError:
        if adding:
            raise DomainError(CREATED_MEANWHILE) from None
        raise


def legal_text_save(*, actor, text, expected_version=None):
    """Saves an Impressum or a Datenschutzerklärung, the platform's or an
    initiative's."""
    return _save_own(actor, text, expected_version)


def accessibility_statement_save(*, actor, statement, expected_version=None):
    """Saves an Erklärung zur Barrierefreiheit, the platform's or an initiative's. The
    platform has one (a database constraint); a second is refused."""
    if not statement.contact_email:
        raise DomainError(_("An accessibility statement needs a contact for feedback."))
    return _save_own(actor, statement, expected_version)


# A member who opens the dashboard again within this time is still on the same visit.
VISIT_GAP = datetime.timedelta(hours=2)


def dashboard_visited(*, user, initiative, now=None):
    """Notes that `user` opened the initiative's dashboard; returns the moment of their
    visit before this one (None on the first). Bookkeeping like a last login: no
    history, no version."""
    now = now or timezone.now()
    visit, created = DashboardVisit.objects.get_or_create(
        user=user, initiative=initiative, defaults={"seen_at": now}
    )
    if created:
        return None
    if now - visit.seen_at > VISIT_GAP:
        DashboardVisit.objects.filter(pk=visit.pk).update(previous_at=visit.seen_at, seen_at=now)
        return visit.seen_at
    return visit.previous_at
