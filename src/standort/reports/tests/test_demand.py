"""Reports on demand: the office builds "Stand der Umsetzung" of the catalogue or a
selection at any time, with the changes since a day, and the report keeps showing that
moment when built again."""

import datetime
import io
import re

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from standort.core.history import records
from standort.initiatives.models import Body, Organization, Person
from standort.initiatives.tests.factories import BodyFactory
from standort.measures import services as measure_services
from standort.measures.models import Measure, Milestone, StatusUpdate
from standort.measures.tests.factories import MeasureFactory, MilestoneFactory
from standort.reports import services
from standort.reports.models import Report
from standort.reports.queries import demand_report_data
from standort.reports.render import print_html

from .test_build import flat, pdf_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def backdate(days):
    """Moves every change recorded so far, and the status updates' times, `days` into
    the past."""
    earlier = datetime.timedelta(days=days)
    for model in (Measure, StatusUpdate, Milestone, Body, Person, Organization):
        records(model).update(history_date=F("history_date") - earlier)
    for updates in (StatusUpdate.objects, records(StatusUpdate)):
        updates.update(
            reported_at=F("reported_at") - earlier, accepted_at=F("accepted_at") - earlier
        )


def report_update(anna, measure, light, progress, achieved):
    measure_services.status_update_record(
        actor=anna,
        update=StatusUpdate(
            measure=measure, traffic_light=light, progress=progress, achieved=achieved
        ),
    )


@pytest.fixture
def catalogue(duisburg, anna):
    """Working groups A (with its sub-group A1) and B; ten days ago measure 1 was on
    track at 40 %, 2 adopted, 3 (in B) under way; today 1 is delayed at 50 %, 2 is
    dropped, 5 is new, a milestone of 1 was reached yesterday and one of 4 is overdue."""
    a = BodyFactory(initiative=duisburg, name="Arbeitskreis Häfen", position=1)
    a1 = BodyFactory(initiative=duisburg, name="Unterarbeitskreis Kaikanten", parent=a)
    b = BodyFactory(initiative=duisburg, name="Arbeitskreis Energie", position=2)
    one = MeasureFactory(
        initiative=duisburg, number=1, title="Hafenbahn", body=a, status="in_progress"
    )
    two = MeasureFactory(initiative=duisburg, number=2, title="Kaimauer Ruhrort", body=a1)
    MeasureFactory(initiative=duisburg, number=3, title="Wärmenetz", body=b, status="in_progress")
    four = MeasureFactory(
        initiative=duisburg, number=4, title="Logistikflächen", body=a, status="in_progress"
    )
    report_update(anna, one, "green", 40, "Planung läuft.")
    backdate(10)

    report_update(anna, one, "amber", 50, "Gutachten verzögert sich.")
    two.refresh_from_db()
    measure_services.measure_set_status(
        actor=anna, measure=two, status="dropped", reason="Kein Bedarf mehr."
    )
    MeasureFactory(initiative=duisburg, number=5, title="Truck-Parkplatz", body=a1)
    MilestoneFactory(
        measure=one,
        title="Trasse festgelegt",
        due_on=TODAY() - datetime.timedelta(days=2),
        completed_on=TODAY() - datetime.timedelta(days=1),
    )
    MilestoneFactory(
        measure=four, title="Flächen gesichtet", due_on=TODAY() - datetime.timedelta(days=3)
    )
    return {"a": a, "b": b}


def the_report(report):
    with translation.override("de"):
        return print_html(demand_report_data(report))


def build(client, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("report_demand", args=["duisburg"]), data)


