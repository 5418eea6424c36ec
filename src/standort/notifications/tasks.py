from django_tasks import task

from standort.core import scheduling

from . import services

DIGEST_HOUR = 7


@task()
def send_daily_digest():
    """Daily at 07:00: the digest mails (safe to run any number of times); then the
    next day's run is scheduled, even when this one failed."""
    try:
        return services.send_digest()
    finally:
        schedule_digest()


def schedule_digest():
    scheduling.schedule_daily_run(send_daily_digest, DIGEST_HOUR)
