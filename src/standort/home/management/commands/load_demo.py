from django.core.management.base import BaseCommand

from standort.initiatives.demo import ACCOUNTS, DEMO_PASSWORD
from standort.reviews.demo import demo_link

from ...demo import load_demo


class Command(BaseCommand):
    help = (
        "Loads the demo initiatives Duisburg and Mülheim an der Ruhr with the demo accounts. "
        "Safe to run again: only what differs is written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though the database has users outside @example.org.",
        )

    def handle(self, *args, force=False, **options):
        result = load_demo(force=force)
        self.stdout.write(self.style.SUCCESS(result.summary()))
        if result.total:
            accounts = ", ".join(ACCOUNTS)
            self.stdout.write(f"Demo-Konten / demo accounts: {accounts}")
            self.stdout.write(f"Passwort / password: {DEMO_PASSWORD}")
        link = demo_link()
        if link:
            person, url = link
            self.stdout.write(
                f"Persönlicher Link von {person} zur Sachstandsabfrage / "
                f"personal status review link: {url}"
            )
