import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standort.core.history import Tracked
from standort.core.tenancy import TenantManager
from standort.initiatives.models import Initiative

# What a token looks like: a fixed prefix (so a secret scanner or a reader of a log
# recognises it), the part shown in lists to tell tokens apart, and the rest.
TOKEN_PREFIX = "std_"
SHOWN_LENGTH = 8


def default_expiry():
    """A new token is valid for a quarter of a year, unless its owner chooses."""
    return timezone.localdate() + datetime.timedelta(days=90)


class ApiToken(models.Model):
    """A personal key to the JSON API: it acts as its user, in one initiative, for
    reading or also for writing, until it expires or is revoked. Only a hash of it is
    stored; its owner sees the token once, when it is made."""

    class Scope(models.TextChoices):
        READ = "read", _("read")
        READ_WRITE = "read-write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What you use it for, e.g. “Projektliste IHK”.")
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    shown = models.CharField(max_length=SHOWN_LENGTH, editable=False)
    # SHA-256 of the whole token: a token is 256 random bits, so a fast hash is as
    # safe as a slow one, and the lookup by it needs no second secret.
    digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_on = models.DateField(_("valid until"), default=default_expiry)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    history = Tracked(excluded_fields=["last_used_at"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name

    @property
    def label(self):
        """How lists name the token without revealing it."""
        return f"{TOKEN_PREFIX}{self.shown}…"

    def is_expired(self, today=None):
        return (today or timezone.localdate()) > self.expires_on

    @property
    def is_active(self):
        return self.revoked_at is None and not self.is_expired()

    @property
    def may_write(self):
        return self.scope == self.Scope.READ_WRITE
