from django.core.management.base import BaseCommand

from standort.core.scheduling import schedule_sweep


class Command(BaseCommand):
    help = "Queues the outbox and task sweep unless one is waiting already (run before the worker)."

    def handle(self, *args, **options):
        schedule_sweep()
