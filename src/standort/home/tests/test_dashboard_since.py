"""The dashboard tells a member what changed since their last visit and since the
last meeting of the body that decides on the measures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.home.models import DashboardVisit
from standort.initiatives.models import Body
from standort.initiatives.tests.factories import BodyFactory
from standort.measures import services as measure_services
from standort.measures.models import Measure, StatusUpdate
from standort.measures.tests.factories import MeasureFactory, MilestoneFactory
from standort.meetings.models import Meeting

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def home(client):
    return client.get(reverse("initiative_home", args=["duisburg"])).content.decode()


def since_section(page):
    if 'id="since-heading"' not in page:
        return ""
    return page[page.index('id="since-heading"') :].split("</section>")[0]


@pytest.fixture
def before(duisburg, anna):
    """Two measures, made a month ago."""
    made = [
        MeasureFactory(initiative=duisburg, number=1, title="Hafenbahn", status="adopted"),
        MeasureFactory(initiative=duisburg, number=2, title="Kaimauer", status="in_progress"),
    ]
    Measure.objects.update(created_at=timezone.now() - 30 * DAY)
    return made


def changes(duisburg, anna, measures):
    """Today: a status update, a status change, a new measure, a milestone reached."""
    measure_services.status_update_record(
        actor=anna,
        update=StatusUpdate(measure=measures[1], traffic_light="amber", progress=30),
    )
    measures[0].refresh_from_db()
    measure_services.measure_set_status(actor=anna, measure=measures[0], status="in_progress")
    MeasureFactory(initiative=duisburg, number=3, title="Truck-Parkplatz")
    MilestoneFactory(
        measure=measures[1], due_on=timezone.localdate(), completed_on=timezone.localdate()
    )


def test_since_the_last_visit(duisburg, anna, before, as_persona):
    client = as_persona("stefan")
    assert since_section(home(client)) == ""  # the first visit: nothing to tell yet
    DashboardVisit.objects.update(seen_at=timezone.now() - 3 * DAY)
    changes(duisburg, anna, before)

    section = since_section(home(client))
    assert "Seit Ihrem letzten Besuch am" in section
    for text in (
        "1 Sachstand übernommen",
        "1 Maßnahme mit neuem Status",
        "1 neue Maßnahme",
        "1 Meilenstein erreicht",
    ):
        assert text in section
    day = timezone.localdate() - 4 * DAY
    assert f"before_day={day:%Y-%m-%d}" in section
    # Back a minute later: still the same visit, still since the one before.
    assert "1 neue Maßnahme" in since_section(home(client))
    # Another member's visits are their own.
    assert "Seit Ihrem letzten Besuch" not in since_section(home(as_persona("anna")))


def test_since_the_last_steering_meeting(duisburg, anna, before, as_persona):
    steering = BodyFactory(
        initiative=duisburg, kind=Body.Kind.STEERING_COMMITTEE, name="Lenkungskreis"
    )
    now = timezone.now()
    Meeting.objects.create(
        initiative=duisburg,
        body=steering,
        title="Lenkungskreis Herbst",
        starts_at=now - 10 * DAY,
        ends_at=now - 10 * DAY + datetime.timedelta(hours=2),
    )
    Meeting.objects.create(  # not held yet
        initiative=duisburg,
        body=steering,
        title="Lenkungskreis Winter",
        starts_at=now + 10 * DAY,
        ends_at=now + 10 * DAY + datetime.timedelta(hours=2),
    )
    changes(duisburg, anna, before)
    section = since_section(home(as_persona("stefan")))
    held = timezone.localdate(now - 10 * DAY)
    assert f"Seit der Sitzung Lenkungskreis am {held:%d.%m.%Y}" in section
    assert "1 neue Maßnahme" in section
