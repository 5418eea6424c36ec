from django_tasks import default_task_backend, task

from standort.core import scheduling
from standort.core.mail import deliver_mail
from standort.core.tenancy import across_initiatives, initiative_scope
from standort.initiatives.models import Initiative

from .models import ReviewCycle
from .services import REMINDER_HOUR, remind, remind_stale


@task()
def send_reminders(*, cycle_id, kind):
    """Scheduled at launch for the reminder's time; safe to run any number of times."""
    with across_initiatives():
        cycle = ReviewCycle.objects.filter(pk=cycle_id).select_related("initiative").first()
    if cycle is None:
        return 0
    with initiative_scope(cycle.initiative):
        return remind(cycle, kind)


@task()
def send_stale_reminders():
    """Daily: owners of measures without a recent accepted status update are
    reminded (once a month each); then the next day's run is scheduled."""
    try:
        reminded = 0
        for initiative in Initiative.objects.all():
            with initiative_scope(initiative):
                reminded += remind_stale(initiative)
        return reminded
    finally:
        # Tomorrow's run is queued even when today's failed.
        schedule_daily(after_run=True)


def schedule_daily(after_run=False):
    """Makes sure one run of the daily reminders waits in the queue (the worker calls
    this when it starts, and each run schedules the next). At the start it also sends
    what a stopped worker left in the outbox."""
    scheduling.schedule_daily_run(send_stale_reminders, REMINDER_HOUR)
    if not after_run and default_task_backend.supports_defer:
        deliver_mail.enqueue()
