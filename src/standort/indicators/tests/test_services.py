"""The writes on goals, indicators, values and industrial areas: the indicators computed
from the areas follow every change of them, a day has one value, a target has a value
and a day, and a stale form never overwrites what someone else saved."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from standort.core.concurrency import ConcurrentEditError
from standort.indicators import services
from standort.indicators.forms import IndicatorForm
from standort.indicators.models import Goal, Indicator, Observation, Site

from .factories import GoalFactory, IndicatorFactory, ObservationFactory, SiteFactory, square

pytestmark = pytest.mark.django_db

D = datetime.date
Computed = Indicator.Computed


# Indicators computed from the industrial areas ------------------------------------------


@pytest.fixture
def computed(duisburg):
    """The fibre share and the free land of Duisburg's areas, each an indicator."""
    return (
        IndicatorFactory(initiative=duisburg, name="Glasfaser", computed=Computed.FIBRE_SHARE),
        IndicatorFactory(initiative=duisburg, name="Freie Fläche", computed=Computed.FREE_LAND),
    )


def series(indicator):
    return list(
        Observation.objects.filter(indicator=indicator)
        .order_by("observed_on")
        .values_list("observed_on", "value")
    )


def new_site(actor, initiative, name, free, fibre, area="20"):
    return services.site_save(
        actor=actor,
        site=Site(
            initiative=initiative,
            name=name,
            area_ha=Decimal(area),
            free_ha=Decimal(free),
            fibre=fibre,
        ),
    )


def test_every_change_of_the_areas_records_todays_figures(duisburg, anna, computed):
    fibre, free = computed
    today = timezone.localdate()

    new_site(anna, duisburg, "Hochfeld", "2.5", Site.Fibre.AVAILABLE)
    assert (series(fibre), series(free)) == ([(today, Decimal("100.0"))], [(today, Decimal("2.5"))])

    new_site(anna, duisburg, "Walsum", "4", Site.Fibre.PLANNED)
    neudorf = new_site(anna, duisburg, "Neudorf", "0.25", Site.Fibre.NONE)
    # One of three areas has fibre (planned is not yet): 33.3 %; 6.75 ha, to one place.
    assert (series(fibre), series(free)) == ([(today, Decimal("33.3"))], [(today, Decimal("6.8"))])

    neudorf.fibre = Site.Fibre.AVAILABLE
    services.site_save(actor=anna, site=neudorf)
    assert series(fibre) == [(today, Decimal("66.7"))]

    services.site_delete(actor=anna, site=Site.objects.get(name="Walsum"))
    assert (series(fibre), series(free)) == ([(today, Decimal("100.0"))], [(today, Decimal("2.8"))])
    value = Observation.objects.get(indicator=fibre)
    assert value.note == services.COMPUTED_NOTE
    assert value.history.first().history_user == anna


def test_the_figures_of_each_day_stay_in_the_series(duisburg, anna, computed):
    fibre, _free = computed
    ObservationFactory(indicator=fibre, observed_on=D(2023, 12, 31), value=Decimal("25"))
    SiteFactory(initiative=duisburg, fibre=Site.Fibre.AVAILABLE)
    SiteFactory(initiative=duisburg, fibre=Site.Fibre.NONE)

    services.record_computed(actor=anna, initiative=duisburg, today=D(2025, 6, 30))
    services.record_computed(actor=anna, initiative=duisburg, today=D(2025, 6, 30))  # again

    assert series(fibre) == [(D(2023, 12, 31), Decimal("25")), (D(2025, 6, 30), Decimal("50.0"))]
    assert Observation.objects.get(observed_on=D(2025, 6, 30), indicator=fibre).version == 1


def test_other_initiatives_areas_do_not_count(duisburg, muelheim, anna, clara, computed):
    fibre, _free = computed
    new_site(anna, duisburg, "Hochfeld", "1", Site.Fibre.NONE)
    new_site(clara, muelheim, "Speldorf", "9", Site.Fibre.AVAILABLE)
    assert series(fibre) == [(timezone.localdate(), Decimal("0.0"))]


def test_without_areas_nothing_is_computed(duisburg, anna, computed):
    services.record_computed(actor=anna, initiative=duisburg)
    assert not Observation.objects.exists()


def test_an_indicator_made_computed_gets_its_value_at_once(duisburg, anna):
    SiteFactory(initiative=duisburg, free_ha=Decimal("3.5"))
    SiteFactory(initiative=duisburg, free_ha=Decimal("1"))
    free = services.indicator_save(
        actor=anna,
        indicator=Indicator(
            initiative=duisburg, name="Freie Fläche", unit="ha", computed=Computed.FREE_LAND
        ),
    )
    assert series(free) == [(timezone.localdate(), Decimal("4.5"))]


def test_entered_indicators_are_left_alone(duisburg, anna, computed):
    rate = IndicatorFactory(initiative=duisburg, name="Arbeitslosenquote")
    new_site(anna, duisburg, "Hochfeld", "1", Site.Fibre.NONE)
    assert series(rate) == []


