"""Status reviews (Sachstandsabfragen): the office asks every owner for the state of
their measures, reminds the late ones, accepts the answers and reports the whole."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standort.core.history import Tracked
from standort.core.links import LinkState, PersonalLink
from standort.core.models import VersionedModel
from standort.core.tenancy import TenantManager
from standort.initiatives.models import Initiative, Person
from standort.initiatives.queries import office_contact
from standort.measures.models import Measure, Snapshot, StatusUpdate


class ReviewCycle(VersionedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        RUNNING = "running", _("running")
        CLOSED = "closed", _("closed")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="review_cycles"
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("e.g. “Sachstandsabfrage Frühjahr 2018”")
    )
    deadline = models.DateField(_("deadline"))
    message = models.TextField(
        _("message to the owners"),
        blank=True,
        help_text=_("Appears in the e-mail above the list of measures."),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period in days"),
        default=14,
        validators=[MaxValueValidator(90)],
        help_text=_("The personal links keep working this many days after the deadline."),
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("reminder before the deadline, in days"),
        default=3,
        validators=[MaxValueValidator(60)],
        help_text=_("0: no reminder before the deadline. A second one goes out the day after."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Its measures as they stood when it closed: what its reports show, ever after.
    snapshot = models.OneToOneField(
        Snapshot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="review",
    )

    history = Tracked(excluded_fields=["snapshot"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("status review")
        verbose_name_plural = _("status reviews")
        ordering = ["-deadline", "-pk"]
        indexes = [models.Index(fields=["initiative", "state", "deadline"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("review_detail", args=[self.initiative.slug, self.pk])

    @property
    def links_last_day(self):
        return self.deadline + datetime.timedelta(days=self.grace_days)

    @property
    def links_expire_at(self):
        """The end of the last day of the grace period, in the initiative's time zone."""
        return timezone.make_aware(
            datetime.datetime.combine(
                self.links_last_day + datetime.timedelta(days=1), datetime.time()
            )
        )

    @property
    def is_draft(self):
        return self.state == self.State.DRAFT

    @property
    def is_running(self):
        return self.state == self.State.RUNNING

    @property
    def is_closed(self):
        return self.state == self.State.CLOSED


class ReviewRequest(PersonalLink):
    """One owner in one review: their personal link and what became of the mail."""

    link_prefix = "r"

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="requests")
    person = models.ForeignKey(
        Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="review_requests"
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("undeliverable since"), null=True, blank=True)
    bounce_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = TenantManager("cycle__initiative")

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="unique_review_request")
        ]

    def __str__(self):
        return f"{self.cycle}: {self.person}"

    @property
    def link_used(self):
        # Everything is answered: the link has done its job.
        return self.submitted_at is not None

    def link_state(self, now=None):
        if self.cycle.is_closed:
            return LinkState.EXPIRED
        return super().link_state(now)

    def link_initiative(self):
        return self.cycle.initiative

    def link_contact(self):
        return office_contact(self.cycle.initiative_id)


class ReviewAnswer(VersionedModel):
    """The owner's answer for one measure in one review: where it stands (open, draft,
    submitted, returned with a question, accepted) and who did what when. What the
    owner reports is not here but in `status_update`, the one record of it: a draft
    status update of the measure from the first save, the measure's accepted one once
    the office accepts the answer."""

    class State(models.TextChoices):
        OPEN = "open", _("not started")
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned with a question")
        ACCEPTED = "accepted", _("accepted")

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="answers")
    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="answers")
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="review_answers"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    # Makes the measure done when the answer is accepted.
    completed = models.BooleanField(_("The measure is completed"), default=False)
    # {"<milestone id>": {"due_on": "2018-05-31", "completed_on": null}}: applied to the
    # milestones when the answer is accepted.
    milestone_dates = models.JSONField(default=dict, blank=True)
    question = models.TextField(_("question of the office"), blank=True)
    # Set when the office typed the answer for the owner (e.g. from a phone call).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered on the owner's behalf by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the owner reports (REPORTED): empty until they first save.
    status_update = models.OneToOneField(
        StatusUpdate, on_delete=models.SET_NULL, null=True, blank=True, related_name="answer"
    )

    history = Tracked()

    objects = TenantManager("cycle__initiative")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["measure__number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "measure"], name="unique_review_answer")
        ]
        indexes = [models.Index(fields=["cycle", "state"])]

    def __str__(self):
        return f"{self.cycle}: {self.measure}"

    @property
    def reported_progress(self):
        """The progress the answer reports: a completed measure is at 100 %. Reads its
        status update: select it along where answers are listed."""
        if self.completed:
            return 100
        report = self.status_update
        return (report.progress if report is not None else None) or 0

    @property
    def counts(self):
        """Whether what the owner wrote counts as their report: closing a review
        accepts the submitted answers; a submitted one counts should the office not
        have accepted it yet."""
        return self.state in COUNTED_ANSWERS

    @property
    def is_editable_by_owner(self):
        return self.state in (self.State.OPEN, self.State.DRAFT, self.State.RETURNED)


COUNTED_ANSWERS = (ReviewAnswer.State.ACCEPTED, ReviewAnswer.State.SUBMITTED)

# The fields of a status update the owner fills in through their answer.
REPORTED = ("traffic_light", "progress", "achieved", "next_steps", "support_needed")
