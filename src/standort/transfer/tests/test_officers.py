"""A transfer officer keeps the talks of their own institution: another institution's
talks are neither listed for them nor open to them, and their talk form offers their
institution only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import InitiativeRole, Organization

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


def test_the_officers_talk_form_offers_their_institutions_offers_only(client, talks, duisburg):
    own, other = talks["institutions"]
    mine = world.offer(initiative=duisburg, institution=own, title="Unser Prüflabor")
    draft = world.offer(
        initiative=duisburg, institution=other, title="Geheimer Entwurf", state="submitted"
    )
    client.force_login(talks["officer"])

    response = client.get(reverse("transfer_talk_create", args=["duisburg"]))
    assert list(response.context["form"].fields["offer"].queryset) == [mine]
    assert "Geheimer Entwurf" not in response.content.decode()

    # Named in the address, the other institution's draft is not taken over either.
    response = client.get(reverse("transfer_talk_create", args=["duisburg"]) + f"?offer={draft.pk}")
    assert response.context["form"].instance.offer_id is None
    assert "Geheimer Entwurf" not in response.content.decode()


@pytest.mark.parametrize("value", ["²", "9" * 30, "-1", "x"])
def test_an_odd_id_in_the_address_is_left_out(client, talks, value):
    client.force_login(talks["officer"])
    response = client.get(reverse("transfer_talk_create", args=["duisburg"]) + f"?need={value}")
    assert response.status_code == 200


def test_an_observer_of_a_science_institution_is_no_officer(client, talks, duisburg):
    own = talks["institutions"][0]
    observer = world.officer(duisburg, own, email="otto@example.org", first="Otto", last="Obs")
    InitiativeRole.objects.filter(user=observer).update(role=InitiativeRole.Role.OBSERVER)
    client.force_login(observer)
    assert client.get(reverse("transfer_talks", args=["duisburg"])).status_code == 403
    assert client.get(reverse("transfer_offer_create", args=["duisburg"])).status_code == 403


def test_an_officer_of_an_institution_outside_the_initiative_is_no_officer(client, duisburg):
    outsider = world.organization(duisburg, "Ferne Akademie", Organization.Kind.SCIENCE)
    duisburg.organizations.remove(outsider)
    user = world.officer(duisburg, outsider, email="fern@example.org", first="F", last="Fern")
    client.force_login(user)
    assert client.get(reverse("transfer_talks", args=["duisburg"])).status_code == 403


def test_a_firm_sees_the_offers_that_fit_its_own_need(client, duisburg):
    science, company = Organization.Kind.SCIENCE, Organization.Kind.COMPANY
    university = world.organization(duisburg, "Hochschule Rheinufer", science)
    firm = world.organization(duisburg, "Stahlbau Rheinhausen GmbH", company)
    other_firm = world.organization(duisburg, "Kranbau Ruhrort KG", company)
    offer = world.offer(initiative=duisburg, institution=university, title="Schweißnähte prüfen")
    own = world.need(initiative=duisburg, company=firm, title="Schweißnähte prüfen lassen")
    others = world.need(
        initiative=duisburg, company=other_firm, title="Schweißnähte", visibility="public"
    )
    client.force_login(world.firm_person(duisburg, firm))

    page = client.get(reverse("transfer_need", args=["duisburg", own.pk]))
    assert [s.entry for s in page.context["suggestions"]] == [offer]
    assert page.context["talks"] is None  # the talks are the officers'
    assert b"transfer/talks/new/" not in page.content

    # Another firm's public need: no suggestions for this reader.
    page = client.get(reverse("transfer_need", args=["duisburg", others.pk]))
    assert page.context["suggestions"] is None