# Areas ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"free_ha": Decimal("21")},
        {"geometry": {"type": "Point", "coordinates": [51.4, 96.7]}},
        {"geometry": {"type": "LineString", "coordinates": [[6.7, 51.4], [6.8, 51.4]]}},
    ],
)
def test_an_area_that_cannot_be_is_refused(duisburg, anna, change):
    site = Site(initiative=duisburg, name="Hochfeld", area_ha=Decimal("20"), **change)
    with pytest.raises(services.DomainError):
        services.site_save(actor=anna, site=site)
    assert not Site.objects.exists()


def test_an_areas_location_is_stored_checked(duisburg, anna):
    open_square = square(6.7, 51.4)
    open_square["coordinates"][0].pop()
    site = services.site_save(
        actor=anna,
        site=Site(
            initiative=duisburg, name="Hochfeld", area_ha=Decimal("20"), geometry=open_square
        ),
    )
    site.refresh_from_db()
    assert site.geometry == square(6.7, 51.4)


def test_the_database_keeps_the_free_land_within_the_area(duisburg):
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteFactory(initiative=duisburg, area_ha=Decimal("5"), free_ha=Decimal("6"))


# Values ------------------------------------------------------------------------------------


def test_a_day_has_one_value(duisburg, anna):
    rate = IndicatorFactory(initiative=duisburg)
    first = services.observation_save(
        actor=anna,
        observation=Observation(indicator=rate, observed_on=D(2024, 12, 31), value=Decimal("12")),
    )

    with pytest.raises(services.DomainError, match="31.12.2024"):
        services.observation_save(
            actor=anna,
            observation=Observation(
                indicator=rate, observed_on=D(2024, 12, 31), value=Decimal("13")
            ),
        )

    first.value = Decimal("12.1")  # the value itself may change
    services.observation_save(actor=anna, observation=first, expected_version=first.version)
    assert series(rate) == [(D(2024, 12, 31), Decimal("12.1"))]


def test_the_same_day_of_another_indicator_is_no_conflict(duisburg, anna):
    a, b = IndicatorFactory(initiative=duisburg), IndicatorFactory(initiative=duisburg)
    for indicator in (a, b):
        services.observation_save(
            actor=anna,
            observation=Observation(indicator=indicator, observed_on=D(2024, 12, 31), value=1),
        )
    assert Observation.objects.count() == 2


