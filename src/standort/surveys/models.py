"""Surveys of the initiative's firms (such as Mülheim's industry survey): sections of
questions, recipients with personal links, and the answers.

A survey promised as anonymous keeps its answers apart from its recipients: a
submitted `Response` names no recipient and no organisation, only the organisation's
sector and size class at the time (what results may be grouped by, in groups of at
least five); the recipient keeps only that they took part (to stop reminders). While a
respondent is still answering, what they entered waits on their recipient row
(`Recipient.draft`), so that they can leave and come back with their link; it is moved
into the anonymous response and erased from the recipient when they submit."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standort.core.history import Tracked
from standort.core.links import LinkState, PersonalLink
from standort.core.markup import TEXT_LIMIT
from standort.core.models import VersionedModel
from standort.core.tenancy import TenantManager
from standort.initiatives.models import Initiative, Organization, Person
from standort.initiatives.queries import office_contact

Sector = Organization.Sector
Size = Organization.Size


class Survey(VersionedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("in preparation")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=TEXT_LIMIT, blank=True)
    privacy_notice = models.TextField(
        _("privacy notice"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("Who processes the answers, what for, and how long they are kept."),
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "The answers are stored without any link to the firm that gave them; results "
            "by sector or size show groups of at least five firms only."
        ),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    closes_on = models.DateField(_("answers until"), null=True, blank=True)
    previous_wave = models.ForeignKey(
        "self",
        verbose_name=_("previous wave"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_waves",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = Tracked()

    objects = TenantManager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.state == self.State.OPEN

    @property
    def takes_no_answers(self):
        """Closed, or its last day of answers has passed."""
        if self.state == self.State.CLOSED:
            return True
        return self.closes_on is not None and self.closes_on < timezone.localdate()


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2_000, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    objects = TenantManager("survey__initiative")

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        SCALE = "scale", _("scale from 1 to 5")
        YES_NO = "yes_no", _("yes or no")
        NUMBER = "number", _("number")
        SHORT_TEXT = "short_text", _("short text")
        LONG_TEXT = "long_text", _("long text")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)
    choices = models.TextField(
        _("choices"),
        max_length=5_000,
        blank=True,
        help_text=_("One per line, for single and multiple choice."),
    )
    # For a scale: what its ends mean ("not at all", "fully").
    low_label = models.CharField(_("meaning of 1"), max_length=60, blank=True)
    high_label = models.CharField(_("meaning of 5"), max_length=60, blank=True)
    min_value = models.DecimalField(
        _("lowest number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Carried into the next wave with the question, so two waves can be compared.
    key = models.CharField(_("key"), max_length=40, editable=False)
    position = models.PositiveIntegerField(_("order"), default=0)

    objects = TenantManager("section__survey__initiative")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def options(self):
        """[(number, label)] of the answers one can choose (a number each, stored as
        the answer's `option`)."""
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE):
            lines = [line.strip() for line in self.choices.splitlines() if line.strip()]
            return list(enumerate(lines))
        if self.kind == self.Kind.SCALE:
            ends = {1: self.low_label, 5: self.high_label}
            return [(n, f"{n} – {ends[n]}" if ends.get(n) else str(n)) for n in range(1, 6)]
        if self.kind == self.Kind.YES_NO:
            return [(1, str(_("yes"))), (0, str(_("no")))]
        return []

    @property
    def is_choice(self):
        return self.kind in (
            self.Kind.SINGLE,
            self.Kind.MULTIPLE,
            self.Kind.SCALE,
            self.Kind.YES_NO,
        )

    @property
    def is_text(self):
        return self.kind in (self.Kind.SHORT_TEXT, self.Kind.LONG_TEXT)


CHOICE_KINDS = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.SCALE,
    Question.Kind.YES_NO,
)


class SurveyLink(PersonalLink):
    """What a survey's links share: they stop working when it closes, and say so."""

    class Meta:
        abstract = True

    def link_state(self, now=None):
        if self.survey.takes_no_answers:
            return LinkState.EXPIRED
        return super().link_state(now)

    def link_initiative(self):
        return self.survey.initiative

    def link_contact(self):
        return office_contact(self.survey.initiative_id)

    @property
    def link_note(self):
        """Why the link no longer works, where the general words would not say it."""
        if self.survey.takes_no_answers:
            return _("The survey “%(title)s” has ended; it takes no more answers.") % {
                "title": self.survey.title
            }
        return ""


class Recipient(SurveyLink):
    """A firm asked to answer, through its contact person's personal link: one answer
    per firm."""

    link_prefix = "u"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="recipients")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        Person, verbose_name=_("contact"), on_delete=models.SET_NULL, null=True, blank=True
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    # Whether the firm submitted its answers; of an anonymous survey nothing else.
    took_part = models.BooleanField(_("took part"), default=False)
    # What the respondent entered so far, by section: erased when they submit.
    draft = models.JSONField(default=dict, blank=True, editable=False)
    draft_section = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = TenantManager("survey__initiative")

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organization"], name="one_recipient_per_firm"
            )
        ]

    def __str__(self):
        return f"{self.survey}: {self.organization}"

    @property
    def link_used(self):
        return self.took_part


class OpenLink(SurveyLink):
    """A survey's open link, for firms without a personal one: each browser answers
    once; its answers name no recipient."""

    link_prefix = "o"

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="open_link")

    objects = TenantManager("survey__initiative")

    class Meta:
        verbose_name = _("open link")
        verbose_name_plural = _("open links")

    def __str__(self):
        return str(self.survey)


class OpenSubmission(models.Model):
    """That a browser's answers through the open link were stored: the random key its
    session drew when it began (and forgets once it submitted). The key is unique, so
    that a second request of the same session (a double click) stores nothing; it names
    no response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64, unique=True)

    objects = TenantManager("survey__initiative")

    class Meta:
        verbose_name = _("submission through the open link")
        verbose_name_plural = _("submissions through the open link")

    def __str__(self):
        return str(self.survey)


class Response(models.Model):
    """One submitted set of answers. Of an anonymous survey it names no recipient and
    no organisation; the sector and size class are copied from the firm at submission
    (or, through the open link, left empty)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    recipient = models.OneToOneField(
        Recipient, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    # The day only: a time would let one match an anonymous answer to a recipient.
    submitted_on = models.DateField(_("submitted on"))

    objects = TenantManager("survey__initiative")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "sector", "size"])]

    def __str__(self):
        return f"{self.survey}: {self.submitted_on:%d.%m.%Y}"


class Answer(models.Model):
    """One question's answer in a response: a chosen option (one row per option of a
    multiple choice), a number or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.SmallIntegerField(null=True, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(max_length=5_000, blank=True)

    objects = TenantManager("response__survey__initiative")

    class Meta:
        indexes = [models.Index(fields=["question", "option"])]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "option"], name="each_option_once"
            )
        ]

    def __str__(self):
        return f"{self.question}: {self.option if self.option is not None else self.number}"
