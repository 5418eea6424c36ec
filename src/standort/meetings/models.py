"""Meetings of an initiative's bodies: when and where, the agenda and whom they
invite; then the minutes per agenda item, the decisions and the action items."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from standort.core.history import Tracked
from standort.core.links import LinkState, PersonalLink
from standort.core.markup import MINUTES_LIMIT
from standort.core.models import VersionedModel
from standort.core.tenancy import TenantManager
from standort.initiatives.models import Body, Initiative, Person
from standort.initiatives.queries import office_contact
from standort.measures.models import Measure


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("draft")
    CIRCULATED = "circulated", _("circulated")
    APPROVED = "approved", _("approved")


class Meeting(VersionedModel):
    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        INVITED = "invited", _("invited")
        CANCELLED = "cancelled", _("cancelled")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="meetings")
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    # A public initiative's public record (its public pages, OParl, the API without a
    # token) holds the meetings marked public: their agenda, decisions and approved
    # minutes. Internal by default, as a working group's meetings are.
    is_public = models.BooleanField(
        _("public meeting"),
        default=False,
        db_default=False,
        help_text=_(
            "Its agenda, decisions and approved minutes appear on the public pages of a "
            "public initiative and in its open data (OParl)."
        ),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    # The iCalendar identity: the same UID with a higher SEQUENCE updates the entry in
    # the invitees' calendars, a CANCEL with it removes the entry.
    ical_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    minutes_state = models.CharField(
        _("minutes"), max_length=12, choices=MinutesState.choices, default=MinutesState.DRAFT
    )
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The calendar identity is machinery, not something a reader of the history needs.
    history = Tracked(excluded_fields=["ical_uid", "sequence"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["initiative", "starts_at"])]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    def get_absolute_url(self):
        return reverse("meeting_detail", args=[self.initiative.slug, self.pk])

    @property
    def is_cancelled(self):
        return self.state == self.State.CANCELLED


class AgendaItem(VersionedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presenter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    measures = models.ManyToManyField(
        Measure, verbose_name=_("measures"), blank=True, related_name="agenda_items"
    )
    minutes = models.TextField(
        _("minutes"),
        blank=True,
        max_length=MINUTES_LIMIT,
        help_text=_("Formatted text (Markdown): **bold**, - lists."),
    )

    history = Tracked()

    objects = TenantManager("meeting__initiative")

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "agenda_item_detail",
            args=[self.meeting.initiative.slug, self.meeting_id, self.pk],
        )


class Invitation(PersonalLink):
    """One person invited to one meeting, with their answer; the personal link lets
    them answer without signing in."""

    link_prefix = "m"

    class Response(models.TextChoices):
        NONE = "", _("no answer yet")
        YES = "yes", _("yes")
        NO = "no", _("no")
        MAYBE = "maybe", _("maybe")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    is_guest = models.BooleanField(_("guest"), default=False)
    response = models.CharField(
        _("answer"), max_length=5, choices=Response.choices, blank=True, default=""
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = TenantManager("meeting__initiative")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="unique_invitation")
        ]

    def __str__(self):
        return f"{self.meeting}: {self.person}"

    def link_state(self, now=None):
        if self.meeting.is_cancelled:
            return LinkState.EXPIRED
        return super().link_state(now)

    def link_initiative(self):
        return self.meeting.initiative

    def link_contact(self):
        return office_contact(self.meeting.initiative_id)


class Decision(models.Model):
    """A Beschluss taken under an agenda item; it may become a measure."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    votes_yes = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    # Existing measures this decision adopted (the measure records the decision too).
    adopted_measures = models.ManyToManyField(
        Measure, verbose_name=_("adopted measures"), blank=True, related_name="adopting_decisions"
    )

    history = Tracked()

    objects = TenantManager("agenda_item__meeting__initiative")

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["agenda_item__position", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def has_votes(self):
        return any(v is not None for v in (self.votes_yes, self.votes_no, self.votes_abstain))


class ActionItem(models.Model):
    """An Aufgabe from a meeting: what, who, by when."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="action_items"
    )
    what = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        Person, verbose_name=_("who"), on_delete=models.PROTECT, related_name="action_items"
    )
    due_on = models.DateField(_("by when"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    history = Tracked()

    objects = TenantManager("agenda_item__meeting__initiative")

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_at"])]

    def __str__(self):
        return self.what


class AgendaAttachment(models.Model):
    """A paper for an agenda item (Vorlage): a presentation, a draft."""

    history_subject = "name"

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="meetings/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = Tracked(excluded_fields=["file", "uploaded_by", "uploaded_at"])

    objects = TenantManager("agenda_item__meeting__initiative")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class CalendarFeed(PersonalLink):
    """A user's personal calendar subscription: all meetings of their bodies. The
    link does not expire; the user revokes it or replaces it with a new one."""

    link_prefix = "c"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    def link_state(self, now=None):
        # The feed dies with the account: a deactivated user's link says so politely.
        if not self.user.is_active:
            return LinkState.REVOKED
        return super().link_state(now)
