"""The daily digest of notifications timed in-process (see README.md): 10,000 users,
each with a few daily notifications not mailed yet, get their digest mails queued by
`send_daily_digest` (rendering, outbox rows, marks). Everything happens inside a
transaction that is rolled back, so `--no-generate` measures the same installation
again."""

import time

from standort.core.tenancy import across_initiatives

DIGEST_USERS = 10_000
PER_USER = 3
DIGEST_TARGET_S = 60
MESSAGES = [
    ("comment_on_measure", {"who": "Anna Albers", "title": "Gewerbeflächen an der Ruhr"}),
    ("measure_status", {"title": "Breitband für Gewerbegebiete", "status": "in_progress"}),
    (
        "status_update",
        {"title": "Gründungslotsen im Rathaus", "light": "green", "progress": 40},
    ),
]


@across_initiatives()
def pending_digests(initiative, users=DIGEST_USERS, per_user=PER_USER):
    """Creates `users` accounts (no usable password; every fourth reads English) with
    `per_user` daily notifications each. Returns the number of notifications."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from standort.notifications.models import Choice, Kind, Notification

    User = get_user_model()
    password = make_password(None)
    accounts = User.objects.bulk_create(
        [
            User(
                email=f"digest-{n}@example.org",
                first_name="Leserin",
                last_name=f"Nr. {n}",
                password=password,
                language="en" if n % 4 == 0 else "de",
            )
            for n in range(users)
        ],
        batch_size=1_000,
    )
    if accounts[0].pk is None:  # a backend that does not return ids
        accounts = list(User.objects.filter(email__startswith="digest-").order_by("pk"))
    rows = [
        Notification(
            recipient=user,
            initiative=initiative,
            kind=Kind.COMMENT if k % 2 == 0 else Kind.STATUS,
            message=MESSAGES[k % len(MESSAGES)][0],
            params={"number": n % 500 + 1, **MESSAGES[k % len(MESSAGES)][1]},
            url=f"/{initiative.slug}/measures/{n % 500 + 1}/",
            event=f"bench:{n}:{k}",
            delivery=Choice.DAILY,
        )
        for n, user in enumerate(accounts)
        for k in range(per_user)
    ]
    Notification.objects.bulk_create(rows, batch_size=2_000)
    return len(rows)


@across_initiatives()
def time_send(installation, users=DIGEST_USERS, per_user=PER_USER):
    """Returns (seconds of send_daily_digest, users, notifications, mails queued)."""
    from django.db import transaction

    from standort.core.models import OutgoingMail
    from standort.notifications.models import Notification
    from standort.notifications.tasks import send_daily_digest

    with transaction.atomic():
        notifications = pending_digests(installation.bench, users, per_user)
        before = OutgoingMail.objects.count()
        start = time.perf_counter()
        send_daily_digest.call()
        seconds = time.perf_counter() - start
        mails = OutgoingMail.objects.count() - before
        left = Notification.objects.filter(delivery="daily", mailed_at=None).count()
        transaction.set_rollback(True)
    if left:
        mails = -left  # a sign that not everything was digested
    return seconds, users, notifications, mails


@across_initiatives()
def time_digest(installation, users=DIGEST_USERS):
    """The timing as report lines, and what missed its target."""
    seconds, users, notifications, mails = time_send(installation, users)
    print(f"  digest: {notifications} notifications of {users} users, {mails} mails", flush=True)
    name = f"daily digest of {notifications} notifications for {users} users"
    lines = [
        "| notifications (in-process) | seconds | target | verdict |",
        "|---|---:|---:|---|",
    ]
    missed = []
    verdict = "OK" if seconds < DIGEST_TARGET_S else "MISSED"
    if verdict == "MISSED":
        missed.append(f"{name}: {seconds:.2f} s ≥ {DIGEST_TARGET_S} s")
    if mails != users:
        missed.append(f"the digest queued {mails} mails for {users} users")
    lines.append(f"| {name} | {seconds:.2f} | < {DIGEST_TARGET_S} | {verdict} |")
    return lines, missed
