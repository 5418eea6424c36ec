"""The API's tests read and write the measures' world of the measures tests: Duisburg
with Carl, who chairs the group of measure 1 (Ben owns it, Stefan is its partner);
Mülheim's measures from 101, the forum's from 201. Here measure 1 is released to the
public with an accepted status update, a tag and a value of the initiative's own
field; measure 2 stays internal. Duisburg has a public and an internal meeting."""

import datetime

import pytest
from django.utils import timezone

from standort.measures import services
from standort.measures.models import Measure, StatusUpdate
from standort.measures.tests.catalogue import report
from standort.measures.tests.conftest import carl, measures  # noqa: F401
from standort.meetings.models import AgendaItem, Decision, Meeting

from .factories import READ, token_for

# Who asks, and with a token for which initiative (None: without a token).
ASKERS = {
    "anonymous": None,
    "olga": "duisburg",  # observer
    "ben": "duisburg",  # member
    "stefan": "duisburg",  # steering committee
    "anna": "duisburg",  # office
    "carl": "duisburg",  # member who chairs the group of measure 1
    "clara": "muelheim",  # Mülheim's office, with a token for Mülheim
    "paul": "duisburg",  # platform admin
}


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
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Breitband")
    Decision.objects.create(agenda_item=item, text="Beschlossen.", measure=place.measure)
    return meeting


@pytest.fixture
def tokens(world, request):
    """tokens("anna", scope) is the secret of a new token of that persona for their
    initiative (None for the anonymous asker)."""
    initiatives = {"duisburg": world.initiative}

    def make(persona, scope=READ):
        slug = ASKERS[persona]
        if slug is None:
            return None
        if slug not in initiatives:
            initiatives[slug] = request.getfixturevalue("measures")[slug].initiative
        return token_for(request.getfixturevalue(persona), initiatives[slug], scope)

    return make
