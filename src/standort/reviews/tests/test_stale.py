"""Between reviews: owners of measures without a recent accepted status update are
reminded, once a month, unless a running review asks them anyway."""

import datetime

import pytest
from django.utils import timezone

from standort.measures.models import Measure
from standort.measures.tests.factories import StatusUpdateFactory
from standort.reviews import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_catalogue(catalogue, duisburg):
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    Measure.objects.filter(initiative=duisburg).update(adopted_on=long_ago)
    fresh = StatusUpdateFactory(measure=catalogue[2], accepted_at=timezone.now())
    Measure.objects.filter(pk=catalogue[2].pk).update(latest_update=fresh)
    return catalogue


def test_owners_of_stale_measures_are_reminded_once_a_month(
    old_catalogue, duisburg, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_stale(duisburg) == 1
    (message,) = mailoutbox
    assert message.to == ["greta@example.org"]
    assert "1 Gründerzentrum Außenstelle" in message.body
    assert "2 Flächenpool Logistik" in message.body
    assert "Breitband" not in message.body  # Ben's has a fresh status
    assert "Idee Stadtmarketing" not in message.body  # proposed, not running
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_stale(duisburg)
    assert len(mailoutbox) == 1


def test_no_interval_no_reminder(old_catalogue, duisburg, mailoutbox):
    duisburg.update_interval_months = 0
    assert services.remind_stale(duisburg) == 0


def test_a_running_review_reminds_instead(
    old_catalogue, duisburg, running, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_stale(duisburg) == 0
    assert mailoutbox == []
