"""Writes of the reports: request them for a closed review, build one in the task
worker.

A report is one row per review and format. Asking again resets the row and raises its
attempt number, so a task of an earlier request that runs late changes nothing."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from standort.core.services import DomainError
from standort.indicators.queries import goal_measure_ids
from standort.measures import services as measure_services
from standort.measures.asof import catalogue_now

from . import build
from .models import Report
from .queries import demand_report_data, report_data, with_logos

__all__ = [
    "DomainError",
    "report_build",
    "report_rebuild",
    "report_request",
    "reports_for_review",
    "reports_on_demand",
]

log = logging.getLogger("standort.reports")
State = Report.State
# A report still queued or running after this long is taken for lost (a worker died
# under it): it may be requested again, and the list stops waiting for it.
STALE_AFTER = datetime.timedelta(minutes=30)


def is_stale(report, now=None):
    now = now or timezone.now()
    return report.is_pending and report.created_at < now - STALE_AFTER


def _language(actor):
    language = getattr(actor, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _enqueue(report):
    from .tasks import build_report

    report_id, attempt = report.pk, report.attempt
    transaction.on_commit(lambda: build_report.enqueue(report_id=report_id, attempt=attempt))


@transaction.atomic
def report_request(*, actor, cycle, format):
    """Queues the build of the `format` report of the closed review `cycle`, or builds
    it again. A report already on its way is left alone. The build starts after the
    commit; returns the report (without its file)."""
    if not cycle.is_closed:
        raise DomainError(_("Reports are made of closed status reviews only."))
    if format not in Report.Format.values:
        raise DomainError(_("Unknown report format."))
    now = timezone.now()
    report = (
        Report.objects.select_for_update()
        .defer("content")
        .filter(cycle=cycle, format=format)
        .first()
    )
    if report is not None and report.is_pending and not is_stale(report, now):
        return report
    fields = _fresh(actor, now)
    if report is None:
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    initiative_id=cycle.initiative_id, cycle=cycle, format=format, **fields
                )
        except IntegrityError:
            # A second click a moment ago made it (there was no row to lock): it is
            # on its way.
            return Report.objects.defer("content").get(cycle=cycle, format=format)
    else:
        _restart(report, fields)
    log.info("%s requested report %s (%s) of review #%s", actor, report.pk, format, cycle.pk)
    _enqueue(report)
    return report


def _fresh(actor, now):
    """The fields of a report that is asked for (again) by `actor` at `now`."""
    return {
        "state": State.QUEUED,
        "progress": 0,
        "error": "",
        "content": b"",
        "size": 0,
        "file_name": "",
        "language": _language(actor),
        "created_by": actor if getattr(actor, "is_authenticated", False) else None,
        "created_at": now,
        "finished_at": None,
    }


def _restart(report, fields):
    for name, value in fields.items():
        setattr(report, name, value)
    report.attempt += 1
    report.save()


@transaction.atomic
def reports_on_demand(
    *, actor, initiative, measures, title, selection="", since=None, formats, by_goals=None
):
    """Reports "Stand der Umsetzung" of `measures` (a queryset of the initiative's) as
    they stand now, one per format of `formats`, with the changes since the day
    `since` (None: without), grouped by working group or, given `by_goals` (the pks of
    goals, [] for all), by goal. The measures are kept in a snapshot first, and the
    goals' measures with them, so the files, built after the commit, and any built
    again later show this moment."""
    if not formats or set(formats) - set(Report.Format.values):
        raise DomainError(_("Unknown report format."))
    now = timezone.now()
    if since is not None and since >= timezone.localdate(now):
        raise DomainError(_("The changes can be shown since a day in the past only."))
    states = catalogue_now(initiative, measures)
    snapshot = measure_services.snapshot_take(initiative=initiative, taken_at=now, states=states)
    goal_groups = [] if by_goals is None else _goal_groups(initiative, states, by_goals)
    reports = []
    for format in formats:
        report = Report.objects.create(
            initiative=initiative,
            snapshot=snapshot,
            title=title[:300],
            selection=selection[:500],
            since=since,
            goal_groups=goal_groups,
            format=format,
            **_fresh(actor, now),
        )
        _enqueue(report)
        reports.append(report)
    log.info("%s requested reports on demand %s", actor, [r.pk for r in reports])
    return reports


def _goal_groups(initiative, states, chosen):
    """[[title, [numbers of its measures in `states`]]] of the initiative's goals (of
    those `chosen`, all where none is): by number, which a snapshot keeps of a measure
    erased later too."""
    numbers = {state.measure_id: state.number for state in states}
    ids, goals = goal_measure_ids(initiative)
    return [
        [title, sorted(numbers[pk] for pk in ids[goal] if pk in numbers)]
        for goal, title in goals
        if not chosen or goal in chosen
    ]


@transaction.atomic
def report_rebuild(*, actor, report):
    """Builds `report` again: a review's anew from the review, a report on demand from
    its snapshot, so it shows the same moment. A build on its way is left alone."""
    if report.cycle_id is not None:
        return report_request(actor=actor, cycle=report.cycle, format=report.format)
    report = Report.objects.select_for_update().defer("content").get(pk=report.pk)
    now = timezone.now()
    if report.is_pending and not is_stale(report, now):
        return report
    _restart(report, _fresh(actor, now))
    _enqueue(report)
    return report


@transaction.atomic
def reports_for_review(*, actor, cycle):
    """One report per format of the closed review `cycle`, built in the background
    after the commit."""
    return [
        report_request(actor=actor, cycle=cycle, format=format) for format in Report.Format.values
    ]


def on_review_closed(sender, *, cycle, actor, **kwargs):
    """A closed review gets its reports "Stand der Umsetzung" at once."""
    reports_for_review(actor=actor, cycle=cycle)


def _set_progress(report_id, attempt, value):
    Report.objects.filter(pk=report_id, attempt=attempt, state=State.RUNNING).update(progress=value)


def _data(report):
    if report.cycle is None:
        if report.snapshot is None:
            raise DomainError(_("The state this report was to show is gone."))
        return with_logos(demand_report_data(report))
    if not report.cycle.is_closed:
        raise DomainError(_("Reports are made of closed status reviews only."))
    return with_logos(report_data(report.cycle))


def report_build(*, report_id, attempt):
    """Builds the report's file and stores it. Runs outside a transaction, so the
    list page sees the state and progress as they change. Returns the final state, or
    None when the report is gone or another attempt owns it."""
    claimed = Report.objects.filter(pk=report_id, attempt=attempt, state=State.QUEUED).update(
        state=State.RUNNING, progress=5
    )
    if not claimed:
        return None
    report = (
        Report.objects.defer("content")
        .select_related("cycle__initiative", "initiative", "snapshot")
        .get(pk=report_id)
    )
    mine = Report.objects.filter(pk=report_id, attempt=attempt)
    try:
        with translation.override(report.language):
            data = _data(report)
            _set_progress(report_id, attempt, 10)
            content = build.write(
                report.format,
                data,
                progress=lambda value: _set_progress(report_id, attempt, value),
            )
            name = build.file_name(data.title, report.format, data.date)
    except Exception as error:
        log.exception(
            "Report %s (%s) of review #%s failed", report_id, report.format, report.cycle_id
        )
        message = (
            str(error) if isinstance(error, DomainError) else f"{type(error).__name__}: {error}"
        )
        mine.update(state=State.FAILED, error=message[:1000], finished_at=timezone.now())
        return State.FAILED.value
    mine.update(
        state=State.DONE,
        progress=100,
        content=content,
        size=len(content),
        file_name=name,
        error="",
        finished_at=timezone.now(),
    )
    log.info(
        "Report %s (%s) of review #%s built: %s bytes",
        report_id,
        report.format,
        report.cycle_id,
        len(content),
    )
    return State.DONE.value
