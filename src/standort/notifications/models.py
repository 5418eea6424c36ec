"""What a user follows, what they are told about, and how they want to hear of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from standort.dialog.models import Idea
from standort.initiatives.models import Body, Initiative
from standort.measures.models import Measure

from . import messages


class Kind(models.TextChoices):
    INVITATION = "invitation", _("Invitations to meetings")
    COMMENT = "comment", _("New comments on what I follow")
    MENTION = "mention", _("Mentions of me")
    STATUS = "status", _("Status changes and status updates of what I follow")


class Choice(models.TextChoices):
    IMMEDIATE = "immediate", _("immediately by e-mail")
    DAILY = "daily", _("in a daily digest")
    NEVER = "never", _("no e-mail, only here")


# Without a stored preference: what concerns the person directly comes at once.
DEFAULT_CHOICES = {
    Kind.INVITATION: Choice.IMMEDIATE,
    Kind.MENTION: Choice.IMMEDIATE,
    Kind.COMMENT: Choice.DAILY,
    Kind.STATUS: Choice.DAILY,
}


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    choice = models.CharField(_("e-mail"), max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.choice}"


class Follow(models.Model):
    """A user's own choice about one measure, body or idea: `following=True` follows it,
    `following=False` unfollows it although they would follow it automatically (as its
    owner, partner, member, author or commenter).

    One nullable foreign key per kind of target rather than a generic relation: the
    database keeps the references intact, deletes cascade, and the automatic
    followers join without content types."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    following = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(measure__isnull=False, body__isnull=True, idea__isnull=True)
                | Q(measure__isnull=True, body__isnull=False, idea__isnull=True)
                | Q(measure__isnull=True, body__isnull=True, idea__isnull=False),
                name="follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "measure"],
                condition=Q(measure__isnull=False),
                name="unique_follow_measure",
            ),
            models.UniqueConstraint(
                fields=["user", "body"],
                condition=Q(body__isnull=False),
                name="unique_follow_body",
            ),
            models.UniqueConstraint(
                fields=["user", "idea"],
                condition=Q(idea__isnull=False),
                name="unique_follow_idea",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.target}"

    @property
    def target(self):
        return self.measure or self.body or self.idea


class Notification(models.Model):
    """One thing one user is told about. It stores a message of `messages` and its
    values, and says it in the language of whoever reads it; `delivery` is the
    recipient's choice for its kind at that moment, and `mailed_at` is set once a mail
    (its own or the daily digest) is queued for it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.CharField(_("message"), max_length=40)
    params = models.JSONField(_("values"), default=dict, blank=True)
    url = models.CharField(max_length=500)
    # What happened ("comment:17"): one notification per recipient and event, so a
    # listener that runs twice tells nobody twice.
    event = models.CharField(max_length=100)
    delivery = models.CharField(max_length=10, choices=Choice.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event"], name="unique_notification")
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
            # The header's counter.
            models.Index(
                fields=["recipient"], condition=Q(read_at=None), name="notification_unread"
            ),
            # The digest's work list.
            models.Index(
                fields=["recipient"],
                condition=Q(delivery="daily", mailed_at=None),
                name="notification_digest",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self):
        """What it says, in the active language."""
        return messages.render(self.message, self.params)

    @property
    def html(self):
        """What it says, for a page: what users typed marked with its language."""
        return messages.render_html(self.message, self.params)

    @property
    def is_unread(self):
        return self.read_at is None
