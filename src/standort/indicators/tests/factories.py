import datetime
from decimal import Decimal

import factory

from standort.indicators.models import Goal, Indicator, Observation, Site
from standort.initiatives.tests.factories import InitiativeFactory


class GoalFactory(factory.django.DjangoModelFactory):
    """A goal written directly (no service); GoalFactory(measures=[…]) links measures."""

    class Meta:
        model = Goal
        # The hook below only links measures; saving again would add a history row.
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Ziel {n}")

    @factory.post_generation
    def measures(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.measures.set(extracted)


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An entered indicator (not computed from the areas), written directly."""

    class Meta:
        model = Indicator

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Kennzahl {n}")
    unit = "%"
    source = "Statistisches Landesamt"


class ObservationFactory(factory.django.DjangoModelFactory):
    """A value written directly; each on a day of its own (the last of a month)."""

    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    observed_on = factory.Sequence(
        lambda n: datetime.date(2001 + n // 12, n % 12 + 1, 1) - datetime.timedelta(days=1)
    )
    value = Decimal("10")


class SiteFactory(factory.django.DjangoModelFactory):
    """An industrial area without a location, written directly: use services.site_save
    where the computed indicators should follow."""

    class Meta:
        model = Site
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Gewerbegebiet {n}")
    area_ha = Decimal("20")
    free_ha = Decimal("2")
    fibre = Site.Fibre.NONE

    @factory.post_generation
    def organizations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.organizations.set(extracted)


def square(lon, lat, size=0.01):
    """A GeoJSON Polygon: a square with its south-west corner at `lon`, `lat`."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
