"""The personal calendar feed: a link that needs no sign-in, with the meetings of the
user's bodies in every initiative and none of others'; replaced or revoked politely."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from standort.initiatives.tests.factories import BodyFactory, MembershipFactory
from standort.meetings.models import Meeting

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _meeting(body, title, day):
    return Meeting.objects.create(
        initiative=body.initiative,
        body=body,
        title=title,
        starts_at=datetime.datetime(2030, 1, day, 16, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2030, 1, day, 18, 0, tzinfo=BERLIN),
    )


@pytest.fixture
def meetings(duisburg, ben):
    mine = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand")
    other = BodyFactory(initiative=duisburg, name="Lenkungskreis")
    MembershipFactory(body=mine, person=ben.person)
    return _meeting(mine, "AK-Sitzung", 20), _meeting(other, "Lenkungskreis-Sitzung", 21)


def _feed_url(client):
    url = reverse("meeting_calendar_feed", args=["duisburg"])
    client.post(url, {"action": "new"})
    return client.get(url).context["feed_url"]


def test_the_feed_holds_the_meetings_of_my_bodies(meetings, as_persona, client):
    mine, other = meetings
    feed_url = _feed_url(as_persona("ben"))
    client.logout()
    response = client.get(feed_url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"{mine.ical_uid}@standort"]
    assert events[0]["dtstart"].dt == datetime.datetime(2030, 1, 20, 16, 0, tzinfo=BERLIN)
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Berlin"


def test_a_new_address_replaces_the_old_and_revoking_ends_it(meetings, as_persona, client):
    ben = as_persona("ben")
    first = _feed_url(ben).removeprefix("http://testserver")
    second = _feed_url(ben).removeprefix("http://testserver")
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    ben.post(reverse("meeting_calendar_feed", args=["duisburg"]), {"action": "revoke"})
    response = client.get(second)
    assert response.status_code == 410
    assert ben.get(reverse("meeting_calendar_feed", args=["duisburg"])).context["revoked"]


MINE = "Arbeitskreis Mittelstand: AK-Sitzung"


def _feed_events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]


def test_the_feed_shows_only_what_its_owner_may_see_at_each_request(
    meetings, as_persona, client, ben, duisburg
):
    """Issue 14, 5: a feed kept serving meetings after the membership ended, the role
    was removed and the account was deactivated."""
    from standort.initiatives.models import InitiativeRole, Membership

    url = _feed_url(as_persona("ben")).removeprefix("http://testserver")
    client.logout()
    assert _feed_events(client, url) == [MINE]

    Membership.objects.filter(person=ben.person).update(
        ends_on=datetime.date.today() - datetime.timedelta(days=1)
    )
    assert _feed_events(client, url) == []

    Membership.objects.filter(person=ben.person).update(ends_on=None)
    assert _feed_events(client, url) == [MINE]
    InitiativeRole.objects.filter(user=ben, initiative=duisburg).delete()
    assert _feed_events(client, url) == []

    InitiativeRole.objects.create(user=ben, initiative=duisburg, role="member")
    assert _feed_events(client, url) == [MINE]
    ben.is_active = False
    ben.save()
    gone = client.get(url)
    assert gone.status_code == 410
    assert b"BEGIN:VCALENDAR" not in gone.content
