"""What an owner reported moves from the answer into its status update, the one record
of it (the next migration drops the answer's copy).

An accepted answer has its status update already: it holds what the answer holds,
except that acceptance made a completed measure's progress 100 % and an empty traffic
light green. Where they differ otherwise, the status update is what the measure and
the reports have shown since, so it stays; each such answer is logged. Any other answer
with something written in it gets a draft status update (not accepted, so it counts
nowhere) with its content; an untouched one gets none, as before its first save.

Reversible: the content is copied back onto the answers and the drafts are deleted.
Neither direction writes change-history records: the drafts start their history with
their next save."""

import logging

from django.db import migrations
from django.utils import timezone

REPORTED = ("traffic_light", "progress", "achieved", "next_steps", "support_needed")
TEXTS = ("achieved", "next_steps", "support_needed")
BATCH = 1000

log = logging.getLogger("standort.migrations")


def _written(answer):
    return (
        bool(answer.traffic_light)
        or answer.progress is not None
        or any(getattr(answer, name).strip() for name in TEXTS)
    )


def _accepted_as(answer):
    """What accepting `answer` made of its content."""
    return {
        "traffic_light": answer.traffic_light or "green",
        "progress": 100 if answer.completed else (answer.progress or 0),
        **{name: getattr(answer, name) for name in TEXTS},
    }


def _differences(answer, update):
    expected = _accepted_as(answer) if update.accepted_at is not None else {
        name: getattr(answer, name) for name in REPORTED
    }
    return [name for name, value in expected.items() if getattr(update, name) != value]


def into_status_updates(apps, schema_editor):
    ReviewAnswer = apps.get_model("reviews", "ReviewAnswer")
    StatusUpdate = apps.get_model("measures", "StatusUpdate")
    db = schema_editor.connection.alias
    answers = (
        ReviewAnswer.objects.using(db)
        .select_related("status_update", "request")
        .order_by("pk")
        .iterator(chunk_size=BATCH)
    )
    now = timezone.now()
    pending = []

    def flush():
        drafts = StatusUpdate.objects.using(db).bulk_create([draft for _a, draft in pending])
        for answer, draft in zip([answer for answer, _d in pending], drafts, strict=True):
            if draft.pk is None:  # a database that returns no ids from a bulk insert
                draft.save(using=db)
            answer.status_update_id = draft.pk
        ReviewAnswer.objects.using(db).bulk_update(
            [answer for answer, _d in pending], ["status_update"]
        )
        pending.clear()

    for answer in answers:
        if answer.status_update_id is not None:
            differing = _differences(answer, answer.status_update)
            if differing:
                log.warning(
                    "Answer %s and its status update %s differ in %s; the status update "
                    "is kept.",
                    answer.pk,
                    answer.status_update_id,
                    ", ".join(differing),
                )
            continue
        if not _written(answer):
            continue
        draft = StatusUpdate(
            measure_id=answer.measure_id,
            reported_at=answer.submitted_at or answer.saved_at or now,
            reported_by_id=answer.request.person_id,
            accepted_at=None,
            **{name: getattr(answer, name) for name in REPORTED},
        )
        pending.append((answer, draft))
        if len(pending) >= BATCH:
            flush()
    if pending:
        flush()


def onto_answers(apps, schema_editor):
    ReviewAnswer = apps.get_model("reviews", "ReviewAnswer")
    StatusUpdate = apps.get_model("measures", "StatusUpdate")
    db = schema_editor.connection.alias
    answers = list(
        ReviewAnswer.objects.using(db)
        .filter(status_update__isnull=False)
        .select_related("status_update")
    )
    drafts = []
    for answer in answers:
        update = answer.status_update
        for name in REPORTED:
            value = getattr(update, name)
            setattr(answer, name, value if value is not None or name == "progress" else "")
        if update.accepted_at is None:
            drafts.append(update.pk)
            answer.status_update_id = None
    ReviewAnswer.objects.using(db).bulk_update(
        answers, [*REPORTED, "status_update"], batch_size=BATCH
    )
    for start in range(0, len(drafts), BATCH):
        StatusUpdate.objects.using(db).filter(pk__in=drafts[start : start + BATCH]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0013_status_update_drafts"),
        ("reviews", "0002_review_snapshot"),
    ]

    operations = [migrations.RunPython(into_status_updates, onto_answers)]
