"""The pages of goals, indicators and industrial areas: what they show, and that their
query count does not grow with what they list."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.urls import reverse

from standort.indicators import services
from standort.indicators.models import Observation, Site
from standort.initiatives.tests.factories import (
    BodyFactory,
    InitiativeOrganizationFactory,
    OrganizationFactory,
)
from standort.measures.tests.factories import MeasureFactory

from .factories import GoalFactory, IndicatorFactory, ObservationFactory, SiteFactory, square

pytestmark = pytest.mark.django_db

D = datetime.date


# Query counts ----------------------------------------------------------------------------


def _indicators(initiative, n):
    goal = GoalFactory(initiative=initiative)
    body = BodyFactory(initiative=initiative)
    for _ in range(n):
        indicator = IndicatorFactory(
            initiative=initiative,
            goal=goal,
            body=body,
            measure=MeasureFactory(initiative=initiative),
        )
        ObservationFactory.create_batch(2, indicator=indicator)


def _goals(initiative, n):
    for _ in range(n):
        goal = GoalFactory(
            initiative=initiative, measures=MeasureFactory.create_batch(2, initiative=initiative)
        )
        IndicatorFactory(initiative=initiative, goal=goal)


def _goal_content(initiative, n):
    goal = initiative.goals.first() or GoalFactory(initiative=initiative)
    goal.measures.add(*MeasureFactory.create_batch(n, initiative=initiative))
    for _ in range(n):
        ObservationFactory.create_batch(
            2,
            indicator=IndicatorFactory(
                initiative=initiative, goal=goal, target_value=9, target_on=D(2027, 12, 31)
            ),
        )


def _sites(initiative, n):
    for index in range(n):
        organization = OrganizationFactory()
        InitiativeOrganizationFactory(initiative=initiative, organization=organization)
        SiteFactory(
            initiative=initiative,
            geometry=square(6.7 + index / 100, 51.4) if index % 3 else None,
            fibre=[Site.Fibre.AVAILABLE, Site.Fibre.PLANNED, Site.Fibre.NONE][index % 3],
            organizations=[organization],
        )


# Every page: 1 session, 2 user, 3 initiative (middleware), 4 the reader's roles, 5 the
# unread notifications of the header; besides these:
PAGES = {
    # page: (what makes n of its items, its address, at most its queries)
    # 6 count of the indicators, 7 the stamp of what the rows show (they are kept while
    # it holds), 8 the page of the indicators with their goal, measure, body and their
    # two newest values (subqueries)
    "indicator_list": (_indicators, lambda i: [], 8),
    # 6 the goals with the number of their measures and indicators
    "goal_list": (_goals, lambda i: [], 6),
    # 6 the goal, 7 it with the stamp of what its page keeps, 8 its history, 9 its
    # indicators with their two newest values, 10 their newest values (a window), 11 its
    # measures with their owners and latest updates
    "goal_detail": (_goal_content, lambda i: [i.goals.get().pk], 11),
    # 6 the stamp of the areas' history (the map is kept while it holds), 7 the areas,
    # 8 their roll-up
    "site_list": (_sites, lambda i: [], 8),
}


def forget():
    for each in caches.all():  # nothing an earlier request kept counts
        each.clear()


@pytest.mark.parametrize("page", PAGES)
def test_the_query_count_does_not_grow_with_the_items(
    duisburg, olga, as_persona, django_assert_max_num_queries, page
):
    make, args, most = PAGES[page]
    client = as_persona("olga")
    make(duisburg, 3)
    url = reverse(page, args=["duisburg", *args(duisburg)])
    forget()
    with django_assert_max_num_queries(most) as few:
        assert client.get(url).status_code == 200

    make(duisburg, 27)

    forget()
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


# What the pages show ----------------------------------------------------------------------


def row_of(page, name):
    """The table row that names `name`."""
    rows = re.findall(r'<tr class="kern-table__row">.*?</tr>', page, re.S)
    (row,) = [row for row in rows if f">{name}</a>" in row]
    return row


def test_the_list_shows_each_indicators_newest_value_and_its_trend(duisburg, olga, as_persona):
    rate = IndicatorFactory(
        initiative=duisburg, name="Arbeitslosenquote", unit="%", higher_is_better=False
    )
    for day, value in [(2024, "12.1"), (2022, "11.3"), (2023, "11.6")]:
        ObservationFactory(indicator=rate, observed_on=D(day, 12, 31), value=Decimal(value))
    jobs = IndicatorFactory(initiative=duisburg, name="Beschäftigte", unit="Personen")
    ObservationFactory(indicator=jobs, observed_on=D(2023, 6, 30), value=Decimal("17750"))
    ObservationFactory(indicator=jobs, observed_on=D(2024, 6, 30), value=Decimal("18000"))
    once = IndicatorFactory(initiative=duisburg, name="Wissenschaftskooperation")
    ObservationFactory(indicator=once, observed_on=D(2016, 11, 30), value=Decimal("40"))
    IndicatorFactory(initiative=duisburg, name="Genehmigungsdauer")

    page = as_persona("olga").get(reverse("indicator_list", args=["duisburg"])).content.decode()

    rising_rate = row_of(page, "Arbeitslosenquote")
    assert "12,1 %" in rising_rate
    assert "31.12.2024" in rising_rate
    assert "↑" in rising_rate and "+0,5" in rising_rate and "31.12.2023" in rising_rate
    assert "trend--worse" in rising_rate  # the rate should fall
    rising_jobs = row_of(page, "Beschäftigte")
    assert "18.000 Personen" in rising_jobs
    assert "↑" in rising_jobs and "+250" in rising_jobs and "30.06.2023" in rising_jobs
    assert "trend--better" in rising_jobs
    single = row_of(page, "Wissenschaftskooperation")
    assert "40 %" in single and 'class="trend' not in single
    assert 'class="trend' not in row_of(page, "Genehmigungsdauer")


def map_of(page):
    match = re.search(r'<svg class="chart site-map__drawing".*?</svg>', page, re.S)
    return match.group(0) if match else None


def test_the_map_pins_each_area_with_a_location_by_its_number(duisburg, olga, as_persona):
    SiteFactory(initiative=duisburg, name="Alpha-Park", geometry=square(6.70, 51.40))
    SiteFactory(initiative=duisburg, name="Bahnhofsviertel")  # no location
    SiteFactory(
        initiative=duisburg,
        name="Chemiepark",
        geometry={"type": "Point", "coordinates": [6.75, 51.45]},
        fibre=Site.Fibre.AVAILABLE,
    )

    page = as_persona("olga").get(reverse("site_list", args=["duisburg"])).content.decode()

    drawing = map_of(page)
    assert drawing.count("<circle ") == 2  # the pins
    assert drawing.count("<path ") == 1  # the outline of Alpha-Park; a point has none
    assert re.findall(r"<title>(\d+: [^<]+)</title>", drawing) == [
        "1: Alpha-Park",  # its outline
        "1: Alpha-Park",  # its pin
        "3: Chemiepark",
    ]
    assert re.findall(r">(\d+)</text>", drawing) == ["1", "3"]
    assert "Bahnhofsviertel" not in drawing
    numbers = [
        re.search(r"kern-table__cell--numeric\">(\d+)</td>", row_of(page, name)).group(1)
        for name in ("Alpha-Park", "Bahnhofsviertel", "Chemiepark")
    ]
    assert numbers == ["1", "2", "3"]


def test_areas_without_a_location_make_no_map(duisburg, olga, as_persona):
    SiteFactory(initiative=duisburg, name="Bahnhofsviertel")
    page = as_persona("olga").get(reverse("site_list", args=["duisburg"])).content.decode()
    assert map_of(page) is None
    assert "Bahnhofsviertel" in row_of(page, "Bahnhofsviertel")


def test_a_goal_shows_its_measures_and_indicators(duisburg, ben, as_persona):
    training = MeasureFactory(initiative=duisburg, number=13, title="Ausbildungsoffensive")
    old = MeasureFactory(initiative=duisburg, number=14, title="Altes Projekt", is_archived=True)
    fibre = MeasureFactory(initiative=duisburg, number=20, title="Breitbandausbau")
    work = GoalFactory(
        initiative=duisburg, title="Arbeitslosigkeit senken", measures=[training, old]
    )
    fibre_goal = GoalFactory(initiative=duisburg, title="Glasfaser für alle", measures=[fibre])
    rate = IndicatorFactory(initiative=duisburg, name="Arbeitslosenquote", goal=work)
    ObservationFactory(indicator=rate, observed_on=D(2024, 12, 31), value=Decimal("12.1"))
    IndicatorFactory(initiative=duisburg, name="Glasfaserquote", goal=fibre_goal)

    response = as_persona("ben").get(reverse("goal_detail", args=["duisburg", work.pk]))

    page = response.content.decode()
    assert "Ausbildungsoffensive" in page
    assert reverse("measure_detail", args=["duisburg", 13]) in page
    assert "Arbeitslosenquote" in page and "12,1" in page
    assert "Altes Projekt" not in page  # archived
    assert "Breitbandausbau" not in page and "Glasfaserquote" not in page  # the other goal's
    assert [m.title for m in response.context["contents"]["measures"]] == ["Ausbildungsoffensive"]


def test_the_goal_list_counts_measures_in_use_and_indicators(duisburg, olga, as_persona):
    measures = [
        MeasureFactory(initiative=duisburg),
        MeasureFactory(initiative=duisburg, is_archived=True),
    ]
    goal = GoalFactory(initiative=duisburg, measures=measures)
    IndicatorFactory.create_batch(3, initiative=duisburg, goal=goal)
    GoalFactory(initiative=duisburg)

    response = as_persona("olga").get(reverse("goal_list", args=["duisburg"]))

    assert [(g.measure_count, g.indicator_count) for g in response.context["goals"]] == [
        (1, 3),
        (0, 0),
    ]


def test_a_goal_charts_the_newest_values_of_each_indicator(duisburg, ben, as_persona):
    goal = GoalFactory(initiative=duisburg)
    long = IndicatorFactory(initiative=duisburg, goal=goal)
    short = IndicatorFactory(initiative=duisburg, goal=goal)
    days = [D(1990 + n, 12, 31) for n in range(30)]
    for day in days:
        ObservationFactory(indicator=long, observed_on=day)
    ObservationFactory(indicator=short, observed_on=days[0])

    response = as_persona("ben").get(reverse("goal_detail", args=["duisburg", goal.pk]))

    indicators = response.context["contents"]["indicators"]
    series = {i.pk: [v.observed_on for v in i.series] for i in indicators}
    newest = response.context["newest"]
    assert series == {long.pk: days[-newest:], short.pk: days[:1]}


def test_an_indicators_values_are_listed_newest_first_a_page_at_a_time(duisburg, olga, as_persona):
    rate = IndicatorFactory(initiative=duisburg)
    days = [D(1950 + n, 12, 31) for n in range(45)]
    for day in days:
        ObservationFactory(indicator=rate, observed_on=day)
    url = reverse("indicator_detail", args=["duisburg", rate.pk])
    client = as_persona("olga")

    first, second = client.get(url), client.get(url, {"page": 2})

    first_page, second_page = first.context["values"]["page"], second.context["values"]["page"]
    listed = [v.observed_on for v in first_page.object_list + second_page.object_list]
    assert listed == days[::-1]
    assert len(first_page.object_list) > len(second_page.object_list)
    assert [v.observed_on for v in first.context["values"]["all"]] == days  # the chart: all


def test_the_kept_indicator_pages_show_every_new_value(duisburg, anna, olga, as_persona):
    """The list's rows and the indicator's chart are kept between requests, but not
    past a change of a value."""
    rate = IndicatorFactory(initiative=duisburg, name="Arbeitslosenquote", unit="%")
    ObservationFactory(indicator=rate, observed_on=D(2024, 12, 31), value=Decimal("12.9"))
    client = as_persona("olga")
    pages = [
        reverse("indicator_list", args=["duisburg"]),
        reverse("indicator_detail", args=["duisburg", rate.pk]),
    ]

    def tables(url):
        """The page's tables, which the history beside them is not part of."""
        page = client.get(url).content.decode()
        return "".join(re.findall(r"<table.*?</table>", page, re.S))

    assert all("12,9" in tables(url) for url in pages)

    services.observation_save(
        actor=anna,
        observation=Observation(indicator=rate, observed_on=D(2025, 12, 31), value=Decimal("11.7")),
    )

    assert all("11,7" in tables(url) for url in pages)


