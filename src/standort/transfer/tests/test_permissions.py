"""Every view of the transfer platform, for every persona.

Duisburg is public: everybody, anonymous visitors too, browses its catalogue (the
published offer, the public need) and writes to a contact person through the platform.
Theo (transfer officer of the Hochschule Rheinufer) keeps his institution's offers, sees
the needs for transfer officers and the matching talks; Fritz (Stahlbau Rheinhausen)
keeps his firm's needs; Anna (office) and Paul (platform admin) do everything; Stefan
(steering committee) reads the effect page. Anybody else gets 403, anonymous callers
the sign-in page.

Three tests run the table: in Duisburg as is, with Mülheim's objects addressed through
/duisburg/ (404 by construction), and in the non-public forum (404 for everybody but
Paul). A refused POST writes nothing, and no page shows a name of another initiative.
The tests after the table follow Theo and Fritz through what only they may do."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from standort.conftest import PERSONAS as BASE_PERSONAS
from standort.core.models import OutgoingMail
from standort.indicators.models import Observation
from standort.initiatives.tests.test_permissions import LOGIN, answer, fresh
from standort.transfer import urls
from standort.transfer.models import Need, Offer, Talk, Topic

from . import world

pytestmark = pytest.mark.django_db

PERSONAS = [*BASE_PERSONAS, "theo", "fritz"]
EVERYONE = set(PERSONAS)  # Duisburg is public
OFFICE = {"anna", "paul"}
OFFICERS = OFFICE | {"theo"}
FIRM = OFFICE | {"fritz"}
EFFECT = OFFICE | {"stefan"}


@pytest.fixture
def places(duisburg, muelheim, internal):
    return {
        "duisburg": world.duisburg_place(duisburg),
        "muelheim": world.muelheim_place(muelheim),
        "forum": world.forum_place(internal),
    }


@pytest.fixture
def theo(places, duisburg):
    return world.officer(duisburg, places["duisburg"].university)


@pytest.fixture
def fritz(places, duisburg):
    return world.firm_person(duisburg, places["duisburg"].firm)


@pytest.fixture
def personas(places, request):
    return {
        name: None if name == "anonymous" else request.getfixturevalue(name) for name in PERSONAS
    }


@dataclass(frozen=True)
class Row:
    name: str
    allowed: frozenset
    target: Callable | None = None  # place → URL kwargs of the object the view addresses
    post: Callable | None = None  # place → form data; None: the view takes no POST
    get: bool = True  # False: the view takes POST only (405 on GET)
    label: str = ""

    def __str__(self):
        return f"{self.name}{'-' + self.label if self.label else ''}"

    def kwargs(self, place):
        return self.target(place) if self.target else {}


def _pk(attr):
    return lambda place: {"pk": getattr(place, attr).pk}


offer, need, secret_need, talk, topic = (
    _pk(a) for a in ("offer", "need", "secret_need", "talk", "topic")
)


def offer_data(place, title="Neues Prüfangebot"):
    return {
        "institution": place.university.pk,
        "kind": Offer.Kind.EQUIPMENT,
        "title": title,
        "description": "Zugang zum Rasterelektronenmikroskop.",
        "topics": [place.topic.pk],
        "contact": place.offer_contact.pk,
    }


def need_data(place, title="Neuer Bedarf", company=None):
    return {
        "company": (company or place.firm).pk,
        "title": title,
        "problem": "Wir möchten Schweißnähte schneller prüfen.",
        "topics": [place.topic.pk],
        "timeframe": Need.Timeframe.NOW,
        "visibility": Need.Visibility.PUBLIC,
        "contact": place.need_contact.pk,
    }


def talk_data(place, *, when=None, where="Besprechungsraum 2"):
    when = when or timezone.now() + timezone.timedelta(days=30)
    return {
        "company": place.firm.pk,
        "institution": place.university.pk,
        "need": place.need.pk,
        "offer": place.offer.pk,
        "starts_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"),
        "place": where,
        "participants": [place.offer_contact.pk, place.need_contact.pk],
    }


def contact_data(place):
    return {"name": "Vera Besucherin", "email": "vera@besuch.example", "message": "Guten Tag!"}


def nothing(place):
    return {}


TABLE = [
    Row("transfer_offers", EVERYONE),
    Row("transfer_offer_create", OFFICERS, post=offer_data),
    Row("transfer_offer", EVERYONE, offer),
    Row(
        "transfer_offer_edit",
        OFFICERS,
        offer,
        post=lambda p: offer_data(p, title=f"{p.offer.title} (neu)"),
    ),
    Row("transfer_offer_state", OFFICERS, offer, post=lambda p: {"action": "withdraw"}, get=False),
    Row("transfer_offer_delete", OFFICE, offer, post=nothing),
    Row("transfer_offer_history", OFFICERS, offer),
    Row("transfer_offer_contact", EVERYONE, offer, post=contact_data),
    Row("transfer_needs", EVERYONE),
    Row("transfer_need_create", FIRM, post=need_data),
    Row("transfer_need", EVERYONE, need),
    Row("transfer_need", OFFICERS, secret_need, label="for-officers"),
    Row(
        "transfer_need_edit",
        FIRM,
        need,
        post=lambda p: need_data(p, title=f"{p.need.title} (neu)"),
    ),
    Row("transfer_need_state", FIRM, need, post=nothing, get=False),
    Row("transfer_need_delete", OFFICE, need, post=nothing),
    Row("transfer_need_history", FIRM, need),
    Row("transfer_need_contact", EVERYONE, need, post=contact_data),
    Row("transfer_talks", OFFICERS),
    Row("transfer_talk_create", OFFICERS, post=talk_data),
    Row("transfer_talk", OFFICERS, talk),
    Row(
        "transfer_talk_edit",
        OFFICERS,
        talk,
        post=lambda p: talk_data(p, when=p.talk.starts_at, where="Laborhalle Hochfeld"),
    ),
    Row(
        "transfer_talk_outcome",
        OFFICERS,
        talk,
        post=lambda p: {"outcome": Talk.Outcome.FOLLOW_UP, "outcome_note": "Zweiter Termin"},
    ),
    Row("transfer_talk_delete", OFFICE, talk, post=nothing),
    Row("transfer_talk_history", OFFICERS, talk),
    Row("transfer_effect", EFFECT),
    Row(
        "transfer_effect_publish",
        OFFICE,
        post=lambda p: {"indicator": p.indicator.pk, "observed_on": "2025-12-31"},
    ),
    Row("transfer_topics", OFFICE, post=lambda p: {"name": "Neues Thema", "position": 4}),
    Row(
        "transfer_topic_edit",
        OFFICE,
        topic,
        post=lambda p: {"name": f"{p.topic.name} II", "position": 1},
    ),
    Row("transfer_topic_delete", OFFICE, topic, post=nothing),
]
CASES = [(row, "GET") for row in TABLE if row.get] + [(row, "POST") for row in TABLE if row.post]
IDS = [f"{row}-{method}" for row, method in CASES]
OBJECT_CASES = [(row, method) for row, method in CASES if row.target]
OBJECT_IDS = [f"{row}-{method}" for row, method in OBJECT_CASES]


def test_the_table_names_every_view():
    assert {row.name for row in TABLE} == {pattern.name for pattern in urls.urlpatterns}


def expected(row, method, persona):
    if persona in row.allowed:
        return 302 if method == "POST" else 200
    return LOGIN if persona == "anonymous" else 403


def written():
    """Every row of the app with what may change in it, the mails queued, the indicator
    values and the number of history records: what a request may have changed."""
    rows = [
        sorted(Topic.objects.values_list("pk", "name", "position")),
        sorted(Offer.objects.values_list("pk", "version", "state")),
        sorted(Need.objects.values_list("pk", "version", "state")),
        sorted(Talk.objects.values_list("pk", "version", "sequence")),
        sorted(Offer.topics.through.objects.values_list("offer_id", "topic_id")),
        sorted(Need.topics.through.objects.values_list("need_id", "topic_id")),
        sorted(Talk.participants.through.objects.values_list("talk_id", "person_id")),
        sorted(Observation.objects.values_list("pk", "value")),
    ]
    histories = sum(model.history.count() for model in (Topic, Offer, Need, Talk))
    return rows, OutgoingMail.objects.count(), histories


def ask_everyone(personas, row, method, place, *, slug, foreign):
    """{persona: answer}, {persona: whether the request wrote}, {persona: names of the
    `foreign(persona)` places on the page}. Each persona asks inside a transaction that
    is rolled back, so each meets the same data, and with an empty cache, so that no
    rate limit counts another persona's message."""
    answers, wrote, leaks = {}, {}, {}
    client = Client()
    url = reverse(row.name, kwargs={"initiative_slug": slug, **row.kwargs(place)})
    for name, user in personas.items():
        with transaction.atomic():
            for each in caches.all():
                each.clear()
            fresh(client, user)
            before = written()
            response = client.post(url, row.post(place)) if method == "POST" else client.get(url)
            answers[name] = answer(response)
            wrote[name] = written() != before
            page = response.content.decode(errors="replace")
            leaks[name] = [n for other in foreign(name) for n in other.names if n in page]
            transaction.set_rollback(True)
    return answers, wrote, leaks


