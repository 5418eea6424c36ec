"""The transfer platform: what science institutions offer firms (`Offer`), what firms
need (`Need`), both described by the initiative's shared topics (`Topic`), and the
matching talks (Abgleich-Gespräche) between a firm and an institution (`Talk`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standort.core.history import Tracked
from standort.core.markup import TEXT_LIMIT
from standort.core.models import VersionedModel
from standort.core.tenancy import TenantManager
from standort.initiatives.models import Initiative, Organization, Person


class Topic(models.Model):
    """A word of the initiative's shared vocabulary (e.g. Werkstoffe, Logistik): offers
    and needs name their topics from it, so that the matching compares like with like."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="transfer_topics"
    )
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveIntegerField(_("order"), default=0)

    history = Tracked()

    objects = TenantManager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="unique_transfer_topic")
        ]

    def __str__(self):
        return self.name


class Offer(VersionedModel):
    """What a science institution offers firms: a kind of cooperation, described, with
    its topics, contact person and conditions. Transfer officers of the institution
    keep it; the project office moderates what is published."""

    class Kind(models.TextChoices):
        RESEARCH_PROJECT = "research_project", _("Research project")
        CONTRACT_RESEARCH = "contract_research", _("Contract research")
        EQUIPMENT = "equipment", _("Use of labs or equipment")
        STUDENT_PROJECT = "student_project", _("Student project")
        THESIS = "thesis", _("Thesis")
        INTERNSHIP = "internship", _("Internship")
        CONTINUING_EDUCATION = "continuing_education", _("Continuing education")
        FUNDING_ADVICE = "funding_advice", _("Funding advice")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        # A transfer officer's offer waits for the project office to publish it.
        SUBMITTED = "submitted", _("awaiting approval")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="offers")
    institution = models.ForeignKey(
        Organization,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="transfer_offers",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=TEXT_LIMIT)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="offers"
    )
    contact = models.ForeignKey(
        Person,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfer_offers",
    )
    conditions = models.TextField(_("conditions"), max_length=TEXT_LIMIT, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    # Lower-case title and description with umlauts folded: the text search and the
    # matching read it (transfer.search).
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = Tracked(excluded_fields=["search_text"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["initiative", "state", "kind"]),
            # The catalogue's order: its first page without sorting all the offers, also
            # of one kind (the filter) without reading the offers of the others.
            models.Index(fields=["initiative", "title"], name="transfer_offer_by_title"),
            models.Index(fields=["initiative", "kind", "title"], name="transfer_offer_by_kind"),
            # Whether an institution has offers here (the catalogue's filter): with the
            # initiative alone SQLite read all its offers per institution.
            models.Index(fields=["institution", "initiative"], name="transfer_offer_institution"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        """Published and still valid: in the catalogue for everyone."""
        return self.state == self.State.PUBLISHED and (
            self.valid_until is None or self.valid_until >= timezone.localdate()
        )


class Need(VersionedModel):
    """What a firm needs from science: its problem, topics and timeframe, shown to
    everyone or to the transfer officers and the office only."""

    class Timeframe(models.TextChoices):
        NOW = "now", _("as soon as possible")
        HALF_YEAR = "half_year", _("within six months")
        YEAR = "year", _("within a year")
        LATER = "later", _("later")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        OFFICERS = "officers", _("transfer officers and project office only")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="needs")
    company = models.ForeignKey(
        Organization,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="transfer_needs",
    )
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"), max_length=TEXT_LIMIT)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="needs"
    )
    timeframe = models.CharField(
        _("timeframe"), max_length=10, choices=Timeframe.choices, default=Timeframe.HALF_YEAR
    )
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.OFFICERS
    )
    contact = models.ForeignKey(
        Person,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfer_needs",
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = Tracked(excluded_fields=["search_text"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["initiative", "state", "visibility"])]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC and self.state == self.State.OPEN


class Talk(VersionedModel):
    """A matching talk (Abgleich-Gespräch) between a firm and a science institution,
    about a need and/or an offer, and what came of it."""

    class Outcome(models.TextChoices):
        OPEN = "", _("not yet recorded")
        NO_FIT = "no_fit", _("no fit")
        FOLLOW_UP = "follow_up", _("follow-up agreed")
        COOPERATION = "cooperation", _("cooperation agreed")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="talks")
    need = models.ForeignKey(
        Need,
        verbose_name=_("need"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talks",
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talks",
    )
    company = models.ForeignKey(
        Organization, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    institution = models.ForeignKey(
        Organization, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        Person, verbose_name=_("participants"), blank=True, related_name="transfer_talks"
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.OPEN, blank=True
    )
    outcome_note = models.TextField(_("note on the outcome"), max_length=TEXT_LIMIT, blank=True)
    follow_up_on = models.DateField(
        _("next step on"), null=True, blank=True, help_text=_("e.g. the date of a second talk")
    )
    # Raised with every change of date or place, so that calendar apps replace the
    # invitation they have (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = Tracked(excluded_fields=["sequence"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("matching talk")
        verbose_name_plural = _("matching talks")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(company=models.F("institution")),
                name="talk_between_two_organisations",
            )
        ]

    def __str__(self):
        return f"{self.company} – {self.institution}"