def test_the_kept_map_shows_every_change_of_the_areas(duisburg, anna, olga, as_persona):
    """The map and the table are kept between requests, but not past a change."""
    hochfeld = SiteFactory(initiative=duisburg, name="Hochfeld", geometry=square(6.7, 51.4))
    client = as_persona("olga")
    url = reverse("site_list", args=["duisburg"])
    assert "Hochfeld" in client.get(url).content.decode()

    hochfeld.name = "Hochfeld-Süd"
    services.site_save(actor=anna, site=hochfeld)
    services.site_save(
        actor=anna,
        site=Site(
            initiative=duisburg, name="Walsum", area_ha=Decimal("34"), geometry=square(6.8, 51.5)
        ),
    )

    page = client.get(url).content.decode()
    assert re.findall(r"<title>\d+: ([^<]+)</title>", map_of(page)) == [
        "Hochfeld-Süd",
        "Walsum",
        "Hochfeld-Süd",
        "Walsum",
    ]

    services.site_delete(actor=anna, site=hochfeld)
    assert "Hochfeld" not in client.get(url).content.decode()


def test_the_kept_goal_page_shows_every_change(duisburg, anna, ben, as_persona):
    """The measures and indicators of a goal are kept between requests, but not past a
    change of any of them."""
    training = MeasureFactory(initiative=duisburg, title="Ausbildungsoffensive")
    goal = GoalFactory(initiative=duisburg, measures=[training])
    rate = IndicatorFactory(initiative=duisburg, name="Arbeitslosenquote", goal=goal)
    client = as_persona("ben")
    url = reverse("goal_detail", args=["duisburg", goal.pk])
    assert "Ausbildungsoffensive" in client.get(url).content.decode()

    services.observation_save(
        actor=anna,
        observation=Observation(indicator=rate, observed_on=D(2024, 12, 31), value=Decimal("7.7")),
    )
    assert "7,7" in client.get(url).content.decode()

    rate.name = "Quote der Arbeitslosen"
    services.indicator_save(actor=anna, indicator=rate)
    assert "Quote der Arbeitslosen" in client.get(url).content.decode()

    lotse = MeasureFactory(initiative=duisburg, title="Lotse für Genehmigungen")
    services.goal_save(actor=anna, goal=goal, measures=[lotse])
    page = client.get(url).content.decode()
    assert "Lotse für Genehmigungen" in page and "Ausbildungsoffensive" not in page


