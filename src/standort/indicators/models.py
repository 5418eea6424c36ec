"""The evidence an initiative steers by: its goals, the location indicators that show
whether it gets closer to them (each with its values over time and a target), and its
industrial areas, whose free land and fibre roll up into indicators."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from standort.core.history import Tracked
from standort.core.markup import TEXT_LIMIT
from standort.core.models import VersionedModel
from standort.core.tenancy import TenantManager
from standort.initiatives.models import Body, Initiative, Organization
from standort.measures.models import Measure

NOT_NEGATIVE = [MinValueValidator(Decimal(0))]


class Goal(VersionedModel):
    """A goal of the initiative (e.g. "Rückenwind für die Industrie"): the measures that
    serve it and the indicators that show how near it is."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=TEXT_LIMIT, blank=True)
    measures = models.ManyToManyField(
        Measure,
        verbose_name=_("measures that serve it"),
        blank=True,
        related_name="goals",
    )
    position = models.PositiveIntegerField(_("order"), default=0)

    history = Tracked()

    objects = TenantManager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "title"], name="unique_goal_title")
        ]

    def __str__(self):
        return self.title


class Indicator(VersionedModel):
    class Computed(models.TextChoices):
        # Entered or imported by the office (or published from a survey).
        NO = "", _("no: values are entered or imported")
        FIBRE_SHARE = "fibre_share", _("share of the industrial areas with fibre (%)")
        FREE_LAND = "free_land", _("free land in the industrial areas (ha)")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, help_text=_("e.g. %, ha, jobs"))
    description = models.TextField(_("description"), max_length=TEXT_LIMIT, blank=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("e.g. Bundesagentur für Arbeit")
    )
    higher_is_better = models.BooleanField(
        _("higher is better"),
        default=True,
        help_text=_("Untick for figures that should fall, such as the unemployment rate."),
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_on = models.DateField(_("target date"), null=True, blank=True)
    is_key = models.BooleanField(
        _("key indicator"), default=False, help_text=_("Shown with its trend on the overview.")
    )
    computed = models.CharField(
        _("computed from the industrial areas"),
        max_length=20,
        choices=Computed.choices,
        default=Computed.NO,
        blank=True,
    )
    position = models.PositiveIntegerField(_("order"), default=0)

    history = Tracked()

    objects = TenantManager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="unique_indicator_name"),
            models.CheckConstraint(
                condition=Q(target_value__isnull=True, target_on__isnull=True)
                | Q(target_value__isnull=False, target_on__isnull=False),
                name="indicator_target_value_and_date",
            ),
        ]

    def __str__(self):
        return self.name


class Observation(VersionedModel):
    """The value of an indicator on a day (the end of the period it describes)."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    observed_on = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.CharField(_("source note"), max_length=300, blank=True)

    history = Tracked()

    objects = TenantManager("indicator__initiative")

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["indicator", "observed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "observed_on"], name="one_value_per_indicator_and_day"
            )
        ]

    def __str__(self):
        return f"{self.indicator}, {self.observed_on:%d.%m.%Y}"


class Site(VersionedModel):
    """An industrial area (Gewerbegebiet)."""

    class Fibre(models.TextChoices):
        AVAILABLE = "available", _("available")
        PLANNED = "planned", _("planned")
        NONE = "none", _("no")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=200)
    area_ha = models.DecimalField(
        _("size in hectares"), max_digits=9, decimal_places=2, validators=NOT_NEGATIVE
    )
    free_ha = models.DecimalField(
        _("free land in hectares"),
        max_digits=9,
        decimal_places=2,
        default=Decimal(0),
        validators=NOT_NEGATIVE,
    )
    fibre = models.CharField(
        _("fibre broadband"), max_length=10, choices=Fibre.choices, default=Fibre.NONE
    )
    fibre_on = models.DateField(_("fibre since or planned for"), null=True, blank=True)
    # A GeoJSON geometry (Point, Polygon or MultiPolygon) in longitude and latitude.
    geometry = models.JSONField(_("location"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    organizations = models.ManyToManyField(
        Organization, verbose_name=_("firms located here"), blank=True, related_name="sites"
    )

    history = Tracked(excluded_fields=["geometry"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("industrial area")
        verbose_name_plural = _("industrial areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="unique_site_name"),
            models.CheckConstraint(
                condition=Q(free_ha__lte=F("area_ha")), name="site_free_land_within_area"
            ),
        ]

    def __str__(self):
        return self.name
