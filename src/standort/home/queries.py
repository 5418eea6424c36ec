"""Reads of the public page that no app below assembles (the plan's progress over
time), and of the legal pages: an initiative's own text, or the platform's in its
place, or the sample the platform ships while nobody has written one."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from standort.measures import dashboard
from standort.reports.queries import plan_progress

from .models import (
    InitiativeAccessibilityStatement,
    InitiativeLegalText,
    PlatformAccessibilityStatement,
    PlatformLegalText,
)


@dataclass(frozen=True)
class _State:
    """What `plan_progress` reads of a measure as it stands."""

    measure_id: int
    status: str
    progress: int
    is_archived: bool = False


def public_progress(initiative):
    """[(day, per cent, "")]: the average progress of the measures the public page
    shows, at each closed review and reporting period and today, as the reports draw
    it (reports.queries.plan_progress). Two queries: the measures, the snapshots."""
    states = [
        _State(*row)
        for row in dashboard.public_measures(initiative)
        .order_by()
        .values_list("pk", "status", "progress")
    ]
    return plan_progress(initiative, states, until=timezone.now())


@dataclass(frozen=True)
class Shown:
    """What a legal page shows: `record` (saved, or an unsaved sample), whether it is
    the platform's standing in for an initiative's (`fallback`), and whether it is
    still the sample nobody has adapted (`sample`: "Muster – bitte anpassen")."""

    record: object
    fallback: bool = False
    sample: bool = False


def sample_text(kind):
    """The German draft of the Impressum or the Datenschutzerklärung, written from what
    the platform does (its cookies by their names); placeholders in [brackets]."""
    context = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session_days": settings.SESSION_COOKIE_AGE // (24 * 60 * 60),
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "messages_cookie": getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
    }
    return render_to_string(f"home/legal/{kind}.md", context)


def _legal_text_shown(record, kind, *, fallback=False):
    if record is None:
        return Shown(PlatformLegalText(kind=kind, text=sample_text(kind)), fallback, sample=True)
    return Shown(record, fallback, sample=record.text.strip() == sample_text(kind).strip())


def own_legal_text(kind, initiative=None):
    """The initiative's (or, without one, the platform's) own record, or None."""
    if initiative is None:
        return PlatformLegalText.objects.filter(kind=kind).first()
    return InitiativeLegalText.objects.filter(initiative=initiative, kind=kind).first()


def legal_text(kind, initiative=None):
    """The Impressum or the Datenschutzerklärung that applies on `initiative`'s pages
    (or the platform's): its own, else the platform's, else the sample."""
    own = own_legal_text(kind, initiative)
    if own is not None or initiative is None:
        return _legal_text_shown(own, kind)
    return _legal_text_shown(own_legal_text(kind), kind, fallback=True)


def sample_statement():
    """The statement before anyone has written it: the model's defaults (the NRW
    conciliation body), no date, no feedback contact."""
    return PlatformAccessibilityStatement()


def own_accessibility_statement(initiative=None):
    if initiative is None:
        return PlatformAccessibilityStatement.objects.first()
    return InitiativeAccessibilityStatement.objects.filter(initiative=initiative).first()


def accessibility_statement(initiative=None):
    """The Erklärung zur Barrierefreiheit that applies, as `legal_text` finds it."""
    own = own_accessibility_statement(initiative)
    if own is not None:
        return Shown(own)
    fallback = initiative is not None
    platform = own_accessibility_statement() if fallback else None
    if platform is not None:
        return Shown(platform, fallback=True)
    return Shown(sample_statement(), fallback=fallback, sample=True)
