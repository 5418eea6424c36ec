"""Writes on goals, indicators, their values and the industrial areas. Each runs in one
transaction and names its actor in the change history; a change of the areas records
the values of the indicators computed from them."""

import json
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standort.core.services import DomainError, delete, save

from . import geo, queries
from .models import Indicator, Observation, Site

__all__ = ["DomainError"]

log = logging.getLogger("standort.services")


# Goals --------------------------------------------------------------------------------


@transaction.atomic
def goal_save(*, actor, goal, measures=None, expected_version=None):
    """Creates or updates a goal; `measures`, when given, are the measures serving it."""
    save(actor, goal, expected_version)
    if measures is not None:
        goal.measures.set(measures)
    return goal


@transaction.atomic
def goal_delete(*, actor, goal):
    delete(actor, goal)


# Indicators and their values --------------------------------------------------------------


@transaction.atomic
def indicator_save(*, actor, indicator, expected_version=None):
    save(actor, indicator, expected_version)
    if indicator.computed:
        record_computed(actor=actor, initiative=indicator.initiative)
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator):
    delete(actor, indicator)


def _existing(indicator, observed_on, exclude=None):
    found = Observation.objects.filter(indicator=indicator, observed_on=observed_on)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found.first()


@transaction.atomic
def observation_save(*, actor, observation, expected_version=None):
    if _existing(observation.indicator, observation.observed_on, exclude=observation):
        raise DomainError(
            _("The indicator has a value for %(day)s already; change that one instead.")
            % {"day": observation.observed_on.strftime("%d.%m.%Y")}
        )
    return save(actor, observation, expected_version)


@transaction.atomic
def observation_delete(*, actor, observation):
    delete(actor, observation)


@transaction.atomic
def observations_import(*, actor, rows):
    """Stores the rows an import read (importing.read, without problems): a value for a
    day the indicator has one for replaces it. Returns (new, changed)."""
    new = changed = 0
    for row in rows:
        observation = _existing(row.indicator, row.observed_on)
        if observation is None:
            new += 1
            observation = Observation(indicator=row.indicator, observed_on=row.observed_on)
        elif observation.value == row.value and observation.note == row.note:
            continue
        else:
            changed += 1
        observation.value, observation.note = row.value, row.note
        save(actor, observation)
    return new, changed


def publish(*, actor, indicator, observed_on, value, note):
    """Records `value` as the indicator's value of the day (a survey's result): a value
    the day has is replaced."""
    observation = _existing(indicator, observed_on) or Observation(
        indicator=indicator, observed_on=observed_on
    )
    observation.value, observation.note = value, note
    return save(actor, observation)


# Industrial areas -----------------------------------------------------------------


def _check_site(site):
    if site.free_ha is not None and site.area_ha is not None and site.free_ha > site.area_ha:
        raise DomainError(_("The free land cannot be larger than the area."))
    if site.geometry is not None:
        try:
            site.geometry = geo.checked(site.geometry)
        except geo.GeometryError as error:
            raise DomainError(str(error)) from error


@transaction.atomic
def site_save(*, actor, site, organizations=None, expected_version=None):
    _check_site(site)
    save(actor, site, expected_version)
    if organizations is not None:
        site.organizations.set(organizations)
    record_computed(actor=actor, initiative=site.initiative)
    return site


@transaction.atomic
def site_delete(*, actor, site):
    initiative = site.initiative
    delete(actor, site)
    record_computed(actor=actor, initiative=initiative)


COMPUTED_NOTE = "Aus den Gewerbegebieten berechnet"


def record_computed(*, actor, initiative, today=None):
    """Today's value of each indicator computed from the industrial areas: the share of
    areas with fibre, the free land. Kept as a value of the day, so the series shows how
    the areas developed; without areas there is nothing to compute."""
    indicators = list(Indicator.objects.filter(initiative=initiative).exclude(computed=""))
    if not indicators:
        return
    figures = queries.site_figures(initiative)
    today = today or timezone.localdate()
    if not figures.count:
        # Without areas there is nothing to compute; a value of the day computed from
        # areas since deleted goes with them.
        Observation.objects.filter(
            indicator__in=indicators, observed_on=today, note=COMPUTED_NOTE
        ).delete()
        return
    for indicator in indicators:
        if indicator.computed == Indicator.Computed.FIBRE_SHARE:
            value = Decimal(figures.with_fibre * 100) / figures.count
        else:
            value = figures.free_ha or Decimal(0)
        value = value.quantize(Decimal("0.1"))
        observation = _existing(indicator, today)
        if observation is not None and observation.value == value:
            continue
        if observation is None:
            observation = Observation(indicator=indicator, observed_on=today)
        observation.value, observation.note = value, COMPUTED_NOTE
        save(actor, observation)


# GeoJSON import of areas --------------------------------------------------------------

