"""The bench of the plan as of a date must not rot: it runs on a tiny installation."""

from bench.asof_timings import time_plan
from bench.generate import TINY, generate
from standort.core.history import records
from standort.measures.models import Measure
from standort.reports.models import Report


def test_asof_and_demand_pdf_timings_run_and_leave_nothing(db):
    installation = generate(TINY)

    lines, missed = time_plan(installation)

    assert "the catalogue as of a year ago" in lines[2]
    assert "PDF on demand of" in lines[3]
    # Whether the figures meet their targets is the bench's report, not a test's verdict:
    # the test only checks that each miss names its figure.
    assert all(line.startswith(("PDF on demand", "the catalogue as of")) for line in missed)
    # Rolled back: no history records and no report are left.
    assert not records(Measure).exists()
    assert not Report.objects.exists()
