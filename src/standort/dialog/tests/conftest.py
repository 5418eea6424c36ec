"""The dialogue's stage: the Arbeitskreis Mittelstand in Duisburg with Ben as member, his
idea there, Stefan's comment on it, a measure and a meeting with one agenda item."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from standort.initiatives.models import Membership
from standort.initiatives.tests.factories import BodyFactory, MembershipFactory
from standort.measures.tests.factories import MeasureFactory
from standort.meetings.models import AgendaItem, Meeting

from .factories import CommentFactory, IdeaFactory

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def group(duisburg, ben):
    body = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand und Gründung")
    MembershipFactory(body=body, person=ben.person, role=Membership.Role.MEMBER)
    return body


@pytest.fixture
def idea(group, ben):
    return IdeaFactory(body=group, author=ben, title="Gründungslotsen im Rathaus")


@pytest.fixture
def comment(idea, stefan):
    return CommentFactory(idea=idea, author=stefan, text="Das sollten wir im Herbst angehen.")


@pytest.fixture
def measure(duisburg, group):
    return MeasureFactory(initiative=duisburg, number=7, title="Breitband", body=group)


@pytest.fixture
def agenda_item(duisburg, group):
    meeting = Meeting.objects.create(
        initiative=duisburg,
        body=group,
        title="AK-Sitzung Frühjahr",
        starts_at=datetime.datetime(2030, 3, 16, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2030, 3, 16, 12, 0, tzinfo=BERLIN),
    )
    return AgendaItem.objects.create(meeting=meeting, position=1, title="Gründungsoffensive")
