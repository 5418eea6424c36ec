"""The dashboard: `/<slug>/` for the members of an initiative, the one page the
steering committee looks at.

The story: Duisburg has two working groups. "Breitband" (1) is in progress and on
track, "Gründerzentrum" (2) in progress and at risk, its due date passed; "Beirat"
(3) adopted without any status update for a year; "Kampagne" (4) done; "Leitbild"
(5) only proposed; "Altlast" (6) archived. Anna runs the office."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from standort.core.services import save
from standort.initiatives.models import Body
from standort.initiatives.tests.factories import BodyFactory, OrganizationFactory, PersonFactory
from standort.initiatives.tests.test_queries import PAGES
from standort.measures import dashboard, services
from standort.measures.models import Measure, Partnership, StatusUpdate
from standort.measures.queries import overdue_condition
from standort.measures.tests.factories import (
    MeasureFactory,
    MilestoneFactory,
    StatusUpdateFactory,
)
from standort.reviews.models import ReviewAnswer, ReviewCycle
from standort.reviews.summary import light_changes, review_summary
from standort.reviews.tests.factories import (
    ReviewAnswerFactory,
    ReviewCycleFactory,
    ReviewRequestFactory,
)

DAY = datetime.timedelta(days=1)
Status = Measure.Status
Light = StatusUpdate.Light


def today():
    return timezone.localdate()


def home(slug="duisburg"):
    return reverse("initiative_home", args=[slug])


def report(measure, light, progress, *, days_ago=0):
    moment = timezone.now() - days_ago * DAY
    update = StatusUpdateFactory.build(
        measure=measure,
        traffic_light=light,
        progress=progress,
        reported_at=moment,
        accepted_at=moment,
    )
    return services.status_update_record(actor=None, update=update)


@pytest.fixture
def groups(duisburg):
    return (
        BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand", position=1),
        BodyFactory(initiative=duisburg, name="Arbeitskreis Image", position=2),
    )


@pytest.fixture
def catalogue(duisburg, groups, anna):
    mittelstand, image = groups
    year_ago = today() - 365 * DAY
    m = {}
    m[1] = MeasureFactory(
        initiative=duisburg,
        number=1,
        title="Breitband",
        status=Status.IN_PROGRESS,
        body=mittelstand,
    )
    report(m[1], Light.GREEN, 40)
    m[2] = MeasureFactory(
        initiative=duisburg,
        number=2,
        title="Gründerzentrum",
        status=Status.IN_PROGRESS,
        body=mittelstand,
        due_on=today() - 10 * DAY,
    )
    report(m[2], Light.RED, 10)
    m[3] = MeasureFactory(
        initiative=duisburg,
        number=3,
        title="Beirat",
        status=Status.ADOPTED,
        body=image,
        adopted_on=year_ago,
    )
    m[4] = MeasureFactory(
        initiative=duisburg, number=4, title="Kampagne", status=Status.DONE, body=image
    )
    m[5] = MeasureFactory(
        initiative=duisburg, number=5, title="Leitbild", status=Status.PROPOSED, body=None
    )
    m[6] = MeasureFactory(
        initiative=duisburg,
        number=6,
        title="Altlast",
        status=Status.ADOPTED,
        body=image,
        is_archived=True,
    )
    return m


def figures_of(initiative, *, months=6):
    initiative.update_interval_months = months
    now = timezone.now()
    return dashboard.catalogue_figures(
        initiative, today=today(), stale_before=dashboard.stale_since(initiative, now)
    )


# Who sees it -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["olga", "ben", "stefan", "anna", "paul"])
def test_every_member_role_sees_the_dashboard(catalogue, as_persona, persona):
    response = as_persona(persona).get(home())
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "home/initiative_home.html"
    page = response.content.decode()
    for heading in (
        "measures-heading",
        "groups-heading",
        "overdue-heading",
        "milestones-heading",
        "stale-heading",
        "reviews-heading",
        "mine-heading",
    ):
        assert f'id="{heading}"' in page, heading
    # The chart with its data table.
    assert '<svg class="chart"' in page and 'role="img"' in page
    assert "figure-table" in page


@pytest.mark.parametrize("persona", ["anonymous", "eva", "clara"])
def test_everyone_else_sees_the_public_page(catalogue, as_persona, persona):
    response = as_persona(persona).get(home())
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "home/initiative_public.html"
    assert "figures" not in response.context


def test_an_empty_initiative_shows_every_section_with_its_empty_state(duisburg, as_persona):
    page = as_persona("anna").get(home()).content.decode()
    assert page.count("empty-state") == 8
    assert f'href="{reverse("review_list", args=["duisburg"])}"' in page


def test_only_the_office_is_pointed_to_the_status_reviews(catalogue, as_persona):
    reviews_url = reverse("review_list", args=["duisburg"])

    def section(persona):
        page = as_persona(persona).get(home()).content.decode()
        return page[page.index('id="reviews-heading"') :].split("</section>")[0]

    assert reviews_url in section("anna")
    assert reviews_url not in section("stefan")


# The figures -------------------------------------------------------------------------


def test_measures_are_counted_by_status_and_traffic_light(duisburg, catalogue):
    """Archived measure 6 is left out; measures without an update count as "none"."""
    figures = figures_of(duisburg)
    assert figures.all.total == 5
    assert figures.by_status["in_progress"].lights == {"green": 1, "amber": 0, "red": 1, None: 0}
    assert figures.by_status["adopted"].lights[None] == 1
    assert figures.all.lights == {"green": 1, "amber": 0, "red": 1, None: 3}
    assert figures.all.overdue == 1


def test_the_status_table_links_each_figure_to_the_filtered_list(catalogue, as_persona):
    page = as_persona("stefan").get(home()).content.decode()
    url = reverse("measure_list", args=["duisburg"])
    assert f'href="{url}?status=in_progress&amp;light=red"' in page
    assert f'href="{url}?status=adopted&amp;light=none"' in page
    assert f'href="{url}?light=green"' in page


def test_the_working_groups_have_their_figures_and_links(duisburg, groups, catalogue, as_persona):
    mittelstand, image = groups
    figures = figures_of(duisburg)
    by_name = {group.name: group for group in figures.groups}
    assert [g.name for g in figures.groups] == [
        "Arbeitskreis Mittelstand",
        "Arbeitskreis Image",
        "",  # measure 5 belongs to no working group
    ]
    assert by_name["Arbeitskreis Mittelstand"].tally.total == 2
    assert by_name["Arbeitskreis Mittelstand"].tally.overdue == 1
    assert by_name["Arbeitskreis Mittelstand"].tally.progress == 25
    assert by_name["Arbeitskreis Image"].tally.stale == 1

    page = as_persona("ben").get(home()).content.decode()
    section = page[page.index('id="groups-heading"') :].split("</section>")[0]
    url = reverse("measure_list", args=["duisburg"])
    assert f'href="{url}?body={mittelstand.pk}&amp;light=red"' in section
    assert f'href="{url}?body={mittelstand.pk}&amp;overdue=on"' in section
    assert f'href="{url}?body={image.pk}"' in section


def test_a_dropped_measure_leaves_its_groups_average_progress_alone(duisburg, groups, catalogue):
    """As with the parts of a measure (models.progress_of), a dropped measure's
    progress says nothing of its group's: the public page counts it the same way."""
    mittelstand, _image = groups
    dropped = MeasureFactory(initiative=duisburg, status=Status.IN_PROGRESS, body=mittelstand)
    report(dropped, Light.RED, 90)
    services.measure_set_status(
        actor=None, measure=dropped, status=Status.DROPPED, reason="Kein Bedarf mehr."
    )
    tally = {group.name: group.tally for group in figures_of(duisburg).groups}[
        "Arbeitskreis Mittelstand"
    ]
    assert (tally.total, tally.statuses["dropped"], tally.progress) == (3, 1, 25)


