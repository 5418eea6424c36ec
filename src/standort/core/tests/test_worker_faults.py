"""A worker that dies or loses its database loses nothing: a mail sent again after an
unknown outcome carries the same Message-ID, the sweep starts delivery of mails whose
claim ran out, and tasks a dead worker left RUNNING are run again (issue 14, item 11)."""

import datetime
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from standort.core import mail, scheduling, worker
from standort.core.models import OutgoingMail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run_worker():
    call_command("task_worker", batch=True, no_startup_delay=True, verbosity=0)


def a_dead_worker_id():
    """The id a worker on this machine had whose process has ended."""
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    host = worker.new_worker_id().split(":")[0]
    return f"{host}:{process.stdout.strip()}:gone"


def queued(key, **fields):
    outgoing = OutgoingMail(
        key=key, to=f"{key}@example.org", subject="Betreff", body="Text", **fields
    )
    mail.queue([outgoing])
    return OutgoingMail.objects.get(key=key)


def test_a_mail_sent_again_carries_the_same_message_id(mailoutbox):
    outgoing = queued("resend")
    assert outgoing.message_id.startswith("<") and outgoing.message_id.endswith("@testserver>")
    mail.deliver_due()
    # The worker died after the server accepted the mail and before the row said so.
    OutgoingMail.objects.filter(pk=outgoing.pk).update(sent_at=None, claimed_until=None)
    mail.deliver_due()
    assert len(mailoutbox) == 2
    assert mailoutbox[0].extra_headers["Message-ID"] == outgoing.message_id
    assert mailoutbox[1].message()["Message-ID"] == outgoing.message_id


def test_a_mail_without_message_id_gets_one_before_its_first_attempt(mailoutbox):
    # Queued before mails had a Message-ID.
    outgoing = OutgoingMail.objects.create(
        key="old", to="old@example.org", subject="Betreff", body="Text", send_after=timezone.now()
    )
    mail.deliver_due()
    outgoing.refresh_from_db()
    assert outgoing.message_id
    assert mailoutbox[0].message()["Message-ID"] == outgoing.message_id


def test_a_mail_answers_to_its_reply_to(mailoutbox):
    outgoing = queued("reply", reply_to="besucher@example.org")
    mail.deliver_due()
    assert mailoutbox[0].reply_to == ["besucher@example.org"]
    assert outgoing.to not in mailoutbox[0].reply_to


def test_the_sweep_delivers_mails_whose_claim_ran_out(database_tasks, mailoutbox):
    queued("claimed", claim="x" * 32, claimed_until=timezone.now() + datetime.timedelta(minutes=10))
    run_worker()  # the delivery queued with the mail finds it claimed
    assert mailoutbox == []
    DBTaskResult.objects.all().delete()
    OutgoingMail.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))

    result = scheduling.sweep.enqueue()
    run_worker()

    assert [m.to[0] for m in mailoutbox] == ["claimed@example.org"]
    assert DBTaskResult.objects.get(pk=result.id).return_value == {
        "requeued": 0,
        "mails_waiting": True,
    }
    # It scheduled its next run.
    following = DBTaskResult.objects.get(task_path=scheduling.sweep.module_path, status="READY")
    assert following.run_after > timezone.now() + datetime.timedelta(minutes=4)


def test_the_sweep_is_queued_once(database_tasks):
    call_command("schedule_sweep")
    call_command("schedule_sweep")
    assert DBTaskResult.objects.filter(task_path=scheduling.sweep.module_path).count() == 1


def running(task_object, worker_id, started_at=None):
    result = task_object.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", worker_ids=[worker_id], started_at=started_at or timezone.now()
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_a_task_left_running_by_a_dead_worker_is_run_again(database_tasks, mailoutbox):
    # A worker was killed half-way through a delivery: its mails are claimed for a
    # quarter of an hour more, its task RUNNING.
    with_claim = running(mail.deliver_mail, a_dead_worker_id())
    claim = str(with_claim.pk).replace("-", "")
    for number in range(3):
        queued(f"launch-{number}")
    DBTaskResult.objects.exclude(pk=with_claim.pk).delete()  # the deliveries queued with them
    OutgoingMail.objects.update(
        claim=claim, claimed_until=timezone.now() + datetime.timedelta(minutes=14)
    )
    alive = running(scheduling.sweep, worker.new_worker_id())  # this process: alive
    ours = DBTaskResult.objects.filter(pk=alive.pk)

    assert worker.requeue_abandoned() == 1
    assert DBTaskResult.objects.get(pk=with_claim.pk).status == "READY"
    assert ours.get().status == "RUNNING"

    ours.delete()
    run_worker()
    # The rerun took over its own claims at once.
    assert sorted(m.to[0] for m in mailoutbox) == [f"launch-{n}@example.org" for n in range(3)]
    assert DBTaskResult.objects.get(pk=with_claim.pk).status == "SUCCESSFUL"


def test_a_task_running_for_too_long_is_run_again(database_tasks):
    on_another_machine = "elsewhere:1:abc"
    recent = running(mail.deliver_mail, on_another_machine)
    old = running(
        mail.deliver_mail,
        on_another_machine,
        started_at=timezone.now() - datetime.timedelta(seconds=worker.STALE_AFTER + 60),
    )
    assert worker.requeue_abandoned() == 1
    assert DBTaskResult.objects.get(pk=old.pk).status == "READY"
    assert DBTaskResult.objects.get(pk=recent.pk).status == "RUNNING"


def test_a_task_that_killed_its_workers_fails_in_the_end(database_tasks):
    dead = a_dead_worker_id()
    result = running(mail.deliver_mail, dead)
    DBTaskResult.objects.filter(pk=result.pk).update(worker_ids=["a:1:x", "b:2:y", dead])
    assert worker.requeue_abandoned() == 1
    result.refresh_from_db()
    assert result.status == "FAILED"
    assert result.exception_class_path == "standort.core.worker.WorkerLost"


def test_the_worker_reruns_abandoned_tasks_when_it_starts(database_tasks, mailoutbox):
    result = running(mail.deliver_mail, a_dead_worker_id())
    queued("waiting")
    DBTaskResult.objects.exclude(pk=result.pk).delete()
    run_worker()
    assert DBTaskResult.objects.get(pk=result.pk).status == "SUCCESSFUL"
    assert len(mailoutbox) == 1


runs = []


@task()
def loses_the_database_once():
    runs.append(len(runs) + 1)
    if len(runs) == 1:
        raise OperationalError("server closed the connection unexpectedly")
    return len(runs)


def test_a_task_that_lost_the_database_runs_again(database_tasks, monkeypatch):
    # The database went away while the task ran (the restart test shows it for real).
    monkeypatch.setattr(worker.ResilientWorker, "_database_lost", staticmethod(lambda _: True))
    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)
    runs.clear()
    result = loses_the_database_once.enqueue()
    run_worker()
    result = DBTaskResult.objects.get(pk=result.id)
    assert (result.status, result.return_value) == ("SUCCESSFUL", 2)