NOBODY = dict.fromkeys(PERSONAS, [])


@pytest.mark.parametrize(("row", "method"), CASES, ids=IDS)
def test_duisburg(places, personas, row, method):
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        places["duisburg"],
        slug="duisburg",
        foreign=lambda persona: [places["muelheim"], places["forum"]],
    )

    assert answers == {p: expected(row, method, p) for p in PERSONAS}
    # Only an allowed POST changes anything.
    assert wrote == {p: method == "POST" and answers[p] == 302 for p in PERSONAS}
    assert leaks == NOBODY


@pytest.mark.parametrize(("row", "method"), OBJECT_CASES, ids=OBJECT_IDS)
def test_muelheims_objects_through_duisburg_are_not_found(places, personas, row, method):
    """/duisburg/transfer/offers/<id of a Mülheim offer>/: Mülheim's object does not
    exist in Duisburg, for anybody."""
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        places["muelheim"],
        slug="duisburg",
        foreign=lambda persona: [places["muelheim"], places["forum"]],
    )

    assert answers == dict.fromkeys(PERSONAS, 404)
    assert wrote == dict.fromkeys(PERSONAS, False)
    assert leaks == NOBODY


@pytest.mark.parametrize(("row", "method"), CASES, ids=IDS)
def test_the_forum_is_hidden(places, personas, row, method):
    """Nobody but Paul takes part in the non-public forum: for all others, anonymous
    visitors included, it does not exist, and nothing they send changes it."""
    outsiders = [p for p in PERSONAS if p != "paul"]
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        places["forum"],
        slug="forum",
        foreign=lambda persona: (
            [places["duisburg"], places["muelheim"]]
            + ([] if persona == "paul" else [places["forum"]])
        ),
    )

    assert answers == {**dict.fromkeys(outsiders, 404), "paul": expected(row, method, "paul")}
    assert wrote == {p: p == "paul" and method == "POST" for p in PERSONAS}
    assert leaks == NOBODY


