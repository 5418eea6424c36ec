"""The API's tests read and write the measures' world of the measures tests: Duisburg
with Carl, who chairs the group of measure 1 (Ben owns it, Stefan is its partner);
Mülheim's measures from 101, the forum's from 201. Here measure 1 is released to the
public with an accepted status update, a tag and a value of the initiative's own
field; measure 2 stays internal. Duisburg has a public and an internal meeting, an
idea with a comment, a published offer and a public need."""

import datetime

import pytest
from django.utils import timezone

from standort.dialog.tests.factories import CommentFactory, IdeaFactory
from standort.measures import services
from standort.measures.models import Measure, StatusUpdate
from standort.measures.tests import conftest as measures_world
from standort.measures.tests.catalogue import report
from standort.meetings.models import AgendaItem, Decision, Meeting, MinutesState
from standort.transfer.models import Need
from standort.transfer.tests.factories import NeedFactory, OfferFactory

# The measures tests' fixtures, shared.
carl = measures_world.carl
measures = measures_world.measures


@pytest.fixture
def world(measures, anna):
    place = measures["duisburg"]
    measure = place.measure
    Measure.objects.filter(pk=measure.pk).update(is_internal=False)
    measure.refresh_from_db()
    measure.custom_values = {place.field.key: "hoch"}
    measure.save()
    services.set_tags(measure, ["Breitband"])
    place.update = report(
        measure,
        StatusUpdate.Light.AMBER,
        40,
        actor=anna,
        achieved="Ausschreibung veröffentlicht.",
        next_steps="Vergabe im Frühjahr",
        support_needed="Fördermittelberatung",
    )
    place.meeting = _meeting(place, "Lenkungskreis öffentlich", is_public=True)
    place.internal_meeting = _meeting(place, "Lenkungskreis vertraulich", is_public=False)
    place.idea = IdeaFactory(body=place.group, title="Gründerlotsen")
    CommentFactory(idea=place.idea, author=anna)
    place.offer = OfferFactory(initiative=place.initiative, title="Werkstoffprüfung")
    place.need = NeedFactory(
        initiative=place.initiative, title="Schweißnähte prüfen", visibility=Need.Visibility.PUBLIC
    )
    return place


def _meeting(place, title, *, is_public):
    start = timezone.now() + datetime.timedelta(days=20)
    meeting = Meeting.objects.create(
        initiative=place.initiative,
        body=place.other_group,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Rathaus Duisburg",
        online_url="https://meet.example.org/lenkungskreis",
        is_public=is_public,
        # Decisions are part of the record once the minutes are approved.
        minutes_state=MinutesState.APPROVED,
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Breitband")
    Decision.objects.create(agenda_item=item, text="Beschlossen.", measure=place.measure)
    return meeting
