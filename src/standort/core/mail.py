"""The outbox: mails are queued in the database and handed to the mail server by
the task worker.

* Queuing is part of the caller's transaction: a rolled-back change sends nothing.
* A key per purpose ("review-reminder:17:before") makes queuing idempotent, so a
  task that runs twice, or a worker that crashes and retries, never sends twice.
* A mail server that cannot be reached delays mails: they stay queued with a later
  attempt time and the delivery task schedules itself again.
"""

import logging
import smtplib
import uuid
from datetime import timedelta

from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django_tasks import default_task_backend, task

from . import links
from .models import OutgoingMail

log = logging.getLogger("standort.mail")

# Sent with the mail's key when the server refuses its address for good.
mail_refused = Signal()

CLAIM_SECONDS = 15 * 60
# Small enough that a batch is sent long before its claim runs out.
BATCH = 50


# Whether a user wants a mail of some kind at once, rather than in a digest or not at
# all, is the notifications' business; that app stands above every app that sends
# mail, so it registers its answer here instead of being imported by them.
_immediate_mail_choice = None


def register_immediate_mail_choice(choose):
    """`choose(user_ids, kind)` returns the ids of those who want a mail about `kind`
    at once."""
    global _immediate_mail_choice
    _immediate_mail_choice = choose


def wants_immediate_mail(user_ids, kind):
    """The ids among `user_ids` who want a mail about `kind` (a notification kind such
    as "invitation") at once; everyone, where nobody registered a choice."""
    user_ids = set(user_ids)
    if _immediate_mail_choice is None or not user_ids:
        return user_ids
    return _immediate_mail_choice(user_ids, kind)


def retry_delay(attempts):
    """1, 2, 4 … minutes, at most six hours, between attempts."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def queue(mails):
    """Queues OutgoingMail objects (unsaved) and starts delivery after the commit.
    Mails whose key is queued already are left as they are."""
    now = timezone.now()
    for outgoing in mails:
        if outgoing.send_after is None:
            outgoing.send_after = now
    OutgoingMail.objects.bulk_create(mails, ignore_conflicts=True, batch_size=500)
    transaction.on_commit(lambda: deliver_mail.enqueue())


def schedule(task_object, when, **kwargs):
    """Enqueues a task to run at `when`. A backend that cannot defer (the in-process
    one of the tests) is skipped: those tests call the task themselves."""
    if not default_task_backend.supports_defer:
        return None
    return task_object.using(run_after=when).enqueue(**kwargs)


def _claim():
    now = timezone.now()
    claim = uuid.uuid4().hex
    due = (
        OutgoingMail.objects.filter(sent_at=None, failed_at=None, send_after__lte=now)
        .filter(Q(claimed_until=None) | Q(claimed_until__lt=now))
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    ids = list(due)
    if not ids:
        return []
    # The same condition again in the UPDATE: of two workers only one gets a row.
    OutgoingMail.objects.filter(pk__in=ids).filter(
        Q(claimed_until=None) | Q(claimed_until__lt=now)
    ).update(claim=claim, claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    return list(OutgoingMail.objects.filter(claim=claim).order_by("pk"))


def deliver_due(now=None):
    """Sends every due mail; returns (sent, left). `left` counts mails that failed
    for a passing reason (the server is away) and wait for a later attempt."""
    now = now or timezone.now()
    sent = left = 0
    while batch := _claim():
        connection = mail.get_connection()
        try:
            connection.open()
        except Exception as error:  # noqa: BLE001 – whatever it is, the mails wait
            _postpone(batch, error, now)
            return sent, left + len(batch)
        try:
            for position, outgoing in enumerate(batch):
                result = _send(outgoing, connection, now)
                if result == "later":
                    # The server is away: the rest of the batch waits as well.
                    _postpone(batch[position + 1 :], None, now)
                    return sent, left + len(batch) - position
                sent += result == "sent"
        finally:
            connection.close()
    return sent, left


def _postpone(batch, error, now):
    for outgoing in batch:
        if error is not None:
            outgoing.attempts += 1
            outgoing.last_error = str(error)[:2000] or type(error).__name__
        outgoing.send_after = now + retry_delay(max(outgoing.attempts, 1))
        outgoing.claim = ""
        outgoing.claimed_until = None
    if error is not None:
        log.warning("Mail server unavailable, %s mails wait: %s", len(batch), error)
    OutgoingMail.objects.bulk_update(
        batch, ["attempts", "last_error", "send_after", "claim", "claimed_until"]
    )


def _send(outgoing, connection, now):
    message = mail.EmailMessage(
        outgoing.subject, links.fill_links(outgoing.body), to=[outgoing.to], connection=connection
    )
    if outgoing.calendar:
        # Calendar apps read the METHOD from the part's content type as well.
        message.attach(
            "einladung.ics",
            outgoing.calendar,
            f"text/calendar; charset=utf-8; method={outgoing.calendar_method or 'PUBLISH'}",
        )
    outgoing.attempts += 1
    try:
        message.send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
        if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code < 500:
            return _later(outgoing, error, now)
        # Refused for good (5xx): sending again would not help.
        outgoing.failed_at = timezone.now()
        outgoing.last_error = str(error)[:2000]
        result = "refused"
    except Exception as error:  # noqa: BLE001 – any other failure keeps the mail queued
        return _later(outgoing, error, now)
    else:
        outgoing.sent_at = timezone.now()
        outgoing.last_error = ""
        result = "sent"
    outgoing.claim = ""
    outgoing.claimed_until = None
    outgoing.save(
        update_fields=[
            "attempts",
            "sent_at",
            "failed_at",
            "last_error",
            "send_after",
            "claim",
            "claimed_until",
        ]
    )
    if result == "refused":
        mail_refused.send(sender=OutgoingMail, key=outgoing.key, error=outgoing.last_error)
    return result


def _later(outgoing, error, now):
    log.warning("Mail %s not sent (attempt %s): %s", outgoing.key, outgoing.attempts, error)
    outgoing.last_error = str(error)[:2000] or type(error).__name__
    _postpone([outgoing], None, now)
    return "later"


@task()
def deliver_mail():
    sent, left = deliver_due()
    if left:
        retry_at = (
            OutgoingMail.objects.filter(sent_at=None, failed_at=None)
            .order_by("send_after")
            .values_list("send_after", flat=True)
            .first()
        )
        if retry_at:
            schedule(deliver_mail, retry_at)
    return {"sent": sent, "left": left}
