"""What the catalogue shows to whom.

A need for transfer officers only is seen by Theo (officer), Anna (office) and Paul;
for anonymous visitors, Olga (observer), Ben (member), Eva (no role) and Clara
(Mülheim's office) it does not exist in the list, in the search, as a suggestion or as
a contact form, and its page is refused. Offers that are not published and valid are not
in the catalogue. Contact persons' e-mail addresses and phone numbers are shown only to
those who work in the initiative; everybody else writes to them through the platform,
at most five messages an hour."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from standort.core.models import OutgoingMail
from standort.initiatives.tests.test_permissions import LOGIN, answer
from standort.transfer.models import Need, Offer

from . import world

pytestmark = pytest.mark.django_db

OUTSIDERS = ["anonymous", "olga", "ben", "eva", "clara"]
MEMBERS_WHO_SEE_CONTACTS = ["ben", "stefan", "anna", "paul"]
VISITOR = {"name": "Vera Besucherin", "email": "vera@besuch.example", "message": "Guten Tag!"}


@pytest.fixture
def place(duisburg, muelheim):
    return world.duisburg_place(duisburg)


@pytest.fixture
def theo(place, duisburg):
    return world.officer(duisburg, place.university)


@pytest.fixture
def reader(request):
    """reader("ben") is a new client signed in as Ben (anonymous: signed in as nobody)."""

    def as_(name):
        client = Client()
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return as_


def url(name, *args):
    return reverse(name, args=["duisburg", *args])


def page(client, name, *args):
    response = client.get(url(name, *args))
    assert response.status_code == 200, name
    return response.content.decode()


# A need for transfer officers only ----------------------------------------------------


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_a_need_for_officers_is_hidden_from_outsiders(place, reader, persona):
    client = reader(persona)
    secret = place.secret_need

    assert secret.title not in page(client, "transfer_needs")
    # The search finds it for Theo (test_the_search_finds_it_for_officers), not here.
    searched = client.get(url("transfer_needs"), {"q": "Rissbildung"})
    assert secret.title not in searched.content.decode()
    assert searched.context["listing"].page.count == 0
    # Its page: the sign-in for anonymous visitors, 403 for the others.
    expected = LOGIN if persona == "anonymous" else 403
    assert answer(client.get(url("transfer_need", secret.pk))) == expected
    assert answer(client.get(url("transfer_need_contact", secret.pk))) == expected
    # The offer it fits (same topic) does not suggest it.
    offer_page = page(client, "transfer_offer", place.offer.pk)
    assert secret.title not in offer_page


def test_the_search_finds_it_for_officers(place, theo, reader):
    """The hiding above is the rule's, not the search's."""
    client = reader("theo")
    searched = client.get(url("transfer_needs"), {"q": "Rissbildung"})
    assert [n.title for n in searched.context["listing"].page] == [place.secret_need.title]
    offer_page = client.get(url("transfer_offer", place.offer.pk))
    assert place.secret_need in [s.entry for s in offer_page.context["suggestions"]]


def test_another_initiatives_office_gets_no_suggestion_from_here(place, muelheim, clara, reader):
    """Clara's own offer in Mülheim, about just what Duisburg's secret need asks, is not
    matched with it: suggestions come from the initiative's own needs."""
    theirs = world.offer(
        initiative=muelheim,
        institution=world.organization(muelheim, "Hochschule Broich", "science"),
        title="Rissbildung an Kranträgern erkennen",
        description="Rissbildung an Kranträgern, Schweißnähte prüfen.",
    )
    response = reader("clara").get(reverse("transfer_offer", args=["muelheim", theirs.pk]))
    assert response.context["suggestions"] == []
    assert place.secret_need.title not in response.content.decode()

    # The same offer in Duisburg would be matched with it.
    ours = world.offer(
        initiative=place.initiative,
        institution=place.institute,
        title=theirs.title,
        description=theirs.description,
    )
    response = reader("anna").get(url("transfer_offer", ours.pk))
    assert place.secret_need in [s.entry for s in response.context["suggestions"]]