def test_a_value_entered_twice_in_the_form_is_refused_on_the_form(duisburg, anna, client):
    rate = IndicatorFactory(initiative=duisburg)
    ObservationFactory(indicator=rate, observed_on=D(2024, 12, 31), value=Decimal("12"))
    client.force_login(anna)

    response = client.post(
        reverse("observation_create", args=["duisburg", rate.pk]),
        {"observed_on": "31.12.2024", "value": "13,5"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert series(rate) == [(D(2024, 12, 31), Decimal("12"))]


def test_a_published_result_replaces_the_value_of_its_day(duisburg, anna):
    share = IndicatorFactory(initiative=duisburg)
    ObservationFactory(indicator=share, observed_on=D(2016, 11, 30), value=Decimal("40"))
    services.publish(
        actor=anna,
        indicator=share,
        observed_on=D(2016, 11, 30),
        value=Decimal("42"),
        note="Umfrage",
    )
    services.publish(
        actor=anna,
        indicator=share,
        observed_on=D(2018, 11, 30),
        value=Decimal("45"),
        note="Umfrage",
    )
    assert series(share) == [(D(2016, 11, 30), Decimal("42")), (D(2018, 11, 30), Decimal("45"))]


# Targets and goals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "day", "allowed"),
    [
        (None, None, True),
        (Decimal("9"), D(2027, 12, 31), True),
        (Decimal("9"), None, False),
        (None, D(2027, 12, 31), False),
    ],
)
def test_a_target_has_a_value_and_a_day_or_neither(duisburg, value, day, allowed):
    indicator = IndicatorFactory.build(initiative=duisburg, target_value=value, target_on=day)
    if allowed:
        indicator.save()
        return
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator.save()


def test_the_form_asks_for_the_missing_half_of_a_target(duisburg):
    data = {"name": "Arbeitslosenquote", "unit": "%", "position": 0}
    without_day = IndicatorForm(
        {**data, "target_value": "9"}, instance=Indicator(initiative=duisburg)
    )
    without_value = IndicatorForm(
        {**data, "target_on": "2027-12-31"}, instance=Indicator(initiative=duisburg)
    )
    assert "target_on" in without_day.errors
    assert "target_value" in without_value.errors


def test_deleting_a_goal_keeps_its_indicators(duisburg, anna):
    goal = GoalFactory(initiative=duisburg)
    rate = IndicatorFactory(initiative=duisburg, goal=goal)
    services.goal_delete(actor=anna, goal=goal)
    rate.refresh_from_db()
    assert rate.goal is None
    assert not Goal.objects.exists()


# Concurrent edits -----------------------------------------------------------------------------


def test_a_save_with_a_stale_version_is_refused(duisburg, anna, paul):
    rate = IndicatorFactory(initiative=duisburg, unit="%")
    annas, pauls = Indicator.objects.get(pk=rate.pk), Indicator.objects.get(pk=rate.pk)
    annas.unit = "Prozent"
    services.indicator_save(actor=anna, indicator=annas, expected_version=1)

    pauls.description = "Jahresdurchschnitt"
    with pytest.raises(ConcurrentEditError) as conflict:
        services.indicator_save(actor=paul, indicator=pauls, expected_version=1)

    assert conflict.value.changed_by == anna
    rate.refresh_from_db()
    assert (rate.unit, rate.description, rate.version) == ("Prozent", "", 2)


SEEN_VERSION = re.compile(r'name="seen_version" value="(\d+)"')


@dataclass(frozen=True)
class Case:
    url_name: str
    make: callable  # initiative → (the object, its URL args)
    pauls: dict  # what Paul saves (through the service) while Anna's form is open
    annas: dict  # what Anna's form sends
    changed: str  # the field Anna changes, Paul not
    kept: str  # Anna's input, as the refused page still shows it

    def __str__(self):
        return self.url_name


def _goal(initiative):
    goal = GoalFactory(initiative=initiative, title="Arbeit", position=1)
    return goal, [goal.pk]


def _indicator(initiative):
    indicator = IndicatorFactory(
        initiative=initiative, name="Arbeitslosenquote", unit="%", source=""
    )
    return indicator, [indicator.pk]


def _value(initiative):
    value = ObservationFactory(
        indicator=IndicatorFactory(initiative=initiative),
        observed_on=D(2024, 12, 31),
        value=Decimal("12"),
    )
    return value, [value.indicator.pk, value.pk]


def _site(initiative):
    site = SiteFactory(initiative=initiative, name="Hochfeld", area_ha=Decimal("20"))
    return site, [site.pk]


SAVES = {
    "goal_edit": lambda actor, obj: services.goal_save(actor=actor, goal=obj),
    "indicator_edit": lambda actor, obj: services.indicator_save(actor=actor, indicator=obj),
    "observation_edit": lambda actor, obj: services.observation_save(actor=actor, observation=obj),
    "site_edit": lambda actor, obj: services.site_save(actor=actor, site=obj),
}

CASES = [
    Case(
        "goal_edit",
        _goal,
        pauls={"title": "Mehr Arbeit"},
        annas={"title": "Arbeit", "position": "1", "description": "Unter 9 Prozent bis 2027"},
        changed="description",
        kept="Unter 9 Prozent bis 2027</textarea>",
    ),
    Case(
        "indicator_edit",
        _indicator,
        pauls={"unit": "Prozent"},
        annas={
            "name": "Arbeitslosenquote",
            "unit": "%",
            "position": "0",
            "source": "Bundesagentur für Arbeit",
        },
        changed="source",
        kept='value="Bundesagentur für Arbeit"',
    ),
    Case(
        "observation_edit",
        _value,
        pauls={"value": Decimal("12.5")},
        annas={"observed_on": "31.12.2024", "value": "12", "note": "Jahresmittel"},
        changed="note",
        kept='value="Jahresmittel"',
    ),
    Case(
        "site_edit",
        _site,
        pauls={"free_ha": Decimal("7")},
        annas={
            "name": "Hochfeld",
            "area_ha": "20",
            "free_ha": "2",
            "fibre": "none",
            "note": "Altlasten saniert",
        },
        changed="note",
        kept='value="Altlasten saniert"',
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_stale_form_is_refused_and_keeps_the_input(duisburg, anna, paul, case):
    """Anna opens the form; Paul saves the object meanwhile. Anna's save is refused
    with his change taken into her form and her input kept; saving again keeps both."""
    obj, args = case.make(duisburg)
    url = reverse(case.url_name, args=["duisburg", *args])
    annas = Client()
    annas.force_login(anna)
    seen = SEEN_VERSION.search(annas.get(url).content.decode()).group(1)
    pauls = type(obj).objects.get(pk=obj.pk)
    for name, value in case.pauls.items():
        setattr(pauls, name, value)
    SAVES[case.url_name](paul, pauls)

    refused = annas.post(url, {**case.annas, "seen_version": seen})

    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.conflict is not None
    assert case.kept in refused.content.decode()
    assert "Paul Plattform" in refused.content.decode()  # who changed it
    obj.refresh_from_db()
    assert {k: getattr(obj, k) for k in case.pauls} == case.pauls
    assert getattr(obj, case.changed) == "", "Anna's change is not saved yet"

    again = annas.post(url, form.data)

    assert again.status_code == 302
    obj.refresh_from_db()
    assert {k: getattr(obj, k) for k in case.pauls} == case.pauls, "Paul's change is kept"
    assert getattr(obj, case.changed) == case.annas[case.changed]
    assert obj.version == 3