def test_a_working_group_without_measures_is_listed_with_zeros(duisburg, catalogue):
    BodyFactory(initiative=duisburg, name="Arbeitskreis Familie", position=3)
    BodyFactory(initiative=duisburg, name="Lenkungskreis", kind=Body.Kind.STEERING_COMMITTEE)
    names = [group.name for group in figures_of(duisburg).groups]
    assert "Arbeitskreis Familie" in names
    assert "Lenkungskreis" not in names


# Overdue, upcoming, stale -----------------------------------------------------------


def test_overdue_measures_by_due_date_and_by_milestone(duisburg, catalogue, as_persona):
    """2 is past its due date; 1 has a late milestone; 4 is done, so its late
    milestone does not count; a completed late milestone does not count either."""
    MilestoneFactory(measure=catalogue[1], title="Ausschreibung", due_on=today() - 3 * DAY)
    MilestoneFactory(measure=catalogue[4], due_on=today() - 3 * DAY)
    MilestoneFactory(measure=catalogue[3], due_on=today() - 3 * DAY, completed_on=today())
    assert figures_of(duisburg).all.overdue == 2
    # The count agrees with the list's filter "only overdue measures".
    live = Measure.objects.filter(initiative=duisburg, is_archived=False)
    assert live.filter(overdue_condition()).count() == 2
    overdue = dashboard.overdue_measures(duisburg, today=today())
    assert [m.number for m in overdue] == [1, 2]

    page = as_persona("olga").get(home()).content.decode()
    section = page[page.index('id="overdue-heading"') :].split("</section>")[0]
    assert "Ausschreibung" in section and "Gründerzentrum" in section
    assert "Kampagne" not in section
    assert f'href="{reverse("measure_list", args=["duisburg"])}?overdue=on"' in section


