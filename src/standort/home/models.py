"""What a German public site must say about itself: its Impressum, its
Datenschutzerklärung and its Erklärung zur Barrierefreiheit, once for the platform and
once per initiative. An initiative's records are its own (core.tenancy); the
platform's are separate rows without an initiative, one per kind. An initiative
without a record of its own shows the platform's (home.queries)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from standort.core.history import Tracked
from standort.core.markup import MINUTES_LIMIT, TEXT_LIMIT
from standort.core.models import VersionedModel
from standort.core.tenancy import TenantManager
from standort.initiatives.models import Initiative

# What the forms accept of a legal text: within what the `markdown` filter renders.
LEGAL_TEXT_LIMIT = MINUTES_LIMIT

ENFORCEMENT_NRW = """\
Wenn Sie sich an uns gewandt haben und wir Ihnen nicht oder nicht zufriedenstellend \
geantwortet haben, können Sie sich an die **Ombudsstelle für barrierefreie \
Informationstechnik des Landes Nordrhein-Westfalen** wenden. Sie ist der Beauftragten \
der Landesregierung für die Belange der Menschen mit Behinderung zugeordnet (§§ 10d, \
10e BGG NRW, §§ 9 ff. BITV NRW) und vermittelt kostenlos zwischen Ihnen und der \
öffentlichen Stelle.

* E-Mail: <ombudsstelle-barrierefreie-it@mags.nrw.de>
* Website: <https://www.lbbp.nrw.de/ombudsstelle>
"""


class LegalText(VersionedModel):
    """An Impressum or a Datenschutzerklärung: Markdown."""

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Legal notice")
        PRIVACY = "privacy", _("Privacy policy")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(
        _("text"),
        max_length=LEGAL_TEXT_LIMIT,
        help_text=_("Formatted with Markdown: **bold**, lists with *, links as <https://…>."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.get_kind_display())


class PlatformLegalText(LegalText):
    history = Tracked()

    class Meta:
        verbose_name = _("legal text of the platform")
        verbose_name_plural = _("legal texts of the platform")
        constraints = [models.UniqueConstraint(fields=["kind"], name="unique_platform_legal_text")]


class InitiativeLegalText(LegalText):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="legal_texts")
    history = Tracked()

    objects = TenantManager()

    class Meta:
        verbose_name = _("legal text of an initiative")
        verbose_name_plural = _("legal texts of initiatives")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "kind"], name="unique_initiative_legal_text"
            )
        ]


class AccessibilityStatement(VersionedModel):
    """The Erklärung zur Barrierefreiheit in the structure of the EU's model statement
    (Implementing Decision (EU) 2018/1523) as BITV 2.0 and BITV NRW ask for it."""

    class Conformance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("self-assessment")
        THIRD_PARTY = "third_party", _("assessment by a third party")

    conformance = models.CharField(
        _("status of compliance"),
        max_length=10,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
    )
    non_accessible = models.TextField(
        _("content that is not accessible"),
        blank=True,
        max_length=TEXT_LIMIT,
        help_text=_(
            "Each part that is not accessible, with its reason (a disproportionate burden, "
            "outside the scope) and an accessible alternative where there is one. Markdown."
        ),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    method = models.CharField(
        _("method"), max_length=20, choices=Method.choices, default=Method.SELF
    )
    contact_email = models.EmailField(
        _("e-mail address for feedback"),
        help_text=_("Where people report barriers and ask for content in an accessible form."),
    )
    contact_phone = models.CharField(_("telephone for feedback"), max_length=40, blank=True)
    enforcement = models.TextField(
        _("enforcement procedure"),
        default=ENFORCEMENT_NRW,
        max_length=TEXT_LIMIT,
        help_text=_("The conciliation body people may turn to. Markdown."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return str(_("Accessibility statement"))


class PlatformAccessibilityStatement(AccessibilityStatement):
    """The platform's statement: a single row, which the database holds to (two first
    saves at the same moment meet at the unique constraint)."""

    single = models.BooleanField(default=True, editable=False)
    history = Tracked(excluded_fields=["single"])

    class Meta:
        verbose_name = _("accessibility statement of the platform")
        verbose_name_plural = _("accessibility statements of the platform")
        constraints = [
            models.UniqueConstraint(fields=["single"], name="one_platform_statement"),
            models.CheckConstraint(
                condition=models.Q(single=True), name="platform_statement_single"
            ),
        ]


class InitiativeAccessibilityStatement(AccessibilityStatement):
    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="accessibility_statement"
    )
    history = Tracked()

    objects = TenantManager()

    class Meta:
        verbose_name = _("accessibility statement of an initiative")
        verbose_name_plural = _("accessibility statements of initiatives")


class DashboardVisit(models.Model):
    """When a member last opened the initiative's dashboard: it tells them what changed
    since. A visit is a sitting: opening the dashboard again within
    VISIT_GAP does not start a new one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()
    # The sitting before this one: "since your last visit" counts from here.
    previous_at = models.DateTimeField(null=True, blank=True)

    objects = TenantManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "initiative"], name="unique_dashboard_visit")
        ]

    def __str__(self):
        return f"{self.user} · {self.initiative}"