def test_a_need_state_change_takes_no_get(places, as_persona):
    url = reverse("transfer_need_state", args=["duisburg", places["duisburg"].need.pk])
    before = written()
    assert as_persona("anna").get(url).status_code == 405
    assert written() == before


def test_withdrawing_an_offer_is_confirmed_first(places, as_persona):
    offer = places["duisburg"].offer
    url = reverse("transfer_offer_state", args=["duisburg", offer.pk])
    client = as_persona("anna")
    before = written()

    confirm = client.get(url + "?action=withdraw")
    assert confirm.status_code == 200
    assert b'name="action" value="withdraw"' in confirm.content
    assert client.get(url + "?action=publish").status_code == 302
    assert written() == before

    client.post(url, {"action": "withdraw", "seen_version": offer.version})
    offer.refresh_from_db()
    assert offer.state == "withdrawn"


def test_the_office_publishes_the_version_it_saw(places, as_persona):
    offer = places["duisburg"].offer
    offer.state = "submitted"
    offer.save()
    seen = offer.version
    # The officer's edit after the office opened the page.
    type(offer).objects.filter(pk=offer.pk).update(title="Inzwischen geändert", version=seen + 1)

    url = reverse("transfer_offer_state", args=["duisburg", offer.pk])
    as_persona("anna").post(url, {"action": "publish", "seen_version": seen})

    offer.refresh_from_db()
    assert offer.state == "submitted"


# Theo, transfer officer ----------------------------------------------------------------


def test_the_officers_offer_form_offers_only_his_institution(places, theo, client):
    place = places["duisburg"]
    client.force_login(theo)
    response = client.get(reverse("transfer_offer_create", args=["duisburg"]))

    form = response.context["form"]
    assert list(form.fields["institution"].queryset) == [place.university]
    assert set(form.fields["contact"].queryset) == {place.offer_contact, theo.person}
    page = response.content.decode()
    assert place.university.name in page
    assert place.institute.name not in page