def test_a_measures_page_names_its_goals_and_indicators(duisburg, anna, ben, as_persona):
    """The goals it serves and its indicators with their newest value, on the measure's
    kept page, and anew after a new value."""
    measure = MeasureFactory(initiative=duisburg, title="Gewerbeflächenpool")
    GoalFactory(initiative=duisburg, title="Mehr Industrieflächen", measures=[measure])
    GoalFactory(initiative=duisburg, title="Arbeitslosigkeit senken")
    land = IndicatorFactory(
        initiative=duisburg, name="Freie Gewerbefläche", unit="ha", measure=measure
    )
    ObservationFactory(indicator=land, observed_on=D(2024, 12, 31), value=Decimal("48.5"))
    client = as_persona("ben")
    url = reverse("measure_detail", args=["duisburg", measure.number])

    page = client.get(url).content.decode()

    assert "Mehr Industrieflächen" in page and "Arbeitslosigkeit senken" not in page
    assert "Freie Gewerbefläche" in page and "48,5 ha" in page

    services.observation_save(
        actor=anna,
        observation=Observation(indicator=land, observed_on=D(2025, 12, 31), value=Decimal("52")),
    )

    assert "52 ha" in client.get(url).content.decode()


def test_an_organisations_page_names_the_industrial_areas_it_is_in(duisburg, muelheim, ben, client):
    firm = OrganizationFactory(name="Hochfelder Stahlbau GmbH")
    InitiativeOrganizationFactory(initiative=duisburg, organization=firm)
    SiteFactory(initiative=duisburg, name="Logport I", organizations=[firm])
    SiteFactory(initiative=duisburg, name="Duisburg-Hochfeld")
    SiteFactory(initiative=muelheim, name="Hafen Mülheim", organizations=[firm])
    client.force_login(ben)

    page = client.get(reverse("organization_detail", args=["duisburg", firm.pk])).content.decode()

    assert "Logport I" in page
    assert "Duisburg-Hochfeld" not in page and "Hafen Mülheim" not in page
