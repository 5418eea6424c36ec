"""The outbox: mails are queued in the database and handed to the mail server by
the task worker.

* Queuing is part of the caller's transaction: a rolled-back change sends nothing.
* A key per purpose ("review-reminder:17:before") makes queuing idempotent, so a
  task that runs twice, or a worker that crashes and retries, never queues a mail
  twice (for the rare mail sent twice, see the Message-ID below).
* A mail server that cannot be reached delays mails: they stay queued with a later
  attempt time and the delivery task schedules itself again.
* A worker holds the mails it sends by a claim for CLAIM_SECONDS; the delivery task
  claims with its own id. A worker killed while sending leaves its claim behind: the
  delivery task it left RUNNING is run again (core.worker, at the next worker's start
  or in the periodic sweep) and takes over its claims at once; other claims that run
  out are found by the sweep (core.scheduling.sweep, every few minutes), which queues
  a delivery, so mails never wait for an unrelated mail to be queued.
* Sending again after an unknown outcome is harmless for the recipient. A worker can
  die after the mail server accepted a mail and before the row records it; the mail
  is then sent a second time when the claim runs out. Every mail carries the
  Message-ID fixed on its row when it was queued, the same with every attempt, so
  mail clients and servers that fold duplicates by Message-ID show it once (and
  anyone reading both sees that they are the same mail). Exactly-once delivery is
  impossible over SMTP; at-least-once with a stable Message-ID is what we promise.
"""

import logging
import smtplib
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.core.mail import make_msgid
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
SUBJECT_LENGTH = OutgoingMail._meta.get_field("subject").max_length
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


def new_message_id():
    """A Message-ID in the site's domain, such as
    "<176…@standort.example.org>"."""
    return make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "localhost")


def queue(mails):
    """Queues OutgoingMail objects (unsaved) and starts delivery after the commit.
    Mails whose key is queued already are left as they are."""
    now = timezone.now()
    for outgoing in mails:
        # A subject made of what users typed (a title) on one line and within the
        # column: a line break in a header would fail the mail at every attempt.
        outgoing.subject = " ".join(outgoing.subject.split())[:SUBJECT_LENGTH]
        if outgoing.send_after is None:
            outgoing.send_after = now
        if not outgoing.message_id:
            outgoing.message_id = new_message_id()
    OutgoingMail.objects.bulk_create(mails, ignore_conflicts=True, batch_size=500)
    transaction.on_commit(lambda: deliver_mail.enqueue())


def schedule(task_object, when, **kwargs):
    """Enqueues a task to run at `when`. A backend that cannot defer (the in-process
    one of the tests) is skipped: those tests call the task themselves."""
    if not default_task_backend.supports_defer:
        return None
    return task_object.using(run_after=when).enqueue(**kwargs)


def waiting(now=None):
    """Mails due now that no worker holds: never claimed, or whose claim ran out."""
    now = now or timezone.now()
    return OutgoingMail.objects.filter(sent_at=None, failed_at=None, send_after__lte=now).filter(
        Q(claimed_until=None) | Q(claimed_until__lt=now)
    )


def _claim(claim):
    """Claims a batch of waiting mails, and the mails `claim` holds already: a run of
    the delivery task that is rerun after its worker died takes over its own claims
    at once instead of waiting for them to run out."""
    now = timezone.now()
    ids = list(
        (waiting(now) | OutgoingMail.objects.filter(sent_at=None, failed_at=None, claim=claim))
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    if not ids:
        return []
    # The same condition again in the UPDATE: of two workers only one gets a row.
    OutgoingMail.objects.filter(pk__in=ids).filter(
        Q(claimed_until=None) | Q(claimed_until__lt=now) | Q(claim=claim)
    ).update(claim=claim, claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    return list(OutgoingMail.objects.filter(claim=claim).order_by("pk"))


def deliver_due(now=None, claim=None):
    """Sends every due mail; returns (sent, left). `left` counts mails that failed
    for a passing reason (the server is away) and wait for a later attempt. `claim`
    (32 characters) marks the mails while they are sent; the task passes its id."""
    now = now or timezone.now()
    claim = claim or uuid.uuid4().hex
    sent = left = 0
    while batch := _claim(claim):
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
    if not outgoing.message_id:
        # Queued before mails had one, or written without queue(): fixed before the
        # first attempt, so every later attempt carries the same.
        outgoing.message_id = new_message_id()
        outgoing.save(update_fields=["message_id"])
    message = mail.EmailMessage(
        outgoing.subject,
        links.fill_links(outgoing.body),
        to=[outgoing.to],
        reply_to=[outgoing.reply_to] if outgoing.reply_to else None,
        connection=connection,
        headers={"Message-ID": outgoing.message_id},
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


@task(takes_context=True)
def deliver_mail(context):
    # The task's id is the claim: the same run, queued again (core.worker), resumes.
    sent, left = deliver_due(claim=str(context.task_result.id).replace("-", "")[:32])
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
