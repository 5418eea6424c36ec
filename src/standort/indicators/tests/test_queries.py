"""What the lists read of each indicator: its newest value and the one before, taken
by subqueries in the database, agree with the same read from all its values."""

import datetime
import random
from decimal import Decimal

import pytest

from standort.indicators import queries
from standort.indicators.models import Indicator, Observation

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def random_series(rng, indicators):
    """Values on random days, written in random order: some indicators have none or
    one, some many; values negative, whole and with four places."""
    start = datetime.date(2000, 1, 1)
    observations = []
    for indicator in indicators:
        days = rng.sample(range(9000), rng.choice([0, 1, 2, rng.randint(3, 12)]))
        for day in days:
            value = Decimal(rng.randint(-(10**9), 10**9)) / rng.choice([1, 10, 10_000])
            observations.append(
                Observation(
                    indicator=indicator,
                    observed_on=start + datetime.timedelta(days=day),
                    value=value,
                )
            )
    rng.shuffle(observations)
    return Observation.objects.bulk_create(observations)


def expected_trends(observations, indicators):
    """(latest value, its day, the value before, its day) of each indicator, computed
    from the values themselves."""
    found = {}
    for indicator in indicators:
        mine = sorted(
            (o for o in observations if o.indicator_id == indicator.pk),
            key=lambda o: o.observed_on,
            reverse=True,
        )
        latest = mine[0] if mine else None
        previous = mine[1] if len(mine) > 1 else None
        found[indicator.pk] = (
            latest and latest.value,
            latest and latest.observed_on,
            previous and previous.value,
            previous and previous.observed_on,
        )
    return found


@pytest.mark.parametrize("seed", range(4))
def test_with_trend_agrees_with_the_values(duisburg, seed):
    rng = random.Random(seed)
    indicators = IndicatorFactory.create_batch(8, initiative=duisburg)
    observations = random_series(rng, indicators)

    annotated = queries.with_trend(Indicator.objects.filter(initiative=duisburg))

    got = {i.pk: (i.latest_value, i.latest_on, i.previous_value, i.previous_on) for i in annotated}
    assert got == expected_trends(observations, indicators)


def test_another_initiatives_values_do_not_count(duisburg, muelheim):
    ours = IndicatorFactory(initiative=duisburg)
    theirs = IndicatorFactory(initiative=muelheim)
    Observation.objects.create(
        indicator=theirs, observed_on=datetime.date(2024, 12, 31), value=Decimal("1")
    )
    (listed,) = queries.indicators_for(duisburg)
    assert (listed, listed.latest_value, listed.previous_value) == (ours, None, None)