def test_the_office_may_choose_any_institution(places, anna, client):
    place = places["duisburg"]
    client.force_login(anna)
    form = client.get(reverse("transfer_offer_create", args=["duisburg"])).context["form"]
    assert set(form.fields["institution"].queryset) == {place.university, place.institute}


@pytest.mark.parametrize("view", ["transfer_offer_create", "transfer_offer_edit"])
def test_an_officer_cannot_offer_in_another_institutions_name(places, theo, client, view):
    place = places["duisburg"]
    client.force_login(theo)
    args = ["duisburg"] + ([place.offer.pk] if view == "transfer_offer_edit" else [])
    before = written()

    response = client.post(
        reverse(view, args=args),
        {**offer_data(place, title="Im Namen des Instituts"), "institution": place.institute.pk},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["institution"]
    assert written() == before


def test_an_officer_cannot_edit_another_institutions_offer(places, theo, client):
    place = places["duisburg"]
    theirs = world.offer(
        initiative=place.initiative, institution=place.institute, title="Hafenlogistik"
    )
    client.force_login(theo)
    before = written()

    assert (
        client.get(reverse("transfer_offer_edit", args=["duisburg", theirs.pk])).status_code == 403
    )
    response = client.post(
        reverse("transfer_offer_edit", args=["duisburg", theirs.pk]),
        {**offer_data(place, title="Übernommen"), "institution": place.institute.pk},
    )
    assert response.status_code == 403
    assert written() == before


def test_an_officers_new_offer_waits_for_the_office(places, theo, anna, client):
    """Theo's offer is submitted: the office is told, the catalogue does not show it
    (to anonymous visitors, to Ben) until Anna publishes it."""
    client.force_login(theo)
    response = client.post(
        reverse("transfer_offer_create", args=["duisburg"]),
        offer_data(places["duisburg"], title="Mikroskopie für Mittelständler"),
    )
    created = Offer.objects.get(title="Mikroskopie für Mittelständler")
    assert response.status_code == 302
    assert created.state == Offer.State.SUBMITTED
    assert created.created_by == theo
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == ["anna@example.org"]
    # Theo sees it in his list, marked as waiting.
    theos_list = client.get(reverse("transfer_offers", args=["duisburg"])).content.decode()
    assert "Mikroskopie für Mittelständler" in theos_list

    visitor = Client()
    catalogue = reverse("transfer_offers", args=["duisburg"])
    detail = reverse("transfer_offer", args=["duisburg", created.pk])
    assert "Mikroskopie für Mittelständler" not in visitor.get(catalogue).content.decode()
    assert answer(visitor.get(detail)) == LOGIN

    # Theo cannot publish it himself.
    client.post(
        reverse("transfer_offer_state", args=["duisburg", created.pk]), {"action": "publish"}
    )
    created.refresh_from_db()
    assert created.state == Offer.State.SUBMITTED

    office = Client()
    office.force_login(anna)
    office.post(
        reverse("transfer_offer_state", args=["duisburg", created.pk]), {"action": "publish"}
    )
    created.refresh_from_db()
    assert created.state == Offer.State.PUBLISHED
    assert "Mikroskopie für Mittelständler" in visitor.get(catalogue).content.decode()
    assert visitor.get(detail).status_code == 200


def test_an_officer_sees_the_needs_for_officers(places, theo, ben, client):
    place = places["duisburg"]
    url = reverse("transfer_needs", args=["duisburg"])
    client.force_login(theo)
    assert place.secret_need.title in client.get(url).content.decode()
    client.force_login(ben)
    assert place.secret_need.title not in client.get(url).content.decode()


def test_an_officer_proposes_a_talk_from_a_suggestion(places, theo, client):
    """The suggestion's link fills in the need, the offer and their contacts; saving
    invites both."""
    place = places["duisburg"]
    client.force_login(theo)
    form = client.get(
        reverse("transfer_talk_create", args=["duisburg"]),
        {"need": place.need.pk, "offer": place.offer.pk},
    ).context["form"]
    assert form.instance.company == place.firm
    assert form.instance.institution == place.university
    assert set(form.initial["participants"]) == {place.offer_contact, place.need_contact}

    response = client.post(reverse("transfer_talk_create", args=["duisburg"]), talk_data(place))

    assert response.status_code == 302
    new = Talk.objects.filter(initiative=place.initiative).exclude(pk=place.talk.pk).get()
    assert new.created_by == theo
    assert set(OutgoingMail.objects.values_list("to", flat=True)) == {
        place.offer_contact.email,
        place.need_contact.email,
    }


def test_neither_officer_nor_firm_may_delete_or_publish(places, theo, fritz, client):
    place = places["duisburg"]
    submitted = world.offer(
        initiative=place.initiative,
        institution=place.university,
        title="Wartet noch",
        state=Offer.State.SUBMITTED,
    )
    before = written()
    for user in (theo, fritz):
        client.force_login(user)
        for name, pk in (
            ("transfer_offer_delete", place.offer.pk),
            ("transfer_need_delete", place.need.pk),
            ("transfer_talk_delete", place.talk.pk),
            ("transfer_topic_delete", place.topic.pk),
        ):
            assert client.post(reverse(name, args=["duisburg", pk])).status_code == 403, name
        response = client.post(
            reverse("transfer_offer_state", args=["duisburg", submitted.pk]), {"action": "publish"}
        )
        assert response.status_code in (302, 403)
    assert written() == before
    submitted.refresh_from_db()
    assert submitted.state == Offer.State.SUBMITTED


def test_an_officer_may_withdraw_and_resubmit_but_the_page_offers_no_publish(places, theo, client):
    place = places["duisburg"]
    client.force_login(theo)
    url = reverse("transfer_offer_state", args=["duisburg", place.offer.pk])

    client.post(url, {"action": "withdraw"})
    place.offer.refresh_from_db()
    assert place.offer.state == Offer.State.WITHDRAWN
    page = client.get(reverse("transfer_offer", args=["duisburg", place.offer.pk]))
    assert [action for action, label in page.context["actions"]] == ["submit"]

    client.post(url, {"action": "submit"})
    place.offer.refresh_from_db()
    assert place.offer.state == Offer.State.SUBMITTED


# Fritz, of a firm ----------------------------------------------------------------------


def test_a_firm_posts_needs_for_its_own_company_only(places, fritz, client):
    place = places["duisburg"]
    client.force_login(fritz)
    url = reverse("transfer_need_create", args=["duisburg"])

    form = client.get(url).context["form"]
    assert list(form.fields["company"].queryset) == [place.firm]

    before = written()
    refused = client.post(url, need_data(place, title="Fremder Bedarf", company=place.other_firm))
    assert list(refused.context["form"].errors) == ["company"]
    assert written() == before

    accepted = client.post(url, need_data(place, title="Eigener Bedarf"))
    assert accepted.status_code == 302
    assert Need.objects.get(title="Eigener Bedarf").company == place.firm


def test_a_firm_sees_its_own_needs_for_officers_but_not_others(places, fritz, client):
    place = places["duisburg"]
    own_secret = world.need(
        initiative=place.initiative,
        company=place.firm,
        title="Unser vertraulicher Bedarf",
        visibility=Need.Visibility.OFFICERS,
    )
    client.force_login(fritz)

    page = client.get(reverse("transfer_needs", args=["duisburg"])).content.decode()
    assert own_secret.title in page
    assert place.secret_need.title not in page
    assert client.get(reverse("transfer_need", args=["duisburg", own_secret.pk])).status_code == 200
    assert (
        client.get(reverse("transfer_need", args=["duisburg", place.secret_need.pk])).status_code
        == 403
    )


def test_a_firm_sees_the_catalogues_suggestions_for_its_need_but_no_talks(places, fritz, client):
    place = places["duisburg"]
    client.force_login(fritz)
    response = client.get(reverse("transfer_need", args=["duisburg", place.need.pk]))
    assert [s.entry for s in response.context["suggestions"]] == [place.offer]
    assert response.context["talks"] is None
    assert b"transfer/talks/new/" not in response.content


def test_a_person_of_the_firm_without_a_role_here_sees_only_public_needs(places, muelheim, client):
    """Organisations are shared across initiatives: a member of Mülheim whose person
    works for Fritz's firm does not see the firm's needs for officers in Duisburg,
    neither on its page nor in the list."""
    place = places["duisburg"]
    own_secret = world.need(
        initiative=place.initiative,
        company=place.firm,
        title="Unser vertraulicher Bedarf",
        visibility=Need.Visibility.OFFICERS,
    )
    colleague = world.firm_person(muelheim, place.firm, email="kollege@example.org")
    client.force_login(colleague)

    assert client.get(reverse("transfer_need", args=["duisburg", own_secret.pk])).status_code == 403
    page = client.get(reverse("transfer_needs", args=["duisburg"])).content.decode()
    assert own_secret.title not in page
    assert place.need.title in page
