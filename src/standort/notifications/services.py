"""Writes of the notifications: following, preferences, telling users what happened,
and the daily digest.

Mails go through the outbox (`standort.core.mail`) in the caller's transaction: a
notification and its mail are stored together or not at all, and the outbox's unique
key per mail lets a retry send nothing twice."""

import uuid
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import ngettext

from standort.core import mail
from standort.core.models import OutgoingMail

from . import messages, queries
from .models import Choice, Follow, Kind, Notification, Preference
from .queries import followers, target_field

__all__ = [
    "follow",
    "followers",
    "mark_all_read",
    "mark_read",
    "notify",
    "preferences_save",
    "send_digest",
    "unfollow",
    "wants_immediate_mail",
]

# Users per transaction of the digest: small enough for short locks and SQLite's
# limit on query parameters, large enough that 10,000 users take a few dozen queries.
DIGEST_CHUNK = 500


# Following -------------------------------------------------------------------------


@transaction.atomic
def follow(user, obj):
    """`user` follows the measure, body or idea `obj` (again, after an unfollow)."""
    Follow.objects.update_or_create(
        user=user, **{target_field(obj): obj}, defaults={"following": True}
    )


@transaction.atomic
def unfollow(user, obj):
    """`user` no longer follows `obj`, also where they followed it automatically; an
    explicit follow of something they would not follow anyway is simply removed, so
    becoming its owner or member later makes them follow it again."""
    field = target_field(obj)
    Follow.objects.filter(user=user, **{field: obj}).delete()
    if queries.follows_automatically(user, obj):
        Follow.objects.create(user=user, following=False, **{field: obj})


# Preferences -----------------------------------------------------------------------


def _ids(users):
    if isinstance(users, QuerySet):
        return users.values("pk")
    return [getattr(user, "pk", user) for user in users]


def wants_immediate_mail(users, kind):
    """The ids of those `users` (users or ids) who want a mail about `kind` at once.
    (Persons without an account are not asked: they always get their mail.)"""
    return {
        pk
        for pk, choice in queries.choices_of(_ids(users), kind).items()
        if choice == Choice.IMMEDIATE
    }


@transaction.atomic
def preferences_save(*, user, choices):
    """`choices`: {kind: choice}; a choice equal to the default is stored as well, so
    a later change of the defaults does not change what the user chose."""
    for kind, choice in choices.items():
        Preference.objects.update_or_create(
            user=user, kind=Kind(kind), defaults={"choice": Choice(choice)}
        )


# Notifying -------------------------------------------------------------------------


@transaction.atomic
def notify(*, kind, users, initiative, actor, message, params, url, event="", mail=True):
    """Tells `users` (users, ids or a queryset of users) what `actor` did, never the
    actor themself: the message `message` of `messages` with the values `params`
    (which JSON can hold), said in each reader's language; `url` the target's path.

    `event` names what happened ("comment:17"): a user is told about an event once,
    however often it is reported. A mention replaces the comment notification of the
    same event that has not been mailed yet. With `mail=False` the caller sends the
    immediate mail itself (the meetings' invitation with its calendar file); daily
    notifications still go into the digest.

    Returns the ids of the users told."""
    kind = Kind(kind)
    if message not in messages.MESSAGES:
        raise ValueError(f"unknown message {message!r}")
    event = event or f"{kind}:{uuid.uuid4().hex}"
    actor_id = getattr(actor, "pk", None)
    User = get_user_model()
    recipients = list(
        User.objects.filter(pk__in=_ids(users), is_active=True)
        .exclude(pk=actor_id)
        .values_list("pk", flat=True)
    )
    if not recipients:
        return set()
    choices = queries.choices_of(recipients, kind)
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=pk,
                initiative=initiative,
                kind=kind,
                actor_id=actor_id,
                message=message,
                params=params,
                url=url,
                event=event,
                delivery=choices[pk],
            )
            for pk in recipients
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    if kind == Kind.MENTION:
        _upgrade_to_mention(event, recipients, choices, message, params)
    _mail_immediately(
        event, kind, [pk for pk in recipients if choices[pk] == Choice.IMMEDIATE], mail
    )
    return set(recipients)


