"""A transfer officer keeps the talks of their own institution: another institution's
talks are neither listed for them nor open to them, and their talk form offers their
institution only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import Organization

from . import world
from .factories import TalkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def talks(duisburg):
    science, company = Organization.Kind.SCIENCE, Organization.Kind.COMPANY
    own = world.organization(duisburg, "Hochschule Rheinufer", science)
    other = world.organization(duisburg, "Institut für Fügetechnik", science)
    firm = world.organization(duisburg, "Stahlbau Rheinhausen GmbH", company)
    held = timezone.now() - datetime.timedelta(days=3)
    return {
        "officer": world.officer(duisburg, own),
        "own": TalkFactory(
            initiative=duisburg, company=firm, institution=own, starts_at=held, place="Halle A"
        ),
        "other": TalkFactory(
            initiative=duisburg, company=firm, institution=other, starts_at=held, place="Halle B"
        ),
        "institutions": (own, other),
    }


def test_the_list_shows_the_officers_institutions_talks(client, talks, anna):
    own, other = (
        reverse("transfer_talk", args=["duisburg", talks[k].pk]) for k in ("own", "other")
    )
    client.force_login(talks["officer"])
    page = client.get(reverse("transfer_talks", args=["duisburg"])).content.decode()
    assert own in page
    assert other not in page

    client.force_login(anna)
    page = client.get(reverse("transfer_talks", args=["duisburg"])).content.decode()
    assert own in page and other in page


@pytest.mark.parametrize(
    "name",
    ["transfer_talk", "transfer_talk_edit", "transfer_talk_outcome", "transfer_talk_history"],
)
def test_another_institutions_talk_is_closed_to_the_officer(client, talks, name):
    client.force_login(talks["officer"])
    own = client.get(reverse(name, args=["duisburg", talks["own"].pk]))
    other = client.get(reverse(name, args=["duisburg", talks["other"].pk]))
    assert own.status_code == 200
    assert other.status_code == 403


def test_the_officers_talk_form_offers_their_institution_only(client, talks):
    own, other = talks["institutions"]
    client.force_login(talks["officer"])
    form = client.get(reverse("transfer_talk_create", args=["duisburg"])).context["form"]
    assert list(form.fields["institution"].queryset) == [own]
    assert form.initial["institution"] == own.pk
