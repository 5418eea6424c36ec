"""Minutes go from draft to circulated to approved by the chair, then are frozen;
a decision becomes a measure linked both ways; action items are ticked off."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from standort.initiatives.models import Membership
from standort.initiatives.tests.factories import BodyFactory, MembershipFactory
from standort.measures.models import Measure
from standort.meetings import services
from standort.meetings.models import ActionItem, AgendaItem, Decision, Meeting, MinutesState
from standort.meetings.rules import chaired_bodies

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def item(duisburg, ben):
    body = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand", kind="working_group")
    MembershipFactory(body=body, person=ben.person, role=Membership.Role.CHAIR)
    meeting = Meeting.objects.create(
        initiative=duisburg,
        body=body,
        title="AK-Sitzung",
        starts_at=datetime.datetime(2026, 11, 3, 16, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2026, 11, 3, 18, 0, tzinfo=BERLIN),
    )
    return AgendaItem.objects.create(meeting=meeting, position=1, title="Gründerzentrum")


def test_minutes_are_approved_by_the_chair_and_then_frozen(item, anna, ben):
    services.minutes_save(actor=anna, item=item, minutes="**Ergebnis:** Standort gefunden")
    meeting = item.meeting
    with pytest.raises(services.DomainError):
        services.minutes_approve(actor=ben, meeting=meeting)  # not circulated yet
    services.minutes_circulate(actor=anna, meeting=meeting)
    with pytest.raises(services.DomainError):
        services.minutes_approve(actor=anna, meeting=meeting)  # the office is not the chair
    services.minutes_approve(actor=ben, meeting=meeting)
    assert meeting.minutes_state == MinutesState.APPROVED
    with pytest.raises(services.DomainError):
        services.minutes_save(actor=anna, item=item, minutes="nachträglich geändert")
    item.refresh_from_db()
    assert item.minutes == "**Ergebnis:** Standort gefunden"


def test_the_chair_approves_only_while_chairing(item, ben):
    """Whom a user chairs is not kept on the user object: once the role ends, the next
    check (outside a request, or in the next one) says no."""
    assert chaired_bodies(ben) == {item.meeting.body_id}
    Membership.objects.filter(person=ben.person).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert chaired_bodies(ben) == frozenset()


def test_a_decision_becomes_a_measure_linked_both_ways(item, anna):
    decision = services.decision_record(
        actor=anna,
        decision=Decision(
            agenda_item=item,
            text="Gründerzentrum Hochfeld einrichten\nDie Stadt stellt Räume bereit.",
            votes_yes=12,
            votes_no=0,
            votes_abstain=1,
        ),
    )
    measure = services.decision_to_measure(actor=anna, decision=decision)
    assert measure.title == "Gründerzentrum Hochfeld einrichten"
    assert measure.status == Measure.Status.PROPOSED
    assert measure.is_internal  # until the office releases it for the public page
    assert measure.body == item.meeting.body
    assert "03.11.2026" in measure.decision
    assert list(measure.decisions.all()) == [decision]
    with pytest.raises(services.DomainError):
        services.decision_to_measure(actor=anna, decision=decision)


def test_an_action_item_is_ticked_off(item, anna, ben):
    task = ActionItem.objects.create(
        agenda_item=item, what="Raumangebot einholen", owner=ben.person
    )
    services.action_item_done(actor=ben, action_item=task)
    assert task.done_at is not None
    services.action_item_done(actor=ben, action_item=task, done=False)
    assert task.done_at is None
