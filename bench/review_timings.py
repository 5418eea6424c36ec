"""Status reviews timed in-process (see README.md), each inside a transaction that is
rolled back, so `--no-generate` measures the same installation again:

* launching a review for 1,000 owners, from the draft to the last mail handed to the
  mail backend (files in a temporary folder);
* the PDF report "Stand der Umsetzung" of a closed review of 250 measures."""

import tempfile
import time
from datetime import timedelta

from standort.core.tenancy import across_initiatives

LAUNCH_OWNERS = 1_000
LAUNCH_TARGET_S = 30
PDF_MEASURES = 250
PDF_TARGET_S = 20
# What an owner writes, a few sentences per field as in a real answer.
ACHIEVED = (
    "Die Arbeitsgruppe hat sich dreimal getroffen und die Flächenbedarfe der Betriebe "
    "erhoben. Mit der Wirtschaftsförderung ist ein gemeinsamer Zeitplan abgestimmt. "
    "Die Förderanfrage beim Land ist gestellt."
)
NEXT_STEPS = (
    "Bis zum Sommer sollen die Gespräche mit den Eigentümern abgeschlossen sein. "
    "Danach folgt die Ausschreibung der Planungsleistungen."
)
SUPPORT = "Unterstützung der Stadtspitze bei den Gesprächen mit den Eigentümern."


@across_initiatives()
def time_launch(installation, owners=LAUNCH_OWNERS):
    """Returns (seconds for create + launch + delivery, owners, mails sent, detail)."""
    from django.db import transaction
    from django.test.utils import override_settings
    from django.utils import timezone

    from standort.core.mail import deliver_due
    from standort.measures.models import Measure
    from standort.reviews import services
    from standort.reviews.models import ReviewCycle

    bench = installation.bench
    live = Measure.objects.filter(
        initiative=bench, is_archived=False, status__in=["adopted", "in_progress"]
    ).exclude(owner__email="")
    owner_ids = list(
        live.order_by("owner_id").values_list("owner_id", flat=True).distinct()[:owners]
    )
    chosen = live.filter(owner_id__in=owner_ids)
    with (
        tempfile.TemporaryDirectory() as mail_folder,
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=mail_folder,
        ),
        transaction.atomic(),
    ):
        cycle = ReviewCycle(
            initiative=bench,
            title="Bench: Sachstandsabfrage",
            deadline=timezone.localdate() + timedelta(days=21),
        )
        start = time.perf_counter()
        services.cycle_create(actor=installation.user, cycle=cycle, measures=chosen)
        created = time.perf_counter()
        # The installation's running review asks about these measures already: the
        # office asks again, so the launch mails every owner as before.
        services.cycle_launch(actor=installation.user, cycle=cycle, ask_again=True)
        launched = time.perf_counter()
        sent, left = deliver_due()
        delivered = time.perf_counter()
        asked = cycle.requests.count()
        measures = cycle.answers.count()
        transaction.set_rollback(True)
    detail = (
        f"{measures} measures of {asked} owners: draft {created - start:.2f} s, "
        f"launch {launched - created:.2f} s, {sent} mails delivered {delivered - launched:.2f} s"
        + (f", {left} left waiting" if left else "")
    )
    return delivered - start, asked, sent, detail


def _report_pdf(cycle):
    """Builds the PDF of `cycle` as the report task does; returns (seconds, pages,
    bytes)."""
    from django.utils import translation

    from standort.core import pdf
    from standort.reports.queries import report_data
    from standort.reports.render import print_html

    started = time.perf_counter()
    with translation.override("de"):
        data = report_data(cycle)
        document = pdf.layout(print_html(data))
        content = pdf.write_pdf(document)
    seconds = time.perf_counter() - started
    shown = sum(len(group.rows) for group in data.groups)
    if shown != cycle.answers.count():
        raise RuntimeError(f"the report shows {shown} of the review's measures")
    return seconds, len(document.pages), len(content)


@across_initiatives()
def time_report_pdf(installation, measures=PDF_MEASURES):
    """Returns (seconds, measures, pages, bytes) of the PDF of a closed review."""
    from django.db import transaction
    from django.utils import timezone

    from standort.measures.models import Measure, StatusUpdate
    from standort.reviews.models import ReviewAnswer, ReviewCycle, ReviewRequest
    from standort.reviews.services import cycle_snapshot_take

    bench = installation.bench
    chosen = list(
        Measure.objects.filter(initiative=bench, is_archived=False, owner__isnull=False)
        .select_related("owner")
        .order_by("number")[:measures]
    )
    now = timezone.now()
    with transaction.atomic():
        cycle = ReviewCycle.objects.create(
            initiative=bench,
            title="Bench: Sachstandsabfrage für den Bericht",
            deadline=timezone.localdate() - timedelta(days=7),
            state=ReviewCycle.State.CLOSED,
            launched_at=now - timedelta(days=30),
            closed_at=now,
        )
        requests = {}
        for measure in chosen:
            if measure.owner_id not in requests:
                requests[measure.owner_id] = ReviewRequest(cycle=cycle, person=measure.owner)
        ReviewRequest.objects.bulk_create(requests.values())
        lights = ["green", "green", "amber", "green", "red"]
        # What the owners reported: the accepted status updates the answers became.
        reports = StatusUpdate.objects.bulk_create(
            StatusUpdate(
                measure=measure,
                traffic_light=lights[n % len(lights)],
                progress=(n * 7) % 100,
                achieved=ACHIEVED,
                next_steps=NEXT_STEPS,
                support_needed=SUPPORT if n % 3 == 0 else "",
                reported_at=now - timedelta(days=10),
                reported_by_id=measure.owner_id,
                accepted_at=now,
            )
            for n, measure in enumerate(chosen)
        )
        ReviewAnswer.objects.bulk_create(
            ReviewAnswer(
                cycle=cycle,
                request=requests[measure.owner_id],
                measure=measure,
                state=ReviewAnswer.State.ACCEPTED,
                submitted_at=now - timedelta(days=10),
                accepted_at=now,
                status_update=report,
            )
            for measure, report in zip(chosen, reports, strict=True)
        )
        # Kept as the review closes (reviews.services.cycle_close): the report shows it.
        cycle.snapshot = cycle_snapshot_take(cycle)
        cycle.save(update_fields=["snapshot"])
        seconds, pages, size = _report_pdf(cycle)
        transaction.set_rollback(True)
    return seconds, len(chosen), pages, size


@across_initiatives()
def time_reviews(installation):
    """The two timings as report lines, and what missed its target."""
    rows, missed = [], []
    seconds, asked, sent, detail = time_launch(installation)
    print(f"  launch: {detail}", flush=True)
    rows.append(
        (
            f"launch a review for {asked} owners until {sent} mails are handed over",
            seconds,
            LAUNCH_TARGET_S,
        )
    )
    if asked < LAUNCH_OWNERS or sent < asked:
        missed.append(f"the launch reached {asked} owners and sent {sent} mails")
    seconds, measures, pages, size = time_report_pdf(installation)
    print(f"  PDF: {measures} measures, {pages} pages, {size // 1024} KiB", flush=True)
    rows.append((f"PDF report of {measures} measures ({pages} pages)", seconds, PDF_TARGET_S))
    lines = ["| status reviews (in-process) | seconds | target | verdict |", "|---|---:|---:|---|"]
    for name, seconds, target in rows:
        verdict = "OK" if seconds < target else "MISSED"
        if verdict == "MISSED":
            missed.append(f"{name}: {seconds:.2f} s ≥ {target} s")
        lines.append(f"| {name} | {seconds:.2f} | < {target} | {verdict} |")
    return lines, missed