def test_upcoming_milestones_within_the_horizon(duisburg, catalogue):
    soon = MilestoneFactory(measure=catalogue[1], title="Baubeginn", due_on=today() + 5 * DAY)
    MilestoneFactory(measure=catalogue[1], due_on=today() + 200 * DAY)
    MilestoneFactory(measure=catalogue[2], due_on=today() + 6 * DAY, completed_on=today())
    MilestoneFactory(measure=catalogue[4], due_on=today() + 7 * DAY)  # done measure
    MilestoneFactory(measure=catalogue[6], due_on=today() + 8 * DAY)  # archived measure
    milestones, count = dashboard.upcoming_milestones(duisburg, today=today())
    assert count == 1
    assert [m.pk for m in milestones] == [soon.pk]


def test_stale_measures_by_the_update_interval(duisburg, catalogue, as_persona):
    """3 was adopted a year ago and has no update; 7's last accepted update is eight
    months old; 1 and 2 were reported today; 8 was adopted last month; done 4 is never
    stale."""
    old = MeasureFactory(initiative=duisburg, number=7, status=Status.IN_PROGRESS)
    report(old, Light.AMBER, 20, days_ago=240)
    MeasureFactory(
        initiative=duisburg, number=8, status=Status.ADOPTED, adopted_on=today() - 30 * DAY
    )
    assert figures_of(duisburg, months=6).all.stale == 2
    stale_before = dashboard.stale_since(duisburg, timezone.now())
    assert [m.number for m in dashboard.stale_measures(duisburg, stale_before=stale_before)] == [
        3,
        7,
    ]
    # A longer interval: only the year-old adoption is too old.
    assert figures_of(duisburg, months=9).all.stale == 1

    duisburg.update_interval_months = 6
    duisburg.save()
    page = as_persona("anna").get(home()).content.decode()
    section = page[page.index('id="stale-heading"') :].split("</section>")[0]
    assert "Beirat" in section and "empty-state" not in section


def test_without_an_update_interval_nothing_is_stale(duisburg, catalogue, as_persona):
    duisburg.update_interval_months = 0
    duisburg.save()
    assert figures_of(duisburg, months=0).all.stale == 0
    page = as_persona("anna").get(home()).content.decode()
    section = page[page.index('id="stale-heading"') :].split("</section>")[0]
    assert "empty-state" in section
    assert reverse("initiative_edit", args=["duisburg"]) in section


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.date(2026, 8, 31), 6, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 15), 6, datetime.date(2025, 9, 15)),
        (datetime.date(2024, 12, 31), 10, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 1, 1), 36, datetime.date(2023, 1, 1)),
    ],
)
def test_months_before_keeps_the_day_where_the_month_has_it(moment, months, expected):
    assert dashboard.months_before(moment, months) == expected


# Status reviews ----------------------------------------------------------------------


def closed_review(initiative, title, days_ago):
    closed_at = timezone.now() - days_ago * DAY
    return ReviewCycleFactory(
        initiative=initiative,
        title=title,
        state=ReviewCycle.State.CLOSED,
        deadline=timezone.localdate(closed_at) - 7 * DAY,
        launched_at=closed_at - 30 * DAY,
        closed_at=closed_at,
    )


def answer(cycle, measure, light, state=ReviewAnswer.State.ACCEPTED):
    request = ReviewRequestFactory(cycle=cycle, person=measure.owner)
    return ReviewAnswerFactory(
        request=request, cycle=cycle, measure=measure, state=state, traffic_light=light
    )


