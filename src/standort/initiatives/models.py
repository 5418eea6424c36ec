from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standort.core.files import validate_logo
from standort.core.history import Tracked
from standort.core.models import VersionedModel
from standort.core.tenancy import TenantManager

# First path segments that belong to the platform, never to an initiative.
RESERVED_SLUGS = {
    "accounts",
    "admin",
    "api",
    "barrierefreiheit",
    "datenschutz",
    "healthz",
    "i18n",
    "impressum",
    "link",
    "media",
    "oparl",
    "static",
}


def validate_slug_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved."), params={"slug": value})


class Organization(VersionedModel):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        ADMINISTRATION = "administration", pgettext_lazy("kind of organisation", "Administration")
        POLITICS = "politics", _("Politics")
        UNION = "union", _("Union")
        CHAMBER = "chamber", _("Chamber")
        ASSOCIATION = "association", _("Association")
        SCIENCE = "science", _("Science")
        CIVIL_SOCIETY = "civil_society", _("Civil society")

    class Sector(models.TextChoices):
        """The sections of the German classification of economic activities (WZ 2008)."""

        A = "A", _("A – Agriculture, forestry and fishing")
        B = "B", _("B – Mining and quarrying")
        C = "C", _("C – Manufacturing")
        D = "D", _("D – Energy supply")
        E = "E", _("E – Water supply, sewerage, waste management")
        F = "F", _("F – Construction")
        G = "G", _("G – Wholesale and retail trade, repair of motor vehicles")
        H = "H", _("H – Transportation and storage")
        I = "I", _("I – Accommodation and food service")  # noqa: E741 - the section's letter
        J = "J", _("J – Information and communication")
        K = "K", _("K – Financial and insurance services")
        L = "L", _("L – Real estate")
        M = "M", _("M – Professional, scientific and technical services")
        N = "N", _("N – Other business services")
        O = "O", _("O – Public administration, defence, social security")  # noqa: E741
        P = "P", _("P – Education")
        Q = "Q", _("Q – Health and social work")
        R = "R", _("R – Arts, entertainment and recreation")
        S = "S", _("S – Other services")
        T = "T", _("T – Private households")
        U = "U", _("U – Extraterritorial organisations")

    class Size(models.TextChoices):
        MICRO = "micro", _("up to 9 employees")
        SMALL = "small", _("10 to 49 employees")
        MEDIUM = "medium", _("50 to 249 employees")
        LARGE = "large", _("250 employees and more")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # What a survey of firms groups its answers by.
    sector = models.CharField(
        _("sector (WZ 2008)"), max_length=1, choices=Sector.choices, blank=True
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # SVG, PNG or JPEG, checked on upload (core.files.check_image); shown through a
    # view that checks permission, and on the covers of the reports.
    logo = models.FileField(
        _("logo"), upload_to="organizations/logos/", blank=True, validators=[validate_logo]
    )
    history = Tracked()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address(self):
        place = " ".join(p for p in [self.postal_code, self.city] if p)
        return ", ".join(p for p in [self.street, place] if p)


class Person(VersionedModel):
    title = models.CharField(_("title"), max_length=50, blank=True, help_text=_("e.g. Dr."))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    function = models.CharField(
        _("function"), max_length=200, blank=True, help_text=_("e.g. Managing director")
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    # Public pages name a measure's owner only with their consent; otherwise only the
    # organisation. Also a default in the database: rows written by code (or a
    # migration's historical model) that does not know the field yet get no consent.
    name_is_public = models.BooleanField(
        _("name may be shown publicly"),
        default=False,
        db_default=False,
        help_text=_(
            "On the public pages and in the open data of the initiatives: as owner of a "
            "measure and as member of a body."
        ),
    )
    history = Tracked()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        # The people list's order: its first page is read from here, not sorted from
        # all persons of every initiative.
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="person_by_name")]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return full_name(self.title, self.first_name, self.last_name)


def full_name(title, first_name, last_name):
    """ "Dr. Ulrich Brockmann": how a person is named everywhere."""
    return " ".join(part for part in (title, first_name, last_name) if part)


