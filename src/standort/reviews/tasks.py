from django_tasks import task

from .models import ReviewCycle
from .services import remind


@task()
def send_reminders(*, cycle_id, kind):
    """Scheduled at launch for the reminder's time; safe to run any number of times."""
    cycle = ReviewCycle.objects.filter(pk=cycle_id).first()
    return remind(cycle, kind) if cycle else 0
