"""Reporting periods and the comparison of two states: the office closes a period for
a past day (read from the change history), and anyone taking part compares it, a
review or any day with today, measure by measure."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import Body
from standort.measures.models import ReportingPeriod

from .test_build import pdf_text
from .test_demand import TODAY, catalogue  # noqa: F401 - the catalogue with its past

pytestmark = pytest.mark.django_db


def close(client, **data):
    return client.post(reverse("period_close", args=["duisburg"]), data)


def test_a_period_closed_afterwards_keeps_the_state_of_its_day(catalogue, as_persona):  # noqa: F811
    five_days_ago = TODAY() - datetime.timedelta(days=5)
    response = close(as_persona("anna"), ends_on=five_days_ago.isoformat())
    assert response.status_code == 302

    period = ReportingPeriod.objects.get()
    assert period.title == f"Stand zum {five_days_ago:%d.%m.%Y}"
    rows = {row.number: row for row in period.snapshot.rows.all()}
    assert sorted(rows) == [1, 2, 3, 4]  # 5 is newer
    assert (rows[1].traffic_light, rows[1].progress) == ("green", 40)
    assert rows[2].status == "adopted"  # dropped since

    again = close(as_persona("anna"), ends_on=five_days_ago.isoformat())
    assert again.status_code == 400
    assert "Zu diesem Tag ist bereits ein Berichtszeitraum abgeschlossen." in again.content.decode()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    later = close(as_persona("anna"), ends_on=tomorrow.isoformat())
    assert "Bitte wählen Sie heute oder einen Tag davor." in later.content.decode()
    assert ReportingPeriod.objects.count() == 1


def compared(client, **query):
    response = client.get(reverse("report_compare", args=["duisburg"]), query)
    return response, response.context["result"] if response.status_code == 200 else None


def test_the_period_against_today_measure_by_measure(catalogue, as_persona):  # noqa: F811
    close(as_persona("anna"), ends_on=(TODAY() - datetime.timedelta(days=5)).isoformat())
    period = ReportingPeriod.objects.get()
    response, result = compared(as_persona("olga"), before=f"period-{period.pk}", after="now")
    verdicts = {row.number: (row.verdict, row.reason) for row in result.rows}
    assert verdicts == {
        1: ("worse", "Gutachten verzögert sich."),  # on track → delayed
        2: ("worse", "Kein Bedarf mehr."),  # dropped
        3: ("unchanged", ""),
        4: ("unchanged", ""),
        5: ("new", ""),
    }
    assert result.counts == {"better": 0, "unchanged": 2, "worse": 2, "new": 1, "gone": 0}
    page = response.content.decode()
    assert "Kein Bedarf mehr." in page and "nur später" in page

    # The end of the same day, read from the history, is the same state.
    _response, by_day = compared(
        as_persona("olga"),
        before="now",
        before_day=period.ends_on.isoformat(),
        after="now",
    )
    assert [(r.number, r.verdict) for r in by_day.rows] == [
        (r.number, r.verdict) for r in result.rows
    ]


def test_without_periods_or_reviews_the_page_asks_for_a_day(duisburg, as_persona):
    response = as_persona("ben").get(reverse("report_compare", args=["duisburg"]))
    assert response.status_code == 200
    assert response.context["result"] is None
    assert "bis dahin vergleichen Sie heute mit dem Ende eines früheren Tages" in (
        response.content.decode()
    )
    wrong, _result = compared(
        as_persona("ben"), before="now", before_day=TODAY().isoformat(), after="now"
    )
    assert wrong.status_code == 400
    assert "Bitte wählen Sie einen Tag vor heute." in wrong.content.decode()


def test_a_report_draws_the_plans_progress_at_each_period(
    catalogue,  # noqa: F811
    anna,
    as_persona,
    django_capture_on_commit_callbacks,
):
    from standort.reports.models import Report
    from standort.reports.queries import demand_report_data

    five_days_ago = TODAY() - datetime.timedelta(days=5)
    close(as_persona("anna"), ends_on=five_days_ago.isoformat())
    with django_capture_on_commit_callbacks(execute=True):
        as_persona("anna").post(reverse("report_demand", args=["duisburg"]), {"formats": ["pdf"]})
    report = Report.objects.get(cycle=None)
    assert report.state == "done"  # WeasyPrint drew the chart
    pdf = pdf_text(bytes(report.content))
    assert "Fortschritt des Plans im Zeitverlauf" in " ".join(pdf)
    data = demand_report_data(report)
    # Then 1 at 40 % and 2, 3, 4 at 0; now 1 at 50 %, 3, 4 and the new 5 at 0 and 2
    # dropped, which does not count.
    assert data.progress_points == [(five_days_ago, 10, ""), (TODAY(), 12, "")]
    page = as_persona("olga").get(reverse("demand_report_html", args=["duisburg", report.pk]))
    text = page.content.decode()
    assert 'aria-labelledby="report-progress-chart"' in text
    assert "Fortschritt des Plans im Zeitverlauf" in text


def test_an_initiative_goes_with_its_periods_and_snapshots(
    catalogue,  # noqa: F811
    duisburg,
    as_persona,
    django_capture_on_commit_callbacks,
):
    from standort.measures.models import Snapshot

    close(as_persona("anna"), ends_on=(TODAY() - datetime.timedelta(days=5)).isoformat())
    with django_capture_on_commit_callbacks(execute=True):
        as_persona("anna").post(reverse("report_demand", args=["duisburg"]), {"formats": ["pdf"]})
    assert Snapshot.objects.filter(initiative=duisburg).count() == 2
    # A sub-group holds its parent (PROTECT), which would hold the initiative.
    Body.objects.filter(initiative=duisburg, parent__isnull=False).delete()
    duisburg.delete()
    assert not Snapshot.objects.exists() and not ReportingPeriod.objects.exists()


def test_a_kept_comparison_with_today_follows_every_change(catalogue, anna, as_persona):  # noqa: F811
    from standort.measures import services as measure_services
    from standort.measures.models import Measure

    close(as_persona("anna"), ends_on=(TODAY() - datetime.timedelta(days=5)).isoformat())
    period = ReportingPeriod.objects.get()
    query = {"before": f"period-{period.pk}", "after": "now"}
    _response, first = compared(as_persona("olga"), **query)
    assert {r.number: r.verdict for r in first.rows}[3] == "unchanged"

    energy = Measure.objects.get(number=3)
    measure_services.measure_set_status(actor=anna, measure=energy, status="done")
    _response, again = compared(as_persona("olga"), **query)
    assert {r.number: r.verdict for r in again.rows}[3] == "better"


def test_pages_of_a_kept_comparison_show_their_rows_whatever_the_cache_still_holds(
    catalogue,  # noqa: F811
    as_persona,
    monkeypatch,
):
    from django.core.cache import cache

    from standort.reports import views

    monkeypatch.setattr(views, "COMPARED_PER_PAGE", 2)
    close(as_persona("anna"), ends_on=(TODAY() - datetime.timedelta(days=5)).isoformat())
    period = ReportingPeriod.objects.get()
    query = {"before": f"period-{period.pk}", "after": "now"}
    first, result = compared(as_persona("olga"), **query)
    assert [row.number for row in first.context["page"].object_list] == [1, 2]
    # The rows are gone from the cache, their number is not: page 3 compares anew.
    cache.delete(f"{result.key}:rows")
    third, _result = compared(as_persona("olga"), page=3, **query)
    assert [row.number for row in third.context["page"].object_list] == [5]
    assert 'rel="prev"' in third.content.decode()
    # Page 1 again, now from the kept part of the page.
    again, _result = compared(as_persona("olga"), **query)
    assert again.content.decode().count('class="kern-table__row compare-row') == 2
