from django.core.management.base import BaseCommand

from standort.notifications.tasks import schedule_digest


class Command(BaseCommand):
    help = "Queues the daily digest unless one is waiting already (run before the worker)."

    def handle(self, *args, **options):
        schedule_digest()