def test_the_office_builds_a_report_of_a_working_group_with_its_changes(
    catalogue, as_persona, django_capture_on_commit_callbacks
):
    since = TODAY() - datetime.timedelta(days=5)
    client = as_persona("anna")
    response = build(
        client,
        {
            "bodies": [catalogue["a"].pk],
            "since": since.isoformat(),
            "formats": ["pdf", "xlsx", "docx"],
        },
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302

    reports = list(Report.objects.filter(cycle=None).order_by("format"))
    assert [(r.format, r.state) for r in reports] == [
        ("docx", "done"),
        ("pdf", "done"),
        ("xlsx", "done"),
    ]
    # Working group A with its sub-group: not measure 3 of B.
    assert sorted(reports[0].snapshot.rows.values_list("number", flat=True)) == [1, 2, 4, 5]
    assert reports[0].selection == "Arbeitskreis Häfen"

    page = client.get(reverse("demand_report_html", args=["duisburg", reports[1].pk]))
    text = flat(page.content.decode())
    assert "Änderungen seit" in text
    for expected in (
        "Hafenbahn",
        "Gutachten verzögert sich.",  # the light that turned, with what was reported
        "Kein Bedarf mehr.",  # the dropped measure's reason
        "Truck-Parkplatz",  # new
        "Trasse festgelegt",  # reached
        "Flächen gesichtet",  # missed
    ):
        assert expected in text
    assert "Wärmenetz" not in text

    pdf = flat(" ".join(pdf_text(bytes(reports[1].content))))
    assert "Änderungen seit" in pdf and "Flächen gesichtet" in pdf
    workbook = load_workbook(io.BytesIO(bytes(reports[2].content)))
    assert workbook.sheetnames == ["Zusammenfassung", "Maßnahmen", "Änderungen"]
    with translation.override("de"):
        data = demand_report_data(reports[0])
    assert [move.number for move in data.changes.lights] == [1]
    assert [state.number for state in data.changes.new] == [5]
    assert [state.number for state in data.changes.dropped] == [2]


def test_built_again_it_shows_the_same_moment(
    catalogue, anna, as_persona, django_capture_on_commit_callbacks
):
    client = as_persona("anna")
    build(client, {"formats": ["pdf"]}, django_capture_on_commit_callbacks)
    report = Report.objects.get(cycle=None)
    pdf_before = pdf_text(bytes(report.content))
    before = the_report(report)

    hafenbahn = Measure.objects.get(number=1)
    report_update(anna, hafenbahn, "red", 5, "Alles anders.")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_rebuild(actor=anna, report=report)
    report.refresh_from_db()
    assert report.state == "done" and report.attempt == 2
    assert the_report(report) == before
    assert pdf_text(bytes(report.content)) == pdf_before
    assert "Alles anders." not in before


def test_a_wrong_choice_is_told_next_to_its_field(catalogue, as_persona):
    response = as_persona("anna").post(
        reverse("report_demand", args=["duisburg"]), {"since": TODAY().isoformat()}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte wählen Sie einen Tag vor heute." in page
    assert "Bitte wählen Sie mindestens ein Dateiformat." in page
    assert not Report.objects.exists()


def test_measures_without_a_status_report_can_be_chosen(
    catalogue, as_persona, django_capture_on_commit_callbacks
):
    build(
        as_persona("anna"),
        {"lights": ["none"], "formats": ["xlsx"]},
        django_capture_on_commit_callbacks,
    )
    report = Report.objects.get(cycle=None)
    assert sorted(report.snapshot.rows.values_list("number", flat=True)) == [2, 3, 4, 5]
    assert report.selection == "Ampel: kein Sachstand"


def test_the_changes_can_start_at_a_closed_period(
    catalogue, as_persona, django_capture_on_commit_callbacks
):
    client = as_persona("anna")
    five_days_ago = TODAY() - datetime.timedelta(days=5)
    client.post(reverse("period_close", args=["duisburg"]), {"ends_on": five_days_ago.isoformat()})
    form_page = client.get(reverse("report_demand", args=["duisburg"]))
    assert f"Stand zum {five_days_ago:%d.%m.%Y}" in form_page.content.decode()

    data = {"since_point": five_days_ago.isoformat(), "formats": ["xlsx"]}
    assert build(client, data, django_capture_on_commit_callbacks).status_code == 302
    assert Report.objects.get().since == five_days_ago

    # A day typed in takes precedence; a choice not offered is told next to its field.
    other = TODAY() - datetime.timedelta(days=2)
    build(client, {**data, "since": other.isoformat()}, django_capture_on_commit_callbacks)
    assert Report.objects.order_by("pk").last().since == other
    wrong = build(client, {**data, "since_point": "2001-01-01"}, django_capture_on_commit_callbacks)
    assert wrong.status_code == 400
    assert "Bitte eine gültige Auswahl treffen." in wrong.content.decode()


def test_a_report_can_show_the_measures_serving_goals(
    catalogue, duisburg, as_persona, django_capture_on_commit_callbacks
):
    """A report per goal: the measures serving the chosen goals, the goals named on
    its cover; another initiative's goal cannot be chosen."""
    from standort.indicators.tests.factories import GoalFactory

    measures = {m.number: m for m in Measure.objects.filter(initiative=duisburg)}
    ports = GoalFactory(initiative=duisburg, title="Häfen stärken", measures=[measures[1]])
    GoalFactory(initiative=duisburg, title="Wärme", measures=[measures[3], measures[1]])
    elsewhere = GoalFactory(title="Fremdes Ziel")

    build(
        as_persona("anna"),
        {"goals": [ports.pk], "grouping": "body", "formats": ["xlsx"]},
        django_capture_on_commit_callbacks,
    )
    report = Report.objects.get(cycle=None)
    assert list(report.snapshot.rows.values_list("number", flat=True)) == [1]
    assert report.selection == "Ziele: Häfen stärken"

    response = build(
        as_persona("anna"),
        {"goals": [elsewhere.pk], "grouping": "body", "formats": ["xlsx"]},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400  # the form, told what is wrong
    assert Report.objects.filter(cycle=None).count() == 1


def test_a_report_can_group_its_measures_by_goal(
    catalogue, duisburg, anna, as_persona, django_capture_on_commit_callbacks
):
    """By goal: a group per goal as the goals were when it was asked for, a measure
    serving two goals under both (counted once), the rest "without goal"; the sheet
    names each line's goal and its working group, the web page's ids stay unique."""
    from standort.indicators import services as goal_services
    from standort.indicators.tests.factories import GoalFactory

    measures = {m.number: m for m in Measure.objects.filter(initiative=duisburg)}
    ports = GoalFactory(
        initiative=duisburg, title="Häfen stärken", position=1, measures=[measures[1]]
    )
    GoalFactory(initiative=duisburg, title="Wärme", position=2, measures=[measures[3], measures[1]])
    client = as_persona("anna")
    build(
        client, {"grouping": "goal", "formats": ["pdf", "xlsx"]}, django_capture_on_commit_callbacks
    )
    pdf, xlsx = Report.objects.filter(cycle=None).order_by("format")
    # What the goals serve later changes no report asked for before, not even a
    # measure erased since (its snapshot keeps it, without its id).
    ports.title = "Häfen und Logistik"
    goal_services.goal_save(actor=anna, goal=ports)
    measure_services.measure_delete(actor=anna, measure=Measure.objects.get(number=3))
    with django_capture_on_commit_callbacks(execute=True):
        services.report_rebuild(actor=anna, report=pdf)
    pdf.refresh_from_db()

    with translation.override("de"):
        data = demand_report_data(pdf)
    assert [(g.name, [r.number for r in g.rows]) for g in data.groups] == [
        ("Häfen stärken", [1]),
        ("Wärme", [1, 3]),
        ("Ohne Ziel", [2, 4, 5]),
    ]
    assert data.asked == 5 and len(data.rows) == 5
    assert [name for name, _counts, _total in data.lights_by_group] == [
        "Häfen stärken",
        "Wärme",
        "Ohne Ziel",
    ]
    assert pdf.selection == ""  # the whole catalogue, grouped otherwise

    page = client.get(reverse("demand_report_html", args=["duisburg", pdf.pk])).content.decode()
    assert "Ampeln je Ziel" in page
    cover = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Maßnahmen der gesamte Maßnahmenkatalog Gruppiert nach Zielen" in cover
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))

    sheet = load_workbook(io.BytesIO(bytes(xlsx.content)))["Maßnahmen"]
    header = [cell.value for cell in sheet[1]]
    lines = [
        (line[header.index("Ziel")], line[header.index("Nr.")], line[header.index("Arbeitskreis")])
        for line in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert lines[:3] == [
        ("Häfen stärken", 1, "Arbeitskreis Häfen"),
        ("Wärme", 1, "Arbeitskreis Häfen"),
        ("Wärme", 3, "Arbeitskreis Energie"),
    ]
    assert [line[0] for line in lines[3:]] == [None, None, None]


def test_without_goals_the_report_offers_no_grouping_by_goal(catalogue, as_persona):
    page = as_persona("anna").get(reverse("report_demand", args=["duisburg"]))

    assert "grouping" not in page.context["form"].fields