@pytest.fixture
def reviews(duisburg, catalogue):
    """Spring: 1 red, 2 green, 3 amber, 4 green, 5 red (not accepted), 6 green. Autumn:
    1 green (better), 2 red (worse), 3 amber (same), 4 amber (worse), 5 green (was not
    accepted before), 6 red (archived since). A running review asks 1–4 again, two
    have answered."""
    spring = closed_review(duisburg, "Sachstandsabfrage Frühjahr", 200)
    autumn = closed_review(duisburg, "Sachstandsabfrage Herbst", 20)
    m = catalogue
    for measure, light in [(1, "red"), (2, "green"), (3, "amber"), (4, "green"), (6, "green")]:
        answer(spring, m[measure], light)
    answer(spring, m[5], "red", state=ReviewAnswer.State.SUBMITTED)
    for number, light in [(1, "green"), (2, "red"), (3, "amber"), (4, "amber"), (5, "green")]:
        answer(autumn, m[number], light)
    answer(autumn, m[6], "red")
    running = ReviewCycleFactory(initiative=duisburg, title="Sachstandsabfrage Winter")
    answer(running, m[1], "green", state=ReviewAnswer.State.ACCEPTED)
    answer(running, m[2], "red", state=ReviewAnswer.State.SUBMITTED)
    answer(running, m[3], "", state=ReviewAnswer.State.DRAFT)
    answer(running, m[4], "", state=ReviewAnswer.State.OPEN)
    return spring, autumn, running


def test_the_answer_rate_is_that_of_the_latest_review(duisburg, reviews):
    """Submitted and accepted answers count as answered: 2 of 4."""
    summary = review_summary(duisburg)
    assert summary.latest == reviews[2]
    assert (summary.rate.total, summary.rate.answered, summary.rate.accepted) == (4, 2, 1)
    assert summary.rate.percent == 50


def test_lights_are_compared_between_the_last_two_closed_reviews(duisburg, reviews):
    spring, autumn, _running = reviews
    changes = {
        number: (before, after, change)
        for number, _t, before, after, change in light_changes(autumn, spring)
    }
    assert changes == {
        1: ("red", "green", 1),
        2: ("green", "red", -1),
        3: ("amber", "amber", 0),
        4: ("green", "amber", -1),
    }
    summary = review_summary(duisburg).changes
    assert (summary.older, summary.newer) == (spring, autumn)
    assert (summary.better, summary.same, summary.worse) == (1, 1, 2)
    # The steepest fall first: green to red before green to amber.
    assert [row[0] for row in summary.worsened] == [2, 4]


def test_the_dashboard_shows_the_review_figures(reviews, as_persona):
    page = as_persona("stefan").get(home()).content.decode()
    section = page[page.index('id="reviews-heading"') :].split("</section>")[0]
    assert "Sachstandsabfrage Winter" in section
    assert "50 %" in section
    assert 'change-counts__worse"><span class="figure">2<' in section
    assert "Gründerzentrum" in section  # got worse


def test_every_running_review_shows_its_answer_rate(duisburg, reviews, catalogue, as_persona):
    """A second review running beside the winter one: both with their own rate, the
    latest launched first; and the link to compare the closed ones in detail."""
    _spring, _autumn, winter = reviews
    extra = ReviewCycleFactory(
        initiative=duisburg,
        title="Zwischenabfrage Hafen",
        launched_at=winter.launched_at + DAY,
    )
    answer(extra, catalogue[6], "red", state=ReviewAnswer.State.SUBMITTED)
    summary = review_summary(duisburg)
    assert [(cycle.title, rate.percent) for cycle, rate in summary.running] == [
        ("Zwischenabfrage Hafen", 100),
        ("Sachstandsabfrage Winter", 50),
    ]
    page = as_persona("stefan").get(home()).content.decode()
    section = page[page.index('id="reviews-heading"') :].split("</section>")[0]
    assert "Zwischenabfrage Hafen" in section and "Sachstandsabfrage Winter" in section
    assert "Beide Abfragen Maßnahme für Maßnahme vergleichen" in section


def test_with_one_closed_review_there_is_nothing_to_compare(duisburg, catalogue):
    spring = closed_review(duisburg, "Sachstandsabfrage Frühjahr", 200)
    answer(spring, catalogue[1], "green")
    summary = review_summary(duisburg)
    assert summary.latest == spring
    assert summary.rate.percent == 100
    assert summary.changes is None


def test_a_draft_review_does_not_count(duisburg, catalogue):
    ReviewCycleFactory(initiative=duisburg, state=ReviewCycle.State.DRAFT, launched_at=None)
    assert review_summary(duisburg).latest is None


def test_another_initiatives_reviews_do_not_count(duisburg, muelheim, catalogue):
    closed_review(muelheim, "Sachstandsabfrage Mülheim", 10)
    assert review_summary(duisburg).latest is None


# My measures and the history -------------------------------------------------------


