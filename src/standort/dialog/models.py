"""The dialogue of an initiative: ideas of a working group, and comments on a measure,
an agenda item or an idea, with replies one level deep."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from standort.core.history import Tracked
from standort.core.markup import TEXT_LIMIT
from standort.core.models import VersionedModel
from standort.core.tenancy import TenantManager
from standort.initiatives.models import Body, Initiative
from standort.measures.models import Measure
from standort.meetings.models import AgendaItem

# How long the author may still correct what they wrote.
EDIT_WINDOW = datetime.timedelta(minutes=15)

TEXT_HELP = _("Formatted text (Markdown): **bold**, - lists. Mention someone with @First Last.")


class Idea(VersionedModel):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="ideas")
    body = models.ForeignKey(
        Body, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="ideas"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=TEXT_LIMIT, help_text=TEXT_HELP)
    # [[person id, the name as written], …]: whom the text mentions (see mentions.py).
    mentions = models.JSONField(default=list, editable=False)
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="ideas",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True, editable=False)

    history = Tracked(excluded_fields=["mentions"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["body", "created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("idea_detail", args=[self.initiative.slug, self.pk])


class Support(models.Model):
    """A person backs an idea ("Unterstützen"): once per user, never their own."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantManager("idea__initiative")

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="unique_idea_support")]

    def __str__(self):
        return f"{self.user} → {self.idea}"


class Comment(models.Model):
    """A comment on exactly one of a measure, an agenda item or an idea. A reply hangs
    on a top-level comment of the same target; replies are not answered in turn."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="comments")
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=TEXT_LIMIT, help_text=TEXT_HELP)
    mentions = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    history = Tracked(excluded_fields=["mentions"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(measure__isnull=False, agenda_item__isnull=True, idea__isnull=True)
                    | Q(measure__isnull=True, agenda_item__isnull=False, idea__isnull=True)
                    | Q(measure__isnull=True, agenda_item__isnull=True, idea__isnull=False)
                ),
                name="comment_has_exactly_one_target",
            )
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        """Where the comment is read: on its measure's page, its agenda item's or its
        idea's, at the comment itself (or at the comments, once it is deleted)."""
        anchor = f"#comment-{self.pk}" if self.pk and not self.deleted_at else "#comments"
        slug = self.initiative.slug
        if self.measure_id:
            return reverse("measure_detail", args=[slug, self.measure.number]) + anchor
        if self.agenda_item_id:
            return self.agenda_item.get_absolute_url() + anchor
        return reverse("idea_detail", args=[slug, self.idea_id]) + anchor

    @property
    def is_hidden(self):
        return self.hidden_at is not None
