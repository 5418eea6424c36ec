"""The demo meetings carry the seed's facts: Mülheim's Industriekonferenz of 16.03.2017
adopted the 33 projects and reviewed them in spring 2018; Duisburg's bodies met with
approved minutes and meet again with invitations sent."""

import datetime

import pytest
from django.utils import timezone

from standort.home.demo import load_demo
from standort.meetings.models import ActionItem, Decision, Meeting, MinutesState

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()


def test_the_industriekonferenz_adopted_the_33_projects(demo):
    meeting = Meeting.objects.get(initiative__slug="muelheim", title="Industriekonferenz 2017")
    assert timezone.localdate(meeting.starts_at) == datetime.date(2017, 3, 16)
    assert meeting.minutes_state == MinutesState.APPROVED
    decision = Decision.objects.get(agenda_item__meeting=meeting)
    assert sorted(decision.adopted_measures.values_list("number", flat=True)) == list(range(1, 34))
    assert Meeting.objects.filter(
        initiative__slug="muelheim", starts_at__year=2018, body__name="Industriekonferenz"
    ).exists()


def test_every_duisburg_body_met_and_meets_again(demo):
    now = timezone.now()
    meetings = Meeting.objects.filter(initiative__slug="duisburg")
    bodies = set(meetings.values_list("body__name", flat=True))
    assert len(bodies) == 6
    for body in bodies:
        held = meetings.filter(body__name=body, ends_at__lt=now, starts_at__year__gte=2026)
        coming = meetings.filter(body__name=body, starts_at__gt=now)
        assert held.get().minutes_state == MinutesState.APPROVED
        assert coming.get().invitations.exists()
    assert ActionItem.objects.filter(owner__email="ak-vorsitz@example.org", done_at=None).exists()
