"""Periodic runs of tasks: each run queues the next, and the worker's start queues
one when none waits (see the Procfile's worker line). Daily: the reminders and the
digest; every few minutes: the sweep, which looks after mails and tasks a dead
worker left behind."""

import datetime

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import mail, worker
from .mail import schedule


def next_daily_run(hour, now=None):
    """The next `hour` o'clock in the site's time zone (Europe/Berlin), after `now`."""
    now = timezone.localtime(now)
    today = timezone.make_aware(datetime.datetime.combine(now.date(), datetime.time(hour)))
    return today if today > now else today + datetime.timedelta(days=1)


def _waits(task_object):
    """Whether a run of `task_object` is queued already."""
    return DBTaskResult.objects.filter(task_path=task_object.module_path, status="READY").exists()


def schedule_daily_run(task_object, hour):
    """Queues the next run of `task_object` at `hour` unless one waits already."""
    if not _waits(task_object):
        schedule(task_object, next_daily_run(hour))


SWEEP_MINUTES = 5


def schedule_every(task_object, minutes):
    """Queues a run of `task_object` in `minutes` unless one waits already."""
    if not _waits(task_object):
        schedule(task_object, timezone.now() + datetime.timedelta(minutes=minutes))


@task()
def sweep():
    """Every SWEEP_MINUTES: queues again the tasks a dead worker left RUNNING, and
    starts delivery when mails wait (their worker died and their claim ran out, or
    nothing queued a delivery), so they do not wait for the next unrelated mail.
    Then the next run is scheduled, even when this one failed."""
    try:
        requeued = worker.requeue_abandoned()
        mails = mail.waiting().exists()
        if mails:
            mail.deliver_mail.enqueue()
        return {"requeued": requeued, "mails_waiting": mails}
    finally:
        schedule_sweep()


def schedule_sweep():
    schedule_every(sweep, SWEEP_MINUTES)