def _upgrade_to_mention(event, recipients, choices, message, params):
    """Whoever was told about a comment before its mentions were known hears of it as
    a mention (unless the comment's own mail has gone out already)."""
    pending = Notification.objects.filter(
        event=event, kind=Kind.COMMENT, mailed_at=None, recipient__in=recipients
    )
    for choice in {choices[pk] for pk in recipients}:
        pending.filter(recipient__in=[pk for pk in recipients if choices[pk] == choice]).update(
            kind=Kind.MENTION, delivery=choice, message=message, params=params
        )


def _mail_immediately(event, kind, pks, send):
    if not pks:
        return
    due = Notification.objects.filter(
        event=event, kind=kind, recipient__in=pks, delivery=Choice.IMMEDIATE, mailed_at=None
    )
    if send:
        template = get_template("notifications/mail/notification.txt")
        outgoing = []
        for notification in due.select_related("recipient", "initiative"):
            recipient = notification.recipient
            with translation.override(recipient.language):
                body = template.render(
                    {"notification": notification, "recipient": recipient, **_links()}
                )
                subject = f"{notification.initiative.name}: {notification.text}"[:300]
            outgoing.append(
                OutgoingMail(
                    key=f"notification:{notification.pk}",
                    to=recipient.email,
                    subject=subject,
                    body=body,
                )
            )
        mail.queue(outgoing)
    due.update(mailed_at=timezone.now())


def _links():
    return {
        "site_url": settings.SITE_URL,
        "settings_url": f"{settings.SITE_URL}/accounts/notifications/settings/",
    }


# Reading ---------------------------------------------------------------------------


def mark_read(*, user, notification):
    if notification.recipient_id != user.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, user):
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())


# The daily digest ------------------------------------------------------------------


def send_digest(now=None, chunk=DIGEST_CHUNK):
    """One mail per user with daily notifications not mailed yet, listing them by
    initiative. Each chunk of users is one transaction that queues their mails and
    marks what they list: a crash loses nothing, and a second run on the same day
    sends nothing twice (a user who has had today's digest keeps what came since for
    tomorrow's). Returns the number of mails queued."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    pending = list(
        Notification.objects.filter(delivery=Choice.DAILY, mailed_at=None)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    template = get_template("notifications/mail/digest.txt")
    queued = 0
    for start in range(0, len(pending), chunk):
        queued += _digest_chunk(pending[start : start + chunk], day, now, template)
    return queued


@transaction.atomic
def _digest_chunk(user_ids, day, now, template):
    User = get_user_model()
    keys = {pk: f"digest:{pk}:{day.isoformat()}" for pk in user_ids}
    done = set(OutgoingMail.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    users = {
        user.pk: user
        for user in User.objects.filter(pk__in=user_ids).only(
            "pk", "email", "language", "first_name", "last_name", "is_active"
        )
    }
    rows = (
        Notification.objects.filter(
            recipient_id__in=[pk for pk in user_ids if keys[pk] not in done],
            delivery=Choice.DAILY,
            mailed_at=None,
        )
        .select_related("initiative")
        .only("pk", "recipient_id", "message", "params", "url", "created_at", "initiative__name")
        .order_by("recipient_id", "initiative__name", "initiative_id", "created_at", "pk")
    )
    outgoing, listed = [], []
    links = _links()
    for user_id, notifications in groupby(rows, key=lambda n: n.recipient_id):
        notifications = list(notifications)
        listed += [n.pk for n in notifications]
        user = users[user_id]
        if not user.is_active or not user.email:
            continue
        groups = [
            (initiative, list(items))
            for initiative, items in groupby(notifications, key=lambda n: n.initiative)
        ]
        with translation.override(user.language):
            body = template.render(
                {"recipient": user, "groups": groups, "count": len(notifications), **links}
            )
            subject = str(_digest_subject(len(notifications)))
        outgoing.append(OutgoingMail(key=keys[user_id], to=user.email, subject=subject, body=body))
    if outgoing:
        mail.queue(outgoing)
    for start in range(0, len(listed), 5000):
        Notification.objects.filter(pk__in=listed[start : start + 5000]).update(mailed_at=now)
    return len(outgoing)


def _digest_subject(count):
    return ngettext(
        "Your daily summary: %(count)s new notification",
        "Your daily summary: %(count)s new notifications",
        count,
    ) % {"count": count}