def test_my_measures_and_the_history_stay(duisburg, catalogue, ben, as_persona):
    catalogue[1].owner = ben.person_record
    catalogue[1].save()
    page = as_persona("ben").get(home()).content.decode()
    mine = page[page.index('id="mine-heading"') :].split("</section>")[0]
    assert "Breitband" in mine and "Beirat" not in mine
    assert 'id="history-heading"' not in page
    assert 'id="history-heading"' in as_persona("anna").get(home()).content.decode()


def test_my_measures_are_kept_but_show_a_new_partnership_at_once(
    duisburg, catalogue, anna, ben, as_persona
):
    client = as_persona("ben")

    def mine():
        page = client.get(home()).content.decode()
        return page[page.index('id="mine-heading"') :].split("</section>")[0]

    assert "Beirat" not in mine()
    services.partnership_save(
        actor=anna,
        partnership=Partnership(measure=catalogue[3], person=ben.person_record),
    )
    assert "Beirat" in mine()


# The cached part ---------------------------------------------------------------------


def test_a_second_visit_reuses_the_figures_until_something_changes(
    duisburg, catalogue, client, anna
):
    """The figures come from the cache while their data stamp holds; a status update,
    a new milestone or a measure's new status each show on the next visit."""
    client.force_login(anna)
    url = reverse("measure_list", args=["duisburg"])
    first = queries_for(client, home())
    again = queries_for(client, home())
    assert sum("GROUP BY" in q for q in first) == 1
    assert sum("GROUP BY" in q for q in again) == 0
    assert len(again) < len(first)

    assert f'{url}?status=in_progress&amp;light=red">1<' in client.get(home()).content.decode()
    report(catalogue[1], Light.RED, 45)
    assert f'{url}?status=in_progress&amp;light=red">2<' in client.get(home()).content.decode()

    MilestoneFactory(measure=catalogue[3], title="Beiratssitzung", due_on=today() + 3 * DAY)
    assert "Beiratssitzung" in client.get(home()).content.decode()

    assert f'{url}?status=proposed"' in client.get(home()).content.decode()
    services.measure_set_status(actor=anna, measure=catalogue[5], status=Status.ADOPTED)
    assert f'{url}?status=proposed"' not in client.get(home()).content.decode()


def test_the_cached_part_is_kept_per_language(duisburg, catalogue, client, anna):
    client.force_login(anna)
    german = client.get(home(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    anna.language = "en"
    anna.save()
    english = client.get(home()).content.decode()
    assert "Maßnahmen nach Status" in german or "Measures by status" in german
    assert "Measures by status and traffic light" in english
    assert "in progress" in english and "in Umsetzung" not in english


# Queries -----------------------------------------------------------------------------


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def grow(initiative, groups, start, count):
    """`count` more measures, each with an accepted update, a late and an upcoming
    milestone, a partner organisation, in both working groups."""
    organization = OrganizationFactory()
    for n in range(start, start + count):
        measure = MeasureFactory(
            initiative=initiative,
            number=100 + n,
            status=Status.IN_PROGRESS,
            body=groups[n % 2],
            owner=PersonFactory(initiative=initiative, organization=organization),
        )
        report(measure, [Light.GREEN, Light.AMBER, Light.RED][n % 3], n % 100, days_ago=n * 10)
        MilestoneFactory(measure=measure, due_on=today() - DAY)
        MilestoneFactory(measure=measure, due_on=today() + 10 * DAY)


def test_the_dashboard_costs_the_same_with_30_measures_as_with_3(
    duisburg, groups, reviews, client, anna
):
    """With the reviews of the story: the reviews, the answer rate and the changes
    are one query each; the rest as initiatives' test_queries names them."""
    client.force_login(anna)
    client.get(home())  # the first visit of the dashboard notes it
    grow(duisburg, groups, 0, 3)
    few = queries_for(client, home())
    grow(duisburg, groups, 3, 27)
    many = queries_for(client, home())
    assert len(many) == len(few), "\n".join(many)
    # initiatives.tests.test_queries pins the dashboard without reviews.
    assert len(few) == PAGES["initiative_home"] + 2, "\n".join(few)


def test_the_office_sees_a_change_of_the_initiative_at_once(duisburg, anna, as_persona):
    """The list of recent changes is kept for all who manage the initiative, for as
    long as nothing it shows has changed."""
    office = as_persona("anna")
    assert "Hafenstadt Duisburg" not in office.get(home()).content.decode()
    duisburg.name = "Hafenstadt Duisburg"
    save(anna, duisburg)
    page = office.get(home()).content.decode()
    history = page[page.index('id="history-heading"') :]
    assert "Hafenstadt Duisburg" in history
