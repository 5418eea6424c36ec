"""The public page's section "Gremien und Sitzungen": the next public meetings (three
at most, a cancelled one marked), and the ways to all public meetings and to the
bodies. Internal meetings and past ones are not among them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import Body
from standort.initiatives.tests.factories import BodyFactory
from standort.meetings import services
from standort.meetings.models import Meeting

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def steering(duisburg):
    return BodyFactory(initiative=duisburg, name="Lenkungskreis", kind=Body.Kind.STEERING_COMMITTEE)


def meeting(body, title, days, **extra):
    start = timezone.now().astimezone(BERLIN).replace(hour=18, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=days)
    return Meeting.objects.create(
        initiative=body.initiative,
        body=body,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Rathaus",
        is_public=extra.pop("is_public", True),
        **extra,
    )


def home(slug="duisburg"):
    return reverse("initiative_home", args=[slug])


@pytest.mark.parametrize("persona", ["anonymous", "eva", "clara"])
def test_the_next_three_public_meetings_are_on_the_public_page(steering, as_persona, persona):
    meeting(steering, "Vergangene Sitzung", -30)
    meeting(steering, "Vertrauliche Runde", 2, is_public=False)
    for n, title in enumerate(["Erste", "Zweite", "Dritte", "Vierte"], start=1):
        meeting(steering, f"{title} öffentliche Sitzung", 7 * n)
    page = as_persona(persona).get(home()).content.decode()
    assert "Gremien und Sitzungen" in page
    for title in ("Erste", "Zweite", "Dritte"):
        assert f"{title} öffentliche Sitzung" in page, title
    for text in ("Vierte öffentliche Sitzung", "Vergangene Sitzung", "Vertrauliche Runde"):
        assert text not in page, text
    assert reverse("meeting_list", args=["duisburg"]) in page
    assert reverse("body_list", args=["duisburg"]) in page


def test_without_a_coming_public_meeting_the_section_says_so(steering, client):
    meeting(steering, "Vertrauliche Runde", 2, is_public=False)
    page = client.get(home()).content.decode()
    assert "Zurzeit ist keine öffentliche Sitzung geplant." in page


def test_a_cancelled_public_meeting_is_marked(steering, client):
    meeting(steering, "Abgesagte Sitzung", 3, state=Meeting.State.CANCELLED)
    page = client.get(home()).content.decode()
    assert "Abgesagte Sitzung" in page
    assert "abgesagt" in page


def test_a_meeting_made_public_shows_at_once(steering, client, anna):
    planned = meeting(steering, "Bald öffentlich", 5, is_public=False)
    assert "Bald öffentlich" not in client.get(home()).content.decode()
    planned.is_public = True
    services.meeting_save(actor=anna, meeting=planned)
    assert "Bald öffentlich" in client.get(home()).content.decode()


def test_the_members_dashboard_is_unchanged(steering, as_persona):
    meeting(steering, "Erste öffentliche Sitzung", 7)
    page = as_persona("ben").get(home()).content.decode()
    assert "Gremien und Sitzungen" not in page
