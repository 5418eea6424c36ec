"""The daily digest: one mail per user with what came since the last one, grouped by
initiative; never twice, nothing lost."""

import datetime
from unittest import mock

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from standort.core.mail import deliver_due
from standort.core.models import OutgoingMail
from standort.notifications import services, tasks
from standort.notifications.models import Choice, Kind, Notification

pytestmark = pytest.mark.django_db


def notify(user, initiative, text, kind=Kind.COMMENT):
    services.notify(
        kind=kind,
        users=[user],
        initiative=initiative,
        actor=None,
        message="plain",
        params={"text": text},
        url="/x/",
    )


@pytest.fixture
def pending(duisburg, muelheim, ben, stefan):
    notify(ben, duisburg, "Anna hat Maßnahme 7 kommentiert.")
    notify(ben, muelheim, "Clara hat die Idee „Werkbank“ kommentiert.")
    notify(ben, duisburg, "Maßnahme 7 ist jetzt „in Umsetzung“.", kind=Kind.STATUS)
    notify(stefan, duisburg, "Anna hat Maßnahme 9 kommentiert.")


def test_one_mail_per_user_grouped_by_initiative(pending, ben, stefan):
    assert services.send_digest() == 2

    mails = {m.to: m for m in OutgoingMail.objects.all()}
    assert set(mails) == {ben.email, stefan.email}
    body = mails[ben.email].body
    assert mails[ben.email].subject == "Ihre tägliche Zusammenfassung: 3 neue Benachrichtigungen"
    assert body.index("Masterplan Wirtschaft Duisburg") < body.index("Anna hat Maßnahme 7")
    assert body.index("Stärkungsinitiative Industrie Mülheim") < body.index("Werkbank")
    assert mails[ben.email].key == f"digest:{ben.pk}:{timezone.localdate().isoformat()}"
    assert not Notification.objects.filter(mailed_at=None).exists()


def test_running_twice_sends_nothing_new(pending):
    services.send_digest()
    assert services.send_digest() == 0
    assert OutgoingMail.objects.count() == 2


def test_what_comes_after_todays_digest_waits_for_tomorrows(pending, duisburg, ben):
    services.send_digest()
    notify(ben, duisburg, "Noch ein Kommentar.")
    assert services.send_digest() == 0
    late = Notification.objects.get(params__text="Noch ein Kommentar.")
    assert late.mailed_at is None

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert services.send_digest(now=tomorrow) == 1
    late.refresh_from_db()
    assert late.mailed_at is not None


def test_a_failure_midway_loses_nothing(pending, ben, stefan):
    """The second chunk fails: the first chunk's mails and marks stand, the second's
    notifications are still pending and go out on the next run."""
    real = OutgoingMail.objects.bulk_create
    calls = []

    def failing_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database gone")
        return real(*args, **kwargs)

    with (
        mock.patch.object(OutgoingMail.objects, "bulk_create", side_effect=failing_second),
        pytest.raises(RuntimeError),
    ):
        services.send_digest(chunk=1)

    # Ben (the lower id) came first; Stefan's chunk was rolled back.
    assert OutgoingMail.objects.get().to == ben.email
    assert not Notification.objects.filter(recipient=ben, mailed_at=None).exists()
    assert Notification.objects.filter(recipient=stefan, mailed_at=None).count() == 1

    assert services.send_digest(chunk=1) == 1
    assert OutgoingMail.objects.count() == 2
    assert not Notification.objects.filter(mailed_at=None).exists()


def test_immediate_and_never_are_not_in_the_digest(duisburg, ben):
    services.preferences_save(user=ben, choices={Kind.COMMENT: Choice.NEVER})
    notify(ben, duisburg, "Nur in der Liste.")
    notify(ben, duisburg, "Sofort.", kind=Kind.MENTION)
    assert services.send_digest() == 0
    assert list(OutgoingMail.objects.values_list("key", flat=True)) == [
        f"notification:{Notification.objects.get(params__text='Sofort.').pk}"
    ]


def test_the_digest_is_written_in_the_users_language(duisburg, ben):
    ben.language = "en"
    ben.save()
    notify(ben, duisburg, "Text")
    services.send_digest()
    assert OutgoingMail.objects.get().subject == "Your daily summary: 1 new notification"


def test_the_task_sends_the_digest_through_the_worker(
    pending, ben, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.send_daily_digest.enqueue()
    assert result.return_value == 2
    deliver_due()
    assert sorted(m.to[0] for m in django_mail.outbox) == sorted([ben.email, "stefan@example.org"])


def test_the_queries_do_not_grow_with_the_users(duisburg, django_assert_max_num_queries):
    from standort.accounts.tests.factories import UserFactory

    users = [UserFactory() for _ in range(30)]
    for user in users:
        notify(user, duisburg, "Eins")
        notify(user, duisburg, "Zwei")
    # the users to mail; per chunk of 10: today's digests sent already, the users,
    # their notifications, the mails, the marks (and a savepoint around the chunk).
    with django_assert_max_num_queries(1 + 3 * 7):
        assert services.send_digest(chunk=10) == 30