class DataLicence(models.TextChoices):
    """The licences an office may publish its open data under: those the German open
    data portals (GovData) name in DCAT-AP.de."""

    DL_BY = "dl-by-de/2.0", _("Data licence Germany – attribution – version 2.0")
    DL_ZERO = "dl-zero-de/2.0", _("Data licence Germany – zero – version 2.0")
    CC_BY = "cc-by/4.0", _("Creative Commons Attribution 4.0 International")
    CC_ZERO = "cc-zero", _("Creative Commons CC Zero")

    @property
    def url(self):
        """The licence's text."""
        return LICENCE_URLS[self.value]

    @property
    def uri(self):
        """The licence as DCAT-AP.de names it."""
        return f"http://dcat-ap.de/def/licenses/{self.value}"


LICENCE_URLS = {
    DataLicence.DL_BY: "https://www.govdata.de/dl-de/by-2-0",
    DataLicence.DL_ZERO: "https://www.govdata.de/dl-de/zero-2-0",
    DataLicence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    DataLicence.CC_ZERO: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class Initiative(VersionedModel):
    slug = models.SlugField(
        _("short name in the address"),
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text=_("Lower-case letters, digits and hyphens, e.g. “duisburg”."),
    )
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    summary = models.CharField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for the start page."),
    )
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public initiatives are listed on the start page with their description."),
    )
    update_interval_months = models.PositiveSmallIntegerField(
        _("update interval in months"),
        default=6,
        validators=[MaxValueValidator(36)],
        help_text=_(
            "A measure whose last accepted status update is older counts as not up to date, "
            "and its owner is reminded. 0: no interval."
        ),
    )
    embed_origins = models.TextField(
        _("websites that may embed the public page"),
        blank=True,
        help_text=_("One origin per line, e.g. https://www.duisburg.de"),
    )
    data_licence = models.CharField(
        _("licence of the open data"),
        max_length=20,
        choices=DataLicence.choices,
        default=DataLicence.DL_BY,
        # Also in the database: rows a migration's historical model writes (which knows
        # no licence yet) get it too.
        db_default=DataLicence.DL_BY,
        help_text=_(
            "Under which the public measures are published as open data, in OParl "
            "and through the API."
        ),
    )
    organizations = models.ManyToManyField(
        Organization, through="InitiativeOrganization", related_name="initiatives", blank=True
    )
    people = models.ManyToManyField(
        Person, through="InitiativePerson", related_name="initiatives", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = Tracked()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="initiative_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiative_home", args=[self.slug])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end must not be before the start.")})


class InitiativeOrganization(models.Model):
    """An organisation takes part in an initiative; leading ones run it."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="organization_links"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="initiative_links",
    )
    is_leading = models.BooleanField(_("leading partner"), default=False)
    history = Tracked()

    objects = TenantManager()
    history_subject = "organization"

    class Meta:
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organization"], name="unique_initiative_organization"
            )
        ]

    def __str__(self):
        return str(self.organization)


class InitiativePerson(models.Model):
    """A person takes part in an initiative, which makes their contact data visible to
    its members."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="person_links"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="initiative_links"
    )
    history = Tracked()

    objects = TenantManager()
    history_subject = "person"

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person"], name="unique_initiative_person"
            )
        ]

    def __str__(self):
        return str(self.person)


class InitiativeRole(models.Model):
    class Role(models.TextChoices):
        OFFICE = "office", _("Project office")
        STEERING = "steering", _("Steering committee")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="initiative_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    history = Tracked()

    objects = TenantManager()
    history_subject = "user"

    class Meta:
        verbose_name = _("initiative role")
        verbose_name_plural = _("initiative roles")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="unique_initiative_role")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class Body(VersionedModel):
    class Kind(models.TextChoices):
        STEERING_COMMITTEE = "steering_committee", _("Steering committee")
        WORKING_GROUP = "working_group", _("Working group")
        SUB_GROUP = "sub_group", _("Sub-group")
        CONFERENCE = "conference", _("Conference")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("For a sub-group: the working group it belongs to."),
    )
    description = models.TextField(_("description"), blank=True)
    managing_organization = models.ForeignKey(
        Organization,
        verbose_name=_("managing organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_bodies",
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    history = Tracked()

    objects = TenantManager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="unique_body_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("body_detail", args=[self.initiative.slug, self.pk])


class Membership(VersionedModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MANAGER = "manager", _("Manager")
        MEMBER = "member", _("Member")
        EXPERT = "expert", _("Expert")
        GUEST = "guest", _("Guest")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    history = Tracked()

    objects = TenantManager("body__initiative")
    history_subject = "person"

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["body", "person"], name="unique_membership"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"
