"""What the report counts, and that reading it costs the same few queries for a small
review and a large one."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from standort.initiatives.tests.factories import BodyFactory
from standort.measures.models import Measure, StatusUpdate
from standort.measures.tests.factories import MeasureFactory
from standort.reports import services
from standort.reports.models import Report
from standort.reports.queries import NO_ANSWER, report_data, reports_by_review

from .conftest import answer, closed_review, taken
from .factories import ReportFactory

pytestmark = pytest.mark.django_db


def test_report_data_counts_the_answers_that_count(review):
    with translation.override("de"):
        data = report_data(review.cycle)
        no_answer = gettext("no answer")
        on_track = pgettext("traffic light", "on track")

    assert [g.name for g in data.groups] == [
        "Arbeitskreis Mittelstand und Gründung",
        "Arbeitskreis Infrastruktur, Umwelt und Energie",
    ]
    assert [[r.number for r in g.rows] for g in data.groups] == [[1, 2], [3, 4]]
    assert (data.asked, data.answered, data.answer_rate) == (4, 3, 75)
    assert [(value, count) for value, _label, count in data.lights] == [
        ("green", 1),
        ("amber", 1),
        ("red", 1),
        (NO_ANSWER, 1),
    ]
    assert [(value, count) for value, _label, count in data.statuses] == [
        ("adopted", 1),
        ("in_progress", 3),
    ]
    assert data.lights_by_group == [
        ("Arbeitskreis Mittelstand und Gründung", [1, 1, 0, 0], 2),
        ("Arbeitskreis Infrastruktur, Umwelt und Energie", [0, 0, 1, 1], 2),
    ]
    first, second, missing, _fourth = data.rows
    assert (first.owner, first.organization) == (
        "Jürgen Groß",
        "Wirtschaftsförderung Duisburg GmbH",
    )
    assert (first.light_label, first.progress, first.on_behalf) == (on_track, 60, False)
    assert second.on_behalf  # the office typed it from a phone call
    # Grete's draft does not count: no light, no texts, the measure's own progress.
    assert (missing.answered, missing.light_label, missing.achieved) == (False, no_answer, "")
    assert missing.progress == 20


def test_measures_without_working_group_come_last(review):
    stray = MeasureFactory(initiative=review.initiative, number=9, title="Ohne Gremium", body=None)
    answer(review.cycle, stray, state="accepted")
    taken(review.cycle)
    with translation.override("de"):
        data = report_data(review.cycle)
        assert data.groups[-1].name == gettext("Without working group")
    assert [r.number for r in data.groups[-1].rows] == [9]


def _review_of(duisburg, count):
    cycle = closed_review(duisburg, f"Abfrage mit {count}")
    groups = [BodyFactory(initiative=duisburg) for _ in range(3)]
    for number in range(1, count + 1):
        measure = MeasureFactory(
            initiative=duisburg, number=1000 * count + number, body=groups[number % 3]
        )
        lights = list(StatusUpdate.Light)
        answer(cycle, measure, state="accepted", traffic_light=lights[number % 3])
    taken(cycle)
    return cycle


@pytest.mark.parametrize("count", [3, 30])
def test_report_data_reads_in_three_queries(duisburg, django_assert_num_queries, count):
    cycle = _review_of(duisburg, count)
    cycle.initiative = duisburg
    # 1: the initiative's own fields (columns of the report since they were added);
    # 2: the measures the review asked about as its snapshot keeps them; 3: their
    # average progress at the reviews and periods before.
    with django_assert_num_queries(3):
        data = report_data(cycle)
        [row.title for row in data.rows]
    assert data.asked == count


@pytest.mark.parametrize("count", [2, 10])
def test_report_list_costs_the_same_for_2_and_10_reports(
    duisburg, anna, as_persona, django_assert_num_queries, count
):
    for index in range(count // 2):
        cycle = closed_review(duisburg, f"Abfrage {index}")
        ReportFactory(cycle=cycle, format=Report.Format.PDF, created_by=anna)
        ReportFactory(cycle=cycle, format=Report.Format.XLSX, state=Report.State.RUNNING)
    closed_review(duisburg, "Noch ohne Bericht")
    for index in range(count // 2):
        services.reports_on_demand(
            actor=anna,
            initiative=duisburg,
            measures=Measure.objects.filter(initiative=duisburg),
            title=f"Bericht {index}",
            formats=["pdf", "docx"],
        )
    client = as_persona("anna")
    # 1 session, 2 user, 3 initiative (middleware), 4 Anna's roles, 5 her unread
    # notifications (the header), 6 closed reviews, 7 their reports with who asked for
    # them; 8 count and 9 page of the requests on demand, 10 their reports; 11 the
    # closed reporting periods. (The form of a new report is a page of its own.)
    with django_assert_num_queries(11):
        response = client.get(reverse("report_list", args=["duisburg"]))
    assert response.status_code == 200
    assert response.content.decode().count("report-review") >= count // 2 + 1


def test_reports_by_review_lists_reviews_with_new_reports_first(duisburg, anna):
    old = closed_review(duisburg, "Herbst 2017")
    new = closed_review(duisburg, "Frühjahr 2018")
    bare = closed_review(duisburg, "Ohne Bericht")
    ReportFactory(cycle=new, format="xlsx")
    ReportFactory(cycle=new, format="pdf")
    ReportFactory(cycle=old, format="pdf", created_at=new.closed_at.replace(year=2017))
    entries = reports_by_review(duisburg)
    assert [e.cycle for e in entries] == [new, old, bare]
    assert [r.format for r in entries[0].reports] == ["pdf", "xlsx"]
    assert entries[0].missing == ["docx"]
    assert entries[2].missing == ["pdf", "xlsx", "docx"]