def test_a_closed_need_leaves_the_catalogue(place, reader):
    place.need.state = Need.State.CLOSED
    place.need.save()
    assert place.need.title not in page(reader("anonymous"), "transfer_needs")
    assert answer(reader("anonymous").get(url("transfer_need", place.need.pk))) == LOGIN


# Offers that are not in the catalogue ----------------------------------------------------


@pytest.fixture
def unlisted(place):
    """{state: offer} of offers the catalogue does not show, each about "Laserschweißen"."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    made = {}
    for label, fields in {
        "draft": {"state": Offer.State.DRAFT},
        "submitted": {"state": Offer.State.SUBMITTED},
        "withdrawn": {"state": Offer.State.WITHDRAWN},
        "expired": {"state": Offer.State.PUBLISHED, "valid_until": yesterday},
    }.items():
        made[label] = world.offer(
            initiative=place.initiative,
            institution=place.university,
            title=f"Laserschweißen ({label})",
            **fields,
        )
    return made


@pytest.mark.parametrize("persona", ["anonymous", "olga", "ben", "clara"])
def test_unpublished_and_expired_offers_are_not_in_the_catalogue(place, unlisted, reader, persona):
    client = reader(persona)
    still_valid = world.offer(
        initiative=place.initiative,
        institution=place.university,
        title="Laserschweißen (gültig)",
        valid_until=timezone.localdate(),
    )

    catalogue = page(client, "transfer_offers")
    searched = client.get(url("transfer_offers"), {"q": "Laserschweißen"})
    assert [o.title for o in searched.context["listing"].page] == [still_valid.title]
    for offer in unlisted.values():
        assert offer.title not in catalogue
        assert answer(client.get(url("transfer_offer", offer.pk))) == (
            LOGIN if persona == "anonymous" else 403
        )
    assert still_valid.title in catalogue


def test_the_office_sees_every_offer_and_the_officer_his_own(place, unlisted, theo, reader):
    for persona in ("anna", "theo"):
        catalogue = page(reader(persona), "transfer_offers")
        assert all(offer.title in catalogue for offer in unlisted.values()), persona


# Contact data ---------------------------------------------------------------------------


def _pages(place):
    return [
        ("transfer_offers",),
        ("transfer_needs",),
        ("transfer_offer", place.offer.pk),
        ("transfer_need", place.need.pk),
        ("transfer_offer_contact", place.offer.pk),
        ("transfer_need_contact", place.need.pk),
    ]


def _contact_data(place):
    people = (place.offer_contact, place.need_contact)
    return [p.email.encode() for p in people] + [p.phone.encode() for p in people]


@pytest.mark.parametrize("persona", ["anonymous", "olga", "eva", "clara"])
def test_contact_data_never_reaches_outsiders(place, reader, persona):
    client = reader(persona)
    for name, *args in _pages(place):
        response = client.get(url(name, *args))
        assert response.status_code == 200, name
        shown = [data for data in _contact_data(place) if data in response.content]
        assert shown == [], name
    # The contact person's name is there, and the way to write to them.
    offer_page = client.get(url("transfer_offer", place.offer.pk))
    assert offer_page.context["contact_form"] is not None
    assert url("transfer_offer_contact", place.offer.pk).encode() in offer_page.content


@pytest.mark.parametrize("persona", MEMBERS_WHO_SEE_CONTACTS)
def test_members_see_the_contact_data(place, reader, persona):
    client = reader(persona)
    offer_page = client.get(url("transfer_offer", place.offer.pk)).content
    need_page = client.get(url("transfer_need", place.need.pk)).content
    assert place.offer_contact.email.encode() in offer_page
    assert place.offer_contact.phone.encode() in offer_page
    assert place.need_contact.email.encode() in need_page
    assert place.need_contact.phone.encode() in need_page


@pytest.mark.parametrize("entry", ["offer", "need"])
def test_the_contact_form_mails_the_contact_person_without_showing_the_address(
    place, reader, entry
):
    client = reader("anonymous")
    contact = getattr(place, f"{entry}_contact")
    target = getattr(place, entry)

    form_page = client.get(url(f"transfer_{entry}_contact", target.pk))
    response = client.post(
        url(f"transfer_{entry}_contact", target.pk),
        {**VISITOR, "organization": "Besuch GmbH"},
        follow=True,
    )

    assert response.redirect_chain == [(url(f"transfer_{entry}", target.pk), 302)]
    (mail,) = OutgoingMail.objects.all()
    assert mail.to == contact.email
    assert "vera@besuch.example" in mail.body
    assert "Guten Tag!" in mail.body
    assert "Besuch GmbH" in mail.body
    assert "Vera Besucherin" in mail.body
    assert target.title in mail.subject
    for shown in (form_page, response):
        assert contact.email.encode() not in shown.content
        assert contact.phone.encode() not in shown.content


def test_the_sixth_message_within_an_hour_waits(place, reader):
    client = reader("anonymous")
    address = url("transfer_offer_contact", place.offer.pk)
    answers = [client.post(address, VISITOR).status_code for _ in range(5)]

    refused = client.post(address, VISITOR)

    assert answers == [302] * 5
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert OutgoingMail.objects.count() == 5
    # Another entry is no way round it: the limit is the visitor's.
    other = client.post(url("transfer_need_contact", place.need.pk), VISITOR)
    assert other.status_code == 429
    assert OutgoingMail.objects.count() == 5


def test_an_entry_gets_at_most_twenty_messages_a_day_from_everybody(place):
    address = url("transfer_offer_contact", place.offer.pk)
    answers = [
        Client(REMOTE_ADDR=f"192.0.2.{n}").post(address, VISITOR).status_code for n in range(21)
    ]
    assert answers == [302] * 20 + [429]
    assert OutgoingMail.objects.count() == 20


def test_an_offers_messages_do_not_count_against_the_need_of_the_same_number(place):
    """Offers and needs are numbered apart: offer 7's twenty messages of the day leave
    need 7 open to messages."""
    offer, need = place.offer, place.need
    while offer.pk != need.pk:
        if offer.pk < need.pk:
            offer = world.offer(
                initiative=place.initiative,
                institution=place.university,
                contact=place.offer_contact,
                title=f"Angebot {offer.pk + 1}",
            )
        else:
            need = world.need(
                initiative=place.initiative,
                company=place.firm,
                contact=place.need_contact,
                visibility=Need.Visibility.PUBLIC,
                title=f"Bedarf {need.pk + 1}",
            )
    for n in range(20):
        Client(REMOTE_ADDR=f"192.0.2.{n}").post(url("transfer_offer_contact", offer.pk), VISITOR)

    response = Client(REMOTE_ADDR="198.51.100.1").post(
        url("transfer_need_contact", need.pk), VISITOR
    )

    assert response.status_code == 302
    assert OutgoingMail.objects.filter(to=place.need_contact.email).count() == 1


@pytest.mark.parametrize("persona", ["theo", "anna"])
def test_no_contact_form_for_an_entry_outside_the_catalogue(place, theo, reader, persona):
    """Theo and Anna may see these entries, but nobody writes to their contacts through
    the platform while they are not in the catalogue."""
    client = reader(persona)
    submitted = world.offer(
        initiative=place.initiative,
        institution=place.university,
        title="Noch nicht freigegeben",
        contact=place.offer_contact,
        state=Offer.State.SUBMITTED,
    )
    place.secret_need.contact = place.need_contact
    place.secret_need.save()
    for name, pk in (
        ("transfer_offer_contact", submitted.pk),
        ("transfer_need_contact", place.secret_need.pk),
    ):
        assert client.get(url(name, pk)).status_code == 403
        assert client.post(url(name, pk), VISITOR).status_code == 403
    detail = client.get(url("transfer_offer", submitted.pk))
    assert detail.status_code == 200
    assert detail.context["contact_form"] is None
    assert not OutgoingMail.objects.exists()


def test_no_contact_form_without_a_contact_person(place, reader):
    place.need.contact = None
    place.need.save()
    client = reader("ben")
    assert client.post(url("transfer_need_contact", place.need.pk), VISITOR).status_code == 403
    assert not OutgoingMail.objects.exists()
