"""The plan as of a date and the report on demand, timed in-process (see README.md),
inside a transaction that is rolled back, so `--no-generate` measures the same
installation again:

* the whole catalogue of the bench initiative as of a past moment, read from the
  change history. The generator writes no history (the pages do not need it), so this
  first writes what the services would have: a creation record per measure, one per
  status update when it was accepted and one per milestone, dated over the last two
  years, and a status change for every third measure a year ago;
* the PDF "Stand der Umsetzung" on demand of 250 measures, with the changes since a
  day and the plan's progress over time, as the task builds it."""

import time
from datetime import timedelta

from standort.core.tenancy import across_initiatives

ASOF_TARGET_S = 1
DEMAND_MEASURES = 250
DEMAND_TARGET_S = 8
REPEAT = 3


def _write_history(initiative, now):
    from standort.core.history import records
    from standort.measures.models import Measure, Milestone, StatusUpdate

    history = records(Measure).model
    fields = [f.attname for f in history.tracked_fields]
    rows = []
    for n, measure in enumerate(Measure.objects.filter(initiative=initiative)):
        values = {name: getattr(measure, name) for name in fields}
        created = now - timedelta(days=730 - n % 300)
        rows.append(history(history_date=created, history_type="+", **values))
        if n % 3 == 0:
            changed = now - timedelta(days=365)
            rows.append(history(history_date=changed, history_type="~", **values))
    history.objects.bulk_create(rows, batch_size=5000)

    def when(obj):
        accepted = getattr(obj, "accepted_at", None)
        return accepted or now - timedelta(days=500)

    for model in (StatusUpdate, Milestone):
        history = records(model).model
        fields = [f.attname for f in history.tracked_fields]
        objects = model.objects.filter(measure__initiative=initiative)
        history.objects.bulk_create(
            (
                history(
                    history_date=when(obj),
                    history_type="+",
                    **{name: getattr(obj, name) for name in fields},
                )
                for obj in objects.iterator(chunk_size=5000)
            ),
            batch_size=5000,
        )


@across_initiatives()
def time_asof(installation):
    """Returns (median seconds of the catalogue as of a year ago, measures then)."""
    from django.db import transaction
    from django.utils import timezone

    from standort.measures.asof import catalogue_as_of

    bench = installation.bench
    now = timezone.now()
    with transaction.atomic():
        _write_history(bench, now)
        durations, states = [], []
        for _ in range(REPEAT):
            start = time.perf_counter()
            states = catalogue_as_of(bench, now - timedelta(days=365))
            durations.append(time.perf_counter() - start)
        transaction.set_rollback(True)
    return sorted(durations)[len(durations) // 2], len(states)


@across_initiatives()
def time_demand_pdf(installation, measures=DEMAND_MEASURES):
    """Returns (seconds to build the PDF on demand, measures, bytes)."""
    from django.db import transaction
    from django.utils import timezone

    from standort.measures.models import Measure
    from standort.reports import services
    from standort.reports.models import Report

    bench = installation.bench
    # Spread over the catalogue, as a selection by status, light or topic would be: the
    # first measures by number are the generator's parents, without status reports.
    current = Measure.objects.filter(initiative=bench, is_archived=False).order_by("number")
    every = max(1, current.count() // measures)
    chosen = Measure.objects.filter(
        pk__in=list(current.values_list("pk", flat=True))[::every][:measures]
    )
    with transaction.atomic():
        _write_history(bench, timezone.now())
        [report] = services.reports_on_demand(
            actor=installation.user,
            initiative=bench,
            measures=chosen,
            title="Bericht für den Lenkungskreis",
            since=timezone.localdate() - timedelta(days=400),
            formats=["pdf"],
        )
        start = time.perf_counter()
        state = services.report_build(report_id=report.pk, attempt=report.attempt)
        seconds = time.perf_counter() - start
        built = Report.objects.get(pk=report.pk)
        if state != "done":
            raise RuntimeError(f"the report {state}: {built.error}")
        size = len(built.content)
        transaction.set_rollback(True)
    return seconds, chosen.count(), size


def time_plan(installation):
    """The two timings as report lines, and what missed its target."""
    rows, missed = [], []
    seconds, count = time_asof(installation)
    rows.append((f"the catalogue as of a year ago ({count} measures then)", seconds, ASOF_TARGET_S))
    seconds, count, size = time_demand_pdf(installation)
    print(f"  PDF on demand: {count} measures, {size // 1024} KiB", flush=True)
    rows.append(
        (f"PDF on demand of {count} measures with changes and charts", seconds, DEMAND_TARGET_S)
    )
    lines = [
        "| the plan as of a date (in-process) | seconds | target | verdict |",
        "|---|---:|---:|---|",
    ]
    for name, seconds, target in rows:
        verdict = "OK" if seconds < target else "MISSED"
        if verdict == "MISSED":
            missed.append(f"{name}: {seconds:.2f} s ≥ {target} s")
        lines.append(f"| {name} | {seconds:.2f} | < {target} | {verdict} |")
    return lines, missed
