"""Reminders and the outbox with the database task backend and its worker, as in
production: due reminders go out once, a second run sends nothing, and a mail server
that cannot be reached delays mails without losing them."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from standort.core.mail import deliver_mail
from standort.core.models import OutgoingMail
from standort.reviews import services
from standort.reviews.models import ReviewCycle, ReviewRequest
from standort.reviews.services import reminder_time
from standort.reviews.tasks import send_reminders

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
UNREACHABLE_SMTP = {
    # Nothing listens on port 9 (discard) here: connecting fails at once.
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 9,
    "EMAIL_TIMEOUT": 2,
}


@pytest.fixture
def database_tasks(settings):
    # django-tasks drops its cached backends when the setting changes.
    settings.TASKS = DATABASE_TASKS


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@pytest.fixture
def launched(draft, anna, database_tasks, settings):
    """A running review with its deadline in ten days, reminders three days before
    and the day after; the launch mails are delivered."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    draft.deadline = timezone.localdate() + datetime.timedelta(days=10)
    draft.remind_days_before = 3
    draft.save()
    services.cycle_launch(actor=anna, cycle=draft)
    run_worker()
    draft.refresh_from_db()
    return draft


@pytest.fixture
def due_review(launched):
    """Eight days later: the deadline is in two days, the first reminder is due."""
    ReviewCycle.objects.filter(pk=launched.pk).update(
        deadline=timezone.localdate() + datetime.timedelta(days=2)
    )
    launched.refresh_from_db()
    return launched


def test_launch_mails_and_schedules_both_reminders(launched, mailoutbox):
    assert len(mailoutbox) == 2
    scheduled = DBTaskResult.objects.filter(task_path=send_reminders.module_path)
    assert {r.args_kwargs["kwargs"]["kind"]: r.run_after for r in scheduled} == {
        "before": reminder_time(launched, "before"),
        "after": reminder_time(launched, "after"),
    }
    assert all(r.status == "READY" for r in scheduled)  # not yet: they wait for their day


def test_a_due_reminder_goes_out_once(due_review, mailoutbox):
    mailoutbox.clear()
    send_reminders.enqueue(cycle_id=due_review.pk, kind="before")
    run_worker()
    assert sorted(m.to[0] for m in mailoutbox) == ["ben@example.org", "greta@example.org"]
    assert all("Erinnerung" in m.subject or "Reminder" in m.subject for m in mailoutbox)
    # A second run, or a worker that retries the task, sends nothing more.
    send_reminders.enqueue(cycle_id=due_review.pk, kind="before")
    send_reminders.enqueue(cycle_id=due_review.pk, kind="before")
    run_worker()
    assert len(mailoutbox) == 2


def test_the_reminder_link_is_the_owners_current_link(due_review, mailoutbox, client):
    from .conftest import link_of

    launch_link = link_of(next(m for m in mailoutbox if m.to == ["greta@example.org"]))
    mailoutbox.clear()
    send_reminders.enqueue(cycle_id=due_review.pk, kind="before")
    run_worker()
    reminder_link = link_of(next(m for m in mailoutbox if m.to == ["greta@example.org"]))
    assert reminder_link == launch_link
    assert client.get(reminder_link).status_code == 200


def test_owners_who_answered_get_no_reminder(due_review, mailoutbox):
    ReviewRequest.objects.filter(email="greta@example.org").update(submitted_at=timezone.now())
    mailoutbox.clear()
    send_reminders.enqueue(cycle_id=due_review.pk, kind="before")
    run_worker()
    assert [m.to for m in mailoutbox] == [["ben@example.org"]]


def test_a_reminder_not_yet_due_does_nothing(due_review, mailoutbox):
    mailoutbox.clear()
    send_reminders.enqueue(cycle_id=due_review.pk, kind="after")  # the day after the deadline
    run_worker()
    assert mailoutbox == []


def test_an_unreachable_mail_server_delays_the_mail_and_a_later_run_sends_it(
    due_review, mailoutbox, settings
):
    mailoutbox.clear()
    for name, value in UNREACHABLE_SMTP.items():
        setattr(settings, name, value)
    send_reminders.enqueue(cycle_id=due_review.pk, kind="before")
    run_worker()
    waiting = OutgoingMail.objects.filter(key__startswith="review/reminder-before:")
    assert waiting.count() == 2
    assert all(m.sent_at is None and m.failed_at is None for m in waiting)
    assert all(m.attempts == 1 and m.last_error for m in waiting)
    # The delivery task has scheduled its own retry for later.
    retry = DBTaskResult.objects.filter(task_path=deliver_mail.module_path, status="READY")
    assert retry.filter(run_after__gt=timezone.now()).exists()

    # The server is back; time passes until the retry is due.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingMail.objects.update(send_after=timezone.now())
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()
    assert sorted(m.to[0] for m in mailoutbox) == ["ben@example.org", "greta@example.org"]
    assert waiting.filter(sent_at__isnull=False).count() == 2
    # And nothing goes out twice afterwards.
    deliver_mail.enqueue()
    run_worker()
    assert len(mailoutbox) == 2


def test_the_daily_run_is_queued_once(database_tasks):
    from django.core.management import call_command

    from standort.reviews.tasks import send_stale_reminders

    call_command("schedule_reminders")
    call_command("schedule_reminders")
    waiting = DBTaskResult.objects.filter(task_path=send_stale_reminders.module_path)
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now()
