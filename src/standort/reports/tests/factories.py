import factory
from django.utils import timezone

from standort.reports.models import Report

PDF = b"%PDF-1.7\n% a stand-in: the tests that read reports build real ones\n%%EOF\n"


class ReportFactory(factory.django.DjangoModelFactory):
    """A finished PDF report of `cycle` (its bytes a stand-in)."""

    class Meta:
        model = Report

    initiative = factory.SelfAttribute("cycle.initiative")
    format = Report.Format.PDF
    state = Report.State.DONE
    progress = 100
    content = PDF
    size = len(PDF)
    file_name = factory.LazyAttribute(lambda o: f"stand-der-umsetzung-test.{o.format}")
    created_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
