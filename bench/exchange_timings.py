"""The measures' exchange timed in-process (see README.md): the XLSX export of the whole
catalogue, and reading and applying an import of new measures inside a transaction that
is rolled back, so `--no-generate` measures the same catalogue again."""

import time

from standort.core.tenancy import across_initiatives

EXCHANGE_TARGET_S = 5.0
IMPORT_ROWS = 1_000


def renumbered_export(initiative, count, first_number):
    """An XLSX of `count` measures of `initiative` as the export writes them, renumbered
    from `first_number` on, so importing it creates `count` new measures."""
    import io

    from openpyxl import load_workbook

    from standort.measures import exchange, queries

    measures = queries.measures_for(initiative).filter(parent=None).order_by("number")
    content = exchange.write_xlsx(initiative, measures[:count])
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    for offset, row in enumerate(sheet.iter_rows(min_row=2, max_col=1)):
        row[0].value = first_number + offset
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@across_initiatives()
def time_exchange(installation, import_rows=IMPORT_ROWS):
    """Export of the whole catalogue to XLSX, and read + apply of an import of
    `import_rows` new measures, timed here in-process. Returns (lines, missed)."""
    from django.db import transaction
    from django.db.models import Max

    from standort.measures import exchange, queries
    from standort.measures.models import Measure

    bench = installation.bench
    measures = queries.measures_for(bench)
    count = measures.count()
    start = time.perf_counter()
    content = exchange.write_xlsx(bench, measures)
    export_s = time.perf_counter() - start
    print(f"  export: {count} rows, {len(content) // 1024} KiB, {export_s:.2f} s", flush=True)

    top = Measure.objects.filter(initiative=bench).aggregate(n=Max("number"))["n"]
    upload = renumbered_export(bench, import_rows, top + 1)
    # Rolled back afterwards, so `--no-generate` measures the same catalogue again.
    with transaction.atomic():
        start = time.perf_counter()
        plan = exchange.read(bench, "massnahmen.xlsx", upload)
        read_s = time.perf_counter() - start
        if plan.errors:
            raise RuntimeError(f"the import file has errors: {plan.errors[:5]}")
        start = time.perf_counter()
        exchange.apply(installation.user, bench, plan)
        apply_s = time.perf_counter() - start
        created = Measure.objects.filter(initiative=bench, number__gt=top).count()
        transaction.set_rollback(True)
    print(
        f"  import: {len(plan.creates)} new rows, read {read_s:.2f} s, apply {apply_s:.2f} s",
        flush=True,
    )
    rows = [
        (f"XLSX export, {count} rows", export_s),
        (f"XLSX import, {created} new rows (read + apply)", read_s + apply_s),
    ]
    lines = ["| exchange (in-process) | seconds | target | verdict |", "|---|---:|---:|---|"]
    missed = []
    for name, seconds in rows:
        verdict = "OK" if seconds < EXCHANGE_TARGET_S else "MISSED"
        if verdict == "MISSED":
            missed.append(f"{name}: {seconds:.2f} s ≥ {EXCHANGE_TARGET_S:g} s")
        lines.append(f"| {name} | {seconds:.2f} | < {EXCHANGE_TARGET_S:g} | {verdict} |")
    if created != import_rows:
        missed.append(f"the import created {created} measures, not {import_rows}")
    return lines, missed
