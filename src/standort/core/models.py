from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    """A row that detects concurrent edits: every save through
    `standort.core.concurrency.save_versioned` raises the version by one."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class OutgoingMail(models.Model):
    """A mail on its way out (an outbox). It is written in the same transaction as what
    caused it and sent by the task worker, so a crash loses nothing; `key` says what
    the mail is for, and queuing the same key twice sends once."""

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    # Whom the recipient's "Reply" answers, where not the sender (a visitor who wrote
    # through a contact form).
    reply_to = models.EmailField(blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    # An iCalendar file sent along (an invitation, its update or cancellation), and the
    # METHOD it carries ("REQUEST", "CANCEL"); empty for a plain mail.
    calendar = models.TextField(blank=True)
    calendar_method = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    send_after = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    # The server refused the address: sending again would not help.
    failed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # A worker holds the mail while it sends it; a crashed worker's claim runs out.
    claim = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    # Fixed when the mail is queued and sent with every attempt: a mail sent again
    # after an unknown outcome carries the same Message-ID (see core.mail).
    message_id = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["sent_at", "failed_at", "send_after"])]

    def __str__(self):
        return f"{self.to}: {self.subject}"