GEOJSON_NAME_KEYS = ("name", "Name", "NAME", "bezeichnung", "Bezeichnung")
GEOJSON_AREA_KEYS = ("area_ha", "flaeche_ha", "Fläche (ha)", "groesse_ha")
GEOJSON_FREE_KEYS = ("free_ha", "frei_ha", "freie_flaeche_ha", "Freie Fläche (ha)")
GEOJSON_FIBRE_KEYS = ("fibre", "glasfaser", "Glasfaser")
FIBRE_WORDS = {
    "available": Site.Fibre.AVAILABLE,
    "vorhanden": Site.Fibre.AVAILABLE,
    "ja": Site.Fibre.AVAILABLE,
    "yes": Site.Fibre.AVAILABLE,
    "planned": Site.Fibre.PLANNED,
    "geplant": Site.Fibre.PLANNED,
    "none": Site.Fibre.NONE,
    "nein": Site.Fibre.NONE,
    "no": Site.Fibre.NONE,
}


def _first(properties, keys):
    for key in keys:
        if properties.get(key) not in (None, ""):
            return properties[key]
    return None


def _hectares(value, name, what):
    try:
        number = Decimal(str(value).replace(",", ".")) if value is not None else None
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite() or number < 0 or number >= 10_000_000:
        raise DomainError(
            _("Area “%(name)s”: “%(value)s” is not a size in hectares (%(what)s).")
            % {"name": name, "value": value, "what": what}
        )
    return number.quantize(Decimal("0.01"))


def read_geojson(content):
    """[(feature number, properties, geometry)] of a GeoJSON FeatureCollection, or
    DomainError naming the feature at fault."""
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise DomainError(_("The file is not valid JSON.")) from error
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DomainError(_("The file must hold a GeoJSON FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise DomainError(_("The FeatureCollection has no features."))
    read = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise DomainError(_("Feature %(n)s is not a GeoJSON Feature.") % {"n": number})
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise DomainError(_("Feature %(n)s has no properties object.") % {"n": number})
        try:
            geometry = geo.checked(feature.get("geometry"))
        except geo.GeometryError as error:
            raise DomainError(
                _("Feature %(n)s: %(message)s") % {"n": number, "message": error}
            ) from error
        read.append((number, properties, geometry))
    return read


def _compared(site):
    return (site.area_ha, site.free_ha, site.fibre, site.geometry)


@transaction.atomic
def sites_import(*, actor, initiative, features):
    """Creates or updates the areas of `features` (read_geojson) by name, all or none:
    the first fault stops the import with a message naming the feature. Returns
    (new, changed)."""
    existing = {site.name.casefold(): site for site in Site.objects.filter(initiative=initiative)}
    # What each stored area had before the file's values are set on it.
    before = {site.pk: _compared(site) for site in existing.values()}
    new = changed = 0
    seen = set()
    for number, properties, geometry in features:
        name = str(_first(properties, GEOJSON_NAME_KEYS) or "").strip()
        if not name:
            raise DomainError(_("Feature %(n)s has no name (property “name”).") % {"n": number})
        if len(name) > Site._meta.get_field("name").max_length:
            raise DomainError(_("Feature %(n)s: the name is too long.") % {"n": number})
        if name.casefold() in seen:
            raise DomainError(
                _("Feature %(n)s: the name “%(name)s” appears twice in the file.")
                % {"n": number, "name": name}
            )
        seen.add(name.casefold())
        site = existing.get(name.casefold())
        if site is None:
            site = Site(initiative=initiative, name=name, area_ha=None)
            new += 1
        else:
            changed += 1
        area = _first(properties, GEOJSON_AREA_KEYS)
        if area is not None:
            site.area_ha = _hectares(area, name, _("size"))
        if site.area_ha is None:
            raise DomainError(
                _("Feature %(n)s (“%(name)s”) has no size in hectares (property “area_ha”).")
                % {"n": number, "name": name}
            )
        free = _first(properties, GEOJSON_FREE_KEYS)
        if free is not None:
            site.free_ha = _hectares(free, name, _("free land"))
        fibre = _first(properties, GEOJSON_FIBRE_KEYS)
        if fibre is not None:
            word = str(fibre).strip().casefold()
            if word not in FIBRE_WORDS:
                raise DomainError(
                    _("Feature %(n)s: “%(value)s” is not a fibre status (%(words)s).")
                    % {"n": number, "value": fibre, "words": "vorhanden, geplant, nein"}
                )
            site.fibre = FIBRE_WORDS[word]
        if site.pk is not None and before[site.pk] == (*_compared(site)[:3], geometry):
            changed -= 1
            continue
        site.geometry = geometry
        try:
            _check_site(site)
        except DomainError as error:
            raise DomainError(
                _("Feature %(n)s (“%(name)s”): %(message)s")
                % {"n": number, "name": name, "message": error}
            ) from error
        save(actor, site)
    record_computed(actor=actor, initiative=initiative)
    return new, changed
