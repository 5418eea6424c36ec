"""The digest bench must not rot: it runs with a few users in the test database."""

from bench.digest_timings import time_digest
from bench.generate import TINY, generate
from standort.core.models import OutgoingMail
from standort.notifications.models import Notification


def test_digest_timing_queues_one_mail_per_user(db):
    installation = generate(TINY)

    lines, missed = time_digest(installation, users=20)

    assert "daily digest of 60 notifications for 20 users" in lines[2]
    assert missed == []
    # Rolled back: no users, notifications or mails are left.
    assert not Notification.objects.exists()
    assert not OutgoingMail.objects.exists()
