"""The demo's public record: the meetings of the bodies that decide (Duisburg's
Lenkungskreis, Mülheim's Industriekonferenz) are public, with approved minutes and
decisions; the working groups meet internally; the chairs of those bodies agreed to be
named, so their public pages name someone."""

import re

import pytest
from django.urls import reverse

from standort.home.demo import load_demo
from standort.initiatives.models import Body, Person
from standort.meetings.models import Decision, Meeting, MinutesState

pytestmark = pytest.mark.django_db
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def demo(db):
    load_demo()


def test_the_deciding_bodies_meet_in_public_and_the_working_groups_do_not(demo, client):
    public = Meeting.objects.filter(is_public=True)
    assert set(public.values_list("body__kind", flat=True)) == {
        Body.Kind.STEERING_COMMITTEE,
        Body.Kind.CONFERENCE,
    }
    assert not Meeting.objects.filter(body__kind=Body.Kind.WORKING_GROUP, is_public=True).exists()
    conference = public.get(initiative__slug="muelheim", title="Industriekonferenz 2017")
    assert conference.minutes_state == MinutesState.APPROVED
    assert public.filter(initiative__slug="muelheim", starts_at__year=2018).exists()
    for slug in ("duisburg", "muelheim"):
        approved = public.filter(initiative__slug=slug, minutes_state=MinutesState.APPROVED)
        assert Decision.objects.filter(agenda_item__meeting__in=approved).exists(), slug
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "Die Industriekonferenz beschließt die 33 Projekte" in page
    response = client.get(reverse("public_minutes_download", args=["muelheim", conference.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("slug", "body", "named"),
    [
        ("duisburg", "Lenkungskreis", ["Thomas Berger", "Heinrich Vosskamp"]),
        ("muelheim", "Industriekonferenz", ["Andrea Lindemann", "Dirk Schwertfeger"]),
    ],
)
def test_the_public_body_pages_name_the_chairs_who_agreed(demo, client, slug, body, named):
    found = Body.objects.get(initiative__slug=slug, name=body)
    page = client.get(reverse("body_detail", args=[slug, found.pk])).content.decode()
    for name in named:
        assert name in page, name
    assert not EMAIL.findall(page)
    silent = Person.objects.filter(memberships__body=found, name_is_public=False).first()
    assert silent is not None and silent.full_name not in page
