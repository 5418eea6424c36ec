from django.core.management.base import BaseCommand

from standort.reviews.tasks import schedule_daily


class Command(BaseCommand):
    help = "Queues the daily reminder run unless one is waiting already (run before the worker)."

    def handle(self, *args, **options):
        schedule_daily()
