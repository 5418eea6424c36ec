"""Every report view, for every persona: allowed, denied, or not found.

Everyone taking part in Duisburg (Olga observes, Ben is a member, Stefan sits on the
steering committee, Anna runs the office) and Paul, the platform admin, read the
reports; only Anna and Paul have them built. Clara (Mülheim's office) and Eva (no
role) get 403 in Duisburg, anonymous callers the sign-in page.

Reports on demand are read and built alike. Three tests run the table: in Duisburg as
is, with Mülheim's review and reports addressed through /duisburg/ (404 by
construction), and in the non-public forum (404 for everybody but Paul). No page shows
a name of another initiative."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from standort.conftest import PERSONAS
from standort.initiatives.tests.test_permissions import LOGIN, answer, fresh
from standort.measures.asof import catalogue_now
from standort.measures.models import ReportingPeriod
from standort.measures.services import snapshot_take
from standort.reports.models import Report
from standort.reviews.models import ReviewCycle

from .factories import ReportFactory

pytestmark = pytest.mark.django_db

ALLOWED = {
    "view": {"olga", "ben", "stefan", "anna", "paul"},
    "generate": {"anna", "paul"},
}


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    kwargs: Callable  # place → URL kwargs besides the slug
    post: bool = False  # the view takes POST: an allowed GET answers 405 unless `form`
    form: bool = False  # the view shows its form on GET too
    data: dict | None = None  # what a POST sends

    def __str__(self):
        return self.name


TABLE = [
    Row("report_list", "view", lambda p: {}),
    Row("report_html", "view", lambda p: {"cycle_id": p.cycle.pk}),
    Row("report_download", "view", lambda p: {"pk": p.report.pk}),
    Row("report_generate", "generate", lambda p: {"cycle_id": p.cycle.pk}, post=True),
    Row("report_regenerate", "generate", lambda p: {"pk": p.report.pk}, post=True),
    Row("demand_report_html", "view", lambda p: {"pk": p.demand.pk}),
    Row("report_regenerate", "generate", lambda p: {"pk": p.demand.pk}, post=True),
    Row("report_demand", "generate", lambda p: {}, post=True, form=True, data={"formats": ["pdf"]}),
    Row("report_compare", "view", lambda p: {}),
    Row("period_close", "generate", lambda p: {}, post=True, data={"ends_on": "2026-01-31"}),
]
CASES = [(row, "GET") for row in TABLE] + [(row, "POST") for row in TABLE if row.post]
IDS = [f"{row}-{method}-{index}" for index, (row, method) in enumerate(CASES)]


def expected(row, method, persona):
    if persona in ALLOWED[row.kind]:
        if method == "POST":
            return 302
        return 405 if row.post and not row.form else 200
    return LOGIN if persona == "anonymous" else 403


@pytest.fixture
def places(reviews, anna, stefan, ben, olga, clara, paul, eva):
    """The reviews of the three initiatives, each with a finished PDF report."""
    for place in reviews.values():
        place.report = ReportFactory(cycle=place.cycle, format=Report.Format.PDF)
        snapshot = snapshot_take(
            initiative=place.initiative,
            taken_at=timezone.now(),
            states=catalogue_now(place.initiative),
        )
        place.demand = ReportFactory(
            cycle=None, initiative=place.initiative, snapshot=snapshot, title="Bericht auf Abruf"
        )
    return reviews


@pytest.fixture
def personas(places, request):
    return {
        name: None if name == "anonymous" else request.getfixturevalue(name) for name in PERSONAS
    }


def written():
    """What a request may have written: the reports and the closed reporting periods."""
    return (
        list(Report.objects.values_list("pk", "attempt", "state")),
        list(ReportingPeriod.objects.values_list("pk", flat=True)),
    )


def ask_everyone(personas, row, method, place, *, slug):
    """{persona: answer}, {persona: foreign names on the page}, {persona: changed
    reports}; each persona asks inside a transaction that is rolled back."""
    answers, leaks, changed = {}, {}, {}
    client = Client()
    url = reverse(row.name, kwargs={"initiative_slug": slug, **row.kwargs(place)})
    for name, user in personas.items():
        with transaction.atomic():
            fresh(client, user)
            before = written()
            response = client.post(url, row.data) if method == "POST" else client.get(url)
            answers[name] = answer(response)
            text = response.content.decode(errors="replace")
            leaks[name] = text
            changed[name] = written() != before
            transaction.set_rollback(True)
    return answers, leaks, changed


@pytest.mark.parametrize(("row", "method"), CASES, ids=IDS)
def test_duisburg(places, personas, row, method):
    answers, pages, changed = ask_everyone(
        personas, row, method, places["duisburg"], slug="duisburg"
    )

    assert answers == {p: expected(row, method, p) for p in PERSONAS}
    assert changed == {p: method == "POST" and answers[p] == 302 for p in PERSONAS}
    foreign = [*places["muelheim"].names, *places["forum"].names]
    assert {p: [n for n in foreign if n in page] for p, page in pages.items()} == dict.fromkeys(
        PERSONAS, []
    )


@pytest.mark.parametrize(
    ("row", "method"),
    [
        c
        for c in CASES
        if c[0].name not in ("report_list", "report_demand", "report_compare", "period_close")
    ],
)
def test_muelheims_reports_through_duisburg_are_not_found(places, personas, row, method):
    """Mülheim's review and report addressed through /duisburg/: whoever may use the
    view there gets 404, not Mülheim's report; the others are turned away as usual."""
    answers, pages, changed = ask_everyone(
        personas, row, method, places["muelheim"], slug="duisburg"
    )

    looks_up = ALLOWED[row.kind] if method == "POST" or not row.post else set()
    assert answers == {p: 404 if p in looks_up else expected(row, method, p) for p in PERSONAS}
    assert not any(changed.values())
    for page in pages.values():
        assert not [n for n in places["muelheim"].names if n in page]


@pytest.mark.parametrize(("row", "method"), CASES, ids=IDS)
def test_forum_is_hidden(places, personas, row, method):
    """Nobody but Paul takes part in the non-public forum: for all others it does not
    exist, and nothing they send changes a report."""
    answers, _pages, changed = ask_everyone(personas, row, method, places["forum"], slug="forum")

    outsiders = [p for p in PERSONAS if p != "paul"]
    assert answers == {**dict.fromkeys(outsiders, 404), "paul": expected(row, method, "paul")}
    assert not any(changed[p] for p in outsiders)


def test_reports_of_reviews_still_running_are_not_found(places, as_persona):
    cycle = places["duisburg"].cycle
    ReviewCycle.objects.filter(pk=cycle.pk).update(state=ReviewCycle.State.RUNNING)
    client = as_persona("anna")
    assert client.get(reverse("report_html", args=["duisburg", cycle.pk])).status_code == 404
    assert client.post(reverse("report_generate", args=["duisburg", cycle.pk])).status_code == 404


def test_unfinished_reports_cannot_be_downloaded(places, as_persona):
    report = places["duisburg"].report
    Report.objects.filter(pk=report.pk).update(state=Report.State.RUNNING)
    url = reverse("report_download", args=["duisburg", report.pk])
    assert as_persona("olga").get(url).status_code == 404
