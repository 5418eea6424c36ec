"""Daily runs of tasks: each run queues the next, and the worker's start queues one
when none waits (see the Procfile's worker line)."""

import datetime

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .mail import schedule


def next_daily_run(hour, now=None):
    """The next `hour` o'clock in the site's time zone (Europe/Berlin), after `now`."""
    now = timezone.localtime(now)
    today = timezone.make_aware(datetime.datetime.combine(now.date(), datetime.time(hour)))
    return today if today > now else today + datetime.timedelta(days=1)


def schedule_daily_run(task_object, hour):
    """Queues the next run of `task_object` at `hour` unless one waits already."""
    waiting = DBTaskResult.objects.filter(
        task_path=task_object.module_path, status="READY"
    ).exists()
    if not waiting:
        schedule(task_object, next_daily_run(hour))
