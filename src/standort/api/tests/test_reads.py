"""What a reader learns, field by field: those with a role what the pages show them,
the public what the public pages show (no internal measure, no owner's name without
consent, no next steps or support needed, no tags or fields of the initiative's own,
no partner's person, no meeting's online address)."""

import pytest

from standort.initiatives.models import Person
from standort.meetings.models import Meeting, MinutesState

from .factories import bearer, token_for

pytestmark = pytest.mark.django_db

BASE = "/api/v1/initiatives/duisburg"


@pytest.fixture(params=["olga", "ben", "stefan", "anna", "carl", "paul", "public"])
def reader(request, world):
    """(name, headers): a persona with a token of Duisburg, or the public."""
    if request.param == "public":
        return request.param, {}
    user = request.getfixturevalue(request.param)
    return request.param, bearer(token_for(user, world.initiative))


def _get(client, path, headers):
    response = client.get(BASE + path, **headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_measures_each_reads(client, reader):
    name, headers = reader
    rows = _get(client, "/measures", headers)["results"]
    assert [row["number"] for row in rows] == ([1] if name == "public" else [1, 2])
    assert rows[0]["owner_name"] == (None if name == "public" else "Ben Brandt")
    assert rows[0]["owner_organization"] == "Glasfaser Rhein-Ruhr GmbH"
    assert rows[0]["traffic_light"] == "amber"


def test_a_measure_as_each_reads_it(client, reader, world):
    name, headers = reader
    measure = _get(client, "/measures/1", headers)
    public = name == "public"
    assert measure["title"] == "Breitband bis 2020"
    assert measure["owner_name"] == (None if public else "Ben Brandt")
    assert measure["tags"] == ([] if public else ["Breitband"])
    assert measure["custom_fields"] == ({} if public else {world.field.key: "hoch"})
    assert measure["partners"] == [
        {
            "organization": "Glasfaser Rhein-Ruhr GmbH",
            "person": None if public else "Stefan Sauer",
            "role": "" if public else "Projektpartner",
        }
    ]
    assert [m["title"] for m in measure["milestones"]] == ["Ausschreibung Glasfaser"]
    assert measure["is_public"] is True


def test_the_owners_name_is_public_with_their_consent(client, world):
    Person.objects.filter(pk=world.measure.owner_id).update(name_is_public=True)
    assert _get(client, "/measures/1", {})["owner_name"] == "Ben Brandt"


def test_the_status_updates_as_each_reads_them(client, reader):
    name, headers = reader
    [update] = _get(client, "/measures/1/status-updates", headers)["results"]
    assert (update["traffic_light"], update["progress"]) == ("amber", 40)
    assert update["achieved"] == "Ausschreibung veröffentlicht."
    if name == "public":
        assert (update["next_steps"], update["support_needed"]) == (None, None)
    else:
        assert update["next_steps"] == "Vergabe im Frühjahr"
        assert update["support_needed"] == "Fördermittelberatung"


def test_the_meetings_as_each_reads_them(client, reader, world):
    name, headers = reader
    rows = _get(client, "/meetings", headers)["results"]
    titles = [row["title"] for row in rows]
    if name == "public":
        assert titles == ["Lenkungskreis öffentlich"]
    else:
        assert sorted(titles) == ["Lenkungskreis vertraulich", "Lenkungskreis öffentlich"]
    meeting = _get(client, f"/meetings/{world.meeting.pk}", headers)
    assert meeting["online_url"] == (
        None if name == "public" else "https://meet.example.org/lenkungskreis"
    )
    assert meeting["agenda"][0]["decisions"][0]["measure_numbers"] == [1]


def test_a_decision_names_only_public_measures_to_the_public(client, world, anna):
    world.meeting.agenda.first().decisions.update(measure=world.other_measure)
    annas = bearer(token_for(anna, world.initiative))
    public = _get(client, "/decisions", {})["results"]
    assert [d["measure_numbers"] for d in public] == [[]]
    assert [d["measure_numbers"] for d in _get(client, "/decisions", annas)["results"]] == [
        [2],
        [1],
    ]


def test_decisions_of_draft_minutes_are_for_those_who_keep_the_meeting(client, world, anna, ben):
    """As the meeting's page: the public read decisions once the minutes are approved,
    members once they are circulated, the office (who keeps the meeting) at once."""
    Meeting.objects.filter(pk=world.meeting.pk).update(minutes_state=MinutesState.DRAFT)
    path = f"/meetings/{world.meeting.pk}"
    for headers in ({}, bearer(token_for(ben, world.initiative))):
        assert _get(client, path, headers)["agenda"][0]["decisions"] == []
        decided = {d["id"] for d in _get(client, "/decisions", headers)["results"]}
        assert world.meeting.agenda.first().decisions.get().pk not in decided
    annas = bearer(token_for(anna, world.initiative))
    assert _get(client, path, annas)["agenda"][0]["decisions"][0]["text"] == "Beschlossen."


def test_the_initiative(client, world):
    initiative = _get(client, "", {})
    assert (initiative["slug"], initiative["is_public"]) == ("duisburg", True)
    assert initiative["url"] == "http://testserver/duisburg/"
    assert initiative["licence"]["url"].startswith("https://")
