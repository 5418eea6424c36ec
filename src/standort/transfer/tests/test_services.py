"""The transfer platform's services: moderation of offers, the search text, matching
talks with their calendar invitations and outcomes, the effect figures and the share
of cooperating firms published as an indicator value."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from standort.core.models import OutgoingMail
from standort.core.services import DomainError
from standort.indicators.models import Observation
from standort.indicators.tests.factories import IndicatorFactory
from standort.initiatives.models import Organization
from standort.initiatives.tests.factories import PersonFactory
from standort.transfer import queries, services
from standort.transfer.models import Need, Offer, Talk

from . import world
from .factories import TalkFactory, TopicFactory

pytestmark = pytest.mark.django_db

SCIENCE, COMPANY = Organization.Kind.SCIENCE, Organization.Kind.COMPANY
State = Offer.State
UTC = datetime.UTC


@pytest.fixture
def orgs(duisburg):
    return {
        "university": world.organization(duisburg, "Hochschule Rheinufer", SCIENCE),
        "institute": world.organization(duisburg, "Institut für Fügetechnik", SCIENCE),
        "firm": world.organization(duisburg, "Stahlbau Rheinhausen GmbH", COMPANY),
        "other_firm": world.organization(duisburg, "Kranbau Ruhrort KG", COMPANY),
    }


# Moderation ---------------------------------------------------------------------------

# (state, action, by the office): the state it becomes, or None: refused.
TRANSITIONS = [
    (State.DRAFT, "publish", True, State.PUBLISHED),
    (State.SUBMITTED, "publish", True, State.PUBLISHED),
    (State.WITHDRAWN, "publish", True, State.PUBLISHED),
    (State.PUBLISHED, "publish", True, None),
    (State.SUBMITTED, "publish", False, None),
    (State.DRAFT, "publish", False, None),
    (State.SUBMITTED, "withdraw", False, State.WITHDRAWN),
    (State.PUBLISHED, "withdraw", False, State.WITHDRAWN),
    (State.PUBLISHED, "withdraw", True, State.WITHDRAWN),
    (State.DRAFT, "withdraw", True, None),
    (State.WITHDRAWN, "withdraw", False, None),
    (State.DRAFT, "submit", False, State.SUBMITTED),
    (State.WITHDRAWN, "submit", False, State.SUBMITTED),
    (State.SUBMITTED, "submit", False, None),
    (State.PUBLISHED, "submit", True, None),
]


@pytest.mark.parametrize(
    ("state", "action", "by_office", "becomes"),
    TRANSITIONS,
    ids=[f"{s}-{a}-{'office' if o else 'officer'}" for s, a, o, _ in TRANSITIONS],
)
def test_moderation(duisburg, orgs, anna, state, action, by_office, becomes):
    offer = world.offer(initiative=duisburg, institution=orgs["university"], state=state)
    history = offer.history.count()

    if becomes is None:
        assert not services.offer_action_allowed(offer, action, by_office=by_office)
        with pytest.raises(DomainError):
            services.offer_change_state(actor=anna, offer=offer, action=action, by_office=by_office)
        offer.refresh_from_db()
        assert offer.state == state
        assert offer.history.count() == history
    else:
        assert services.offer_action_allowed(offer, action, by_office=by_office)
        services.offer_change_state(actor=anna, offer=offer, action=action, by_office=by_office)
        offer.refresh_from_db()
        assert offer.state == becomes
        assert offer.history.count() == history + 1
    # Only a submission asks the office (Anna) for approval.
    mails = list(OutgoingMail.objects.values_list("to", flat=True))
    assert mails == (["anna@example.org"] if becomes == State.SUBMITTED else [])


# Saving offers and needs -------------------------------------------------------------------


def test_offer_save_folds_the_search_text_and_publishes_the_offices_offer(duisburg, orgs, anna):
    topic = TopicFactory(initiative=duisburg, name="Werkstoffe")
    offer = Offer(
        initiative=duisburg,
        institution=orgs["university"],
        kind=Offer.Kind.EQUIPMENT,
        title="Prüfung von Werkstoffen",
        description="Größere  Bauteile",
        conditions="Kostenlos für KMU",
    )

    services.offer_save(actor=anna, offer=offer, topics=[topic], by_office=True)

    offer.refresh_from_db()
    assert offer.search_text == "pruefung von werkstoffen groessere bauteile kostenlos fuer kmu"
    assert offer.state == State.PUBLISHED
    assert offer.created_by == anna
    assert list(offer.topics.all()) == [topic]
    assert not OutgoingMail.objects.exists()

    offer.title = "Prüfung von Schweißnähten"
    services.offer_save(actor=anna, offer=offer, topics=[], by_office=False)
    offer.refresh_from_db()
    assert offer.search_text.startswith("pruefung von schweissnaehten ")
    # A change keeps the state.
    assert offer.state == State.PUBLISHED
    assert not offer.topics.exists()


def test_an_officers_new_offer_is_submitted_and_the_office_told(duisburg, orgs, anna):
    ben = world.officer(duisburg, orgs["university"])
    offer = Offer(
        initiative=duisburg,
        institution=orgs["university"],
        kind=Offer.Kind.THESIS,
        title="Abschlussarbeit",
        description="Thema nach Absprache",
    )
    services.offer_save(actor=ben, offer=offer, topics=[], by_office=False)

    assert offer.state == State.SUBMITTED
    (mail,) = OutgoingMail.objects.all()
    assert mail.to == "anna@example.org"
    assert "Abschlussarbeit" in mail.subject
    assert f"/duisburg/transfer/offers/{offer.pk}/" in mail.body


def test_offers_come_from_science_and_needs_from_firms(duisburg, orgs, anna):
    offer = Offer(
        initiative=duisburg,
        institution=orgs["firm"],
        kind=Offer.Kind.THESIS,
        title="Kein Angebot",
        description="–",
    )
    with pytest.raises(DomainError):
        services.offer_save(actor=anna, offer=offer, topics=[], by_office=True)
    need = Need(initiative=duisburg, company=orgs["university"], title="Kein Bedarf", problem="–")
    with pytest.raises(DomainError):
        services.need_save(actor=anna, need=need, topics=[])
    assert not Offer.objects.exists()
    assert not Need.objects.exists()


def test_need_save_folds_the_search_text(duisburg, orgs, anna):
    need = Need(
        initiative=duisburg, company=orgs["firm"], title="Schweißnähte", problem="Prüfen, schnell!"
    )
    services.need_save(actor=anna, need=need, topics=[])
    need.refresh_from_db()
    assert need.search_text == "schweissnaehte pruefen, schnell!"
    assert need.created_by == anna


# Search --------------------------------------------------------------------------------------


def test_the_search_finds_a_word_in_its_longer_forms(duisburg, orgs, anna):
    """On SQLite by the folded text, on PostgreSQL by it or the German full-text search."""

    def offer(title, description):
        made = Offer(
            initiative=duisburg,
            institution=orgs["university"],
            kind=Offer.Kind.CONTRACT_RESEARCH,
            title=title,
            description=description,
        )
        return services.offer_save(actor=anna, offer=made, topics=[], by_office=True)

    materials = offer("Neue Werkstoffe", "Leichtbau mit Verbundwerkstoffen")
    offer("Routenplanung", "Logistik im Hafen")
    offers = queries.offers_for(duisburg)

    for query in ("Werkstoff", "werkstoffe", "WERKSTOFF leichtbau"):
        assert list(queries.search_offers(offers, query)) == [materials], query
    assert not queries.search_offers(offers, "Schweißnaht").exists()

    need = services.need_save(
        actor=anna,
        need=Need(
            initiative=duisburg, company=orgs["firm"], title="Größere Bauteile", problem="Prüfen"
        ),
        topics=[],
    )
    needs = queries.needs_for(duisburg, officers=True)
    assert list(queries.search_needs(needs, "Groesse")) == [need]
    assert list(queries.search_needs(needs, "größere")) == [need]


# Matching talks ---------------------------------------------------------------------------


@pytest.fixture
def parties(duisburg, orgs):
    offer = world.offer(initiative=duisburg, institution=orgs["university"], title="Prüflabor")
    need = world.need(initiative=duisburg, company=orgs["firm"], title="Schweißnähte prüfen")
    people = {
        "lena": PersonFactory(
            first_name="Lena",
            last_name="Labor",
            email="lena@hochschule.example",
            organization=orgs["university"],
            initiative=duisburg,
        ),
        "max": PersonFactory(
            first_name="Max",
            last_name="Meister",
            email="max@firma.example",
            organization=orgs["firm"],
            initiative=duisburg,
        ),
        # Without an address: no invitation.
        "otto": PersonFactory(
            first_name="Otto",
            last_name="Ohnemail",
            email="",
            organization=orgs["firm"],
            initiative=duisburg,
        ),
    }
    return offer, need, people


def _calendar(mail):
    calendar = Calendar.from_ical(mail.calendar)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def _talk(duisburg, orgs, parties, **fields):
    offer, need, _people = parties
    ahead = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=10)
    fields = {
        "company": orgs["firm"],
        "institution": orgs["university"],
        "need": need,
        "offer": offer,
        "starts_at": ahead,
        "place": "Laborhalle Neudorf",
        **fields,
    }
    return Talk(initiative=duisburg, **fields)


def test_a_new_talk_invites_each_participant_with_an_address(duisburg, orgs, parties, anna):
    people = parties[2]
    talk = _talk(duisburg, orgs, parties)

    services.talk_save(actor=anna, talk=talk, participants=list(people.values()))

    mails = {mail.to: mail for mail in OutgoingMail.objects.all()}
    assert set(mails) == {"lena@hochschule.example", "max@firma.example"}
    for address, mail in mails.items():
        assert mail.calendar_method == "REQUEST"
        assert "Stahlbau Rheinhausen GmbH" in mail.subject
        calendar, event = _calendar(mail)
        assert str(calendar["METHOD"]) == "REQUEST"
        assert str(event["UID"]) == f"transfer-talk-{talk.pk}@standort"
        assert event["SEQUENCE"] == 0
        assert str(event["ATTENDEE"]) == f"mailto:{address}"  # the only one
        assert event.decoded("DTSTART") == talk.starts_at
        assert str(event["LOCATION"]) == "Laborhalle Neudorf"
    assert set(talk.participants.all()) == set(people.values())


def test_moving_a_talk_sends_an_update_with_a_higher_sequence(duisburg, orgs, parties, anna):
    people = parties[2]
    talk = _talk(duisburg, orgs, parties)
    services.talk_save(actor=anna, talk=talk, participants=[people["lena"], people["max"]])
    first = set(OutgoingMail.objects.values_list("pk", flat=True))

    talk.starts_at += datetime.timedelta(days=1)
    services.talk_save(actor=anna, talk=talk, participants=[people["lena"], people["max"]])

    updates = OutgoingMail.objects.exclude(pk__in=first)
    assert {mail.to for mail in updates} == {"lena@hochschule.example", "max@firma.example"}
    for mail in updates:
        calendar, event = _calendar(mail)
        assert str(calendar["METHOD"]) == "REQUEST"
        assert str(event["UID"]) == f"transfer-talk-{talk.pk}@standort"
        assert event["SEQUENCE"] == 1
        assert event.decoded("DTSTART") == talk.starts_at


def test_a_new_participant_gets_the_invitation_and_the_others_nothing(
    duisburg, orgs, parties, anna
):
    offer, need, people = parties
    talk = _talk(duisburg, orgs, parties)
    services.talk_save(actor=anna, talk=talk, participants=[people["lena"]])
    newcomer = PersonFactory(email="neu@firma.example", initiative=duisburg)

    services.talk_save(actor=anna, talk=talk, participants=[people["lena"], newcomer])

    assert sorted(OutgoingMail.objects.values_list("to", flat=True)) == [
        "lena@hochschule.example",
        "neu@firma.example",
    ]
    talk.refresh_from_db()
    # Raised all the same: the newcomer's calendar takes this invitation.
    assert talk.sequence == 1


def test_a_talk_in_the_past_invites_nobody(duisburg, orgs, parties, anna):
    talk = _talk(duisburg, orgs, parties, starts_at=timezone.now() - datetime.timedelta(days=1))
    services.talk_save(actor=anna, talk=talk, participants=list(parties[2].values()))
    assert not OutgoingMail.objects.exists()


def test_deleting_a_talk_ahead_calls_it_off(duisburg, orgs, parties, anna):
    people = parties[2]
    talk = _talk(duisburg, orgs, parties)
    services.talk_save(actor=anna, talk=talk, participants=list(people.values()))
    invitations = set(OutgoingMail.objects.values_list("pk", flat=True))
    uid = f"transfer-talk-{talk.pk}@standort"

    services.talk_delete(actor=anna, talk=talk)

    cancellations = OutgoingMail.objects.exclude(pk__in=invitations)
    assert {mail.to for mail in cancellations} == {"lena@hochschule.example", "max@firma.example"}
    for mail in cancellations:
        assert mail.calendar_method == "CANCEL"
        calendar, event = _calendar(mail)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(event["UID"]) == uid
        assert str(event["STATUS"]) == "CANCELLED"
        assert event["SEQUENCE"] == 1
    assert not Talk.objects.filter(initiative=duisburg).exists()


def test_deleting_a_past_talk_tells_nobody(duisburg, orgs, parties, anna):
    talk = TalkFactory(
        initiative=duisburg,
        company=orgs["firm"],
        institution=orgs["university"],
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    talk.participants.set(parties[2].values())
    services.talk_delete(actor=anna, talk=talk)
    assert not OutgoingMail.objects.exists()
    assert not Talk.objects.filter(initiative=duisburg).exists()


def test_an_outcome_waits_for_the_talk(duisburg, orgs, parties, anna):
    ahead = _talk(duisburg, orgs, parties)
    services.talk_save(actor=anna, talk=ahead, participants=[])
    ahead.outcome = Talk.Outcome.COOPERATION
    with pytest.raises(DomainError):
        services.talk_record_outcome(actor=anna, talk=ahead)
    ahead.refresh_from_db()
    assert ahead.outcome == Talk.Outcome.OPEN

    held = _talk(duisburg, orgs, parties, starts_at=timezone.now() - datetime.timedelta(hours=2))
    services.talk_save(actor=anna, talk=held, participants=[])
    held.outcome, held.outcome_note = Talk.Outcome.COOPERATION, "Projekt ab Mai"
    services.talk_record_outcome(actor=anna, talk=held)
    held.refresh_from_db()
    assert (held.outcome, held.outcome_note) == (Talk.Outcome.COOPERATION, "Projekt ab Mai")


@pytest.mark.parametrize(
    ("company", "institution", "about"),
    [
        # The need is Stahlbau's, the talk Kranbau's.
        ("other_firm", "university", "need"),
        # The offer is the Hochschule's, the talk the Institut's.
        ("firm", "institute", "offer"),
        # A talk is between a firm and a science institution.
        ("university", "institute", None),
        ("firm", "other_firm", None),
    ],
)
def test_a_talk_must_fit_its_need_and_offer(
    duisburg, orgs, parties, anna, company, institution, about
):
    offer, need, people = parties
    talk = _talk(duisburg, orgs, parties, need=None, offer=None)
    talk.company, talk.institution = orgs[company], orgs[institution]
    if about == "need":
        talk.need = need
    elif about == "offer":
        talk.offer = offer

    with pytest.raises(DomainError):
        services.talk_save(actor=anna, talk=talk, participants=[people["lena"]])

    assert not Talk.objects.filter(initiative=duisburg).exists()
    assert not OutgoingMail.objects.exists()


# Effect ----------------------------------------------------------------------------------


def _at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=UTC)


@pytest.fixture
def history(duisburg, muelheim, orgs):
    """Three needs with talks held in 2025, one with a talk ahead; Stahlbau agreed a
    cooperation, Kranbau a follow-up; Walzwerk (in Duisburg too) has a cooperation
    talk still ahead, Armaturen none; a cooperation in Mülheim does not count here."""
    topic = TopicFactory(initiative=duisburg, name="Werkstoffe")
    firm, other_firm, university = orgs["firm"], orgs["other_firm"], orgs["university"]
    rolling_mill = world.organization(duisburg, "Walzwerk Hochfeld GmbH", COMPANY)
    world.organization(duisburg, "Armaturen Meiderich AG", COMPANY)
    outsider = world.organization(muelheim, "Walzwerk Styrum GmbH", COMPANY)
    offer = world.offer(initiative=duisburg, institution=university, topics=[topic])
    world.offer(initiative=duisburg, institution=university, topics=[topic], state=State.WITHDRAWN)

    def need(company, created, **fields):
        made = world.need(initiative=duisburg, company=company, **fields)
        Need.objects.filter(pk=made.pk).update(created_at=created)
        return made

    n1 = need(firm, _at(2025, 1, 1), topics=[topic])
    n2 = need(other_firm, _at(2025, 1, 1), topics=[topic], state=Need.State.CLOSED)
    n3 = need(firm, _at(2025, 2, 1))
    n4 = need(rolling_mill, _at(2025, 3, 1))

    def talk(company, need, when, outcome="", initiative=duisburg, institution=university):
        return TalkFactory(
            initiative=initiative,
            company=company,
            institution=institution,
            need=need,
            offer=offer if initiative == duisburg else None,
            starts_at=when,
            outcome=outcome,
        )

    talk(firm, n1, _at(2025, 1, 11), Talk.Outcome.COOPERATION)  # 10 days after n1
    talk(firm, n1, _at(2025, 2, 20), Talk.Outcome.FOLLOW_UP)  # n1's second talk
    talk(other_firm, n2, _at(2025, 1, 31), Talk.Outcome.NO_FIT)  # 30 days after n2
    talk(firm, n3, _at(2025, 4, 2))  # 60 days after n3, no outcome yet
    talk(other_firm, None, _at(2025, 5, 5), Talk.Outcome.FOLLOW_UP)
    talk(rolling_mill, n4, timezone.now() + datetime.timedelta(days=3), Talk.Outcome.COOPERATION)
    talk(
        outsider,
        None,
        _at(2025, 3, 3),
        Talk.Outcome.COOPERATION,
        initiative=muelheim,
        institution=world.organization(muelheim, "Hochschule Styrum", SCIENCE),
    )


def test_the_effect_figures(duisburg, history):
    with translation.override("en"):
        effect = queries.effect(duisburg)
        outcomes = {str(label): n for label, n in effect.outcomes}

    assert effect.quarters == [("Q1 2025", 3), ("Q2 2025", 2)]
    assert outcomes == {
        "not yet recorded": 1,
        "no fit": 1,
        "follow-up agreed": 2,
        "cooperation agreed": 1,
    }
    # Waits of 10, 30 and 60 days; the need with a talk ahead only is not counted.
    assert effect.days_to_first_talk == 30
    assert effect.needs_with_talk == 3
    assert (effect.offers, effect.needs) == (1, 3)
    assert [(row.name, row.offers, row.needs) for row in effect.topics] == [
        ("Werkstoffe", 1, 1)
    ]  # open needs, as the headline
    # Stahlbau of Stahlbau, Kranbau, Walzwerk Hochfeld and Armaturen.
    assert (effect.firms_cooperating, effect.firms) == (1, 4)
    assert effect.share == 25.0


def test_the_quarters_are_named_in_german(duisburg, history):
    with translation.override("de"):
        assert queries.effect(duisburg).quarters[0] == ("1. Quartal 2025", 3)


def test_publish_share_writes_the_indicator_value(duisburg, history, anna):
    indicator = IndicatorFactory(
        initiative=duisburg, name="Firmen mit Wissenschaftskooperation", unit="%"
    )

    share = services.publish_share(actor=anna, initiative=duisburg, indicator=indicator)

    assert share == 25.0
    (value,) = Observation.objects.filter(indicator=indicator)
    # The figures are today's, and so is the value.
    assert value.observed_on == timezone.localdate()
    assert value.value == Decimal("25.0")
    assert "1" in value.note and "4" in value.note

    # Published again on the same day: the value is replaced, not doubled.
    services.publish_share(actor=anna, initiative=duisburg, indicator=indicator)
    assert Observation.objects.filter(indicator=indicator).count() == 1


def test_publish_share_keeps_a_value_of_today_from_elsewhere(duisburg, history, anna):
    indicator = IndicatorFactory(initiative=duisburg, unit="%")
    Observation.objects.create(
        indicator=indicator, observed_on=timezone.localdate(), value=40, note="Umfrage 2026"
    )
    with pytest.raises(DomainError):
        services.publish_share(actor=anna, initiative=duisburg, indicator=indicator)
    assert Observation.objects.get(indicator=indicator).value == 40


def test_publish_share_goes_into_an_indicator_in_per_cent(duisburg, history, anna):
    indicator = IndicatorFactory(initiative=duisburg, unit="ha")
    with pytest.raises(DomainError):
        services.publish_share(actor=anna, initiative=duisburg, indicator=indicator)
    assert not Observation.objects.filter(indicator=indicator).exists()


def test_publish_share_refuses_an_initiative_without_firms(internal, paul):
    indicator = IndicatorFactory(initiative=internal, unit="%")
    world.organization(internal, "Akademie Werden", SCIENCE)
    with pytest.raises(DomainError):
        services.publish_share(actor=paul, initiative=internal, indicator=indicator)
    assert not Observation.objects.filter(indicator=indicator).exists()


# Added with the officers' talks and the office's look at changed offers -----------------


def test_an_officers_change_of_a_published_offer_is_shown_to_the_office(duisburg, orgs):
    ben = world.officer(duisburg, orgs["university"])
    offer = world.offer(initiative=duisburg, institution=orgs["university"], title="Prüflabor")
    anna_mails = OutgoingMail.objects.filter(to="anna@example.org")
    offer.description = "Jetzt auch für Kunststoffe."

    services.offer_save(actor=ben, offer=offer, topics=[], by_office=False)

    offer.refresh_from_db()
    assert offer.state == State.PUBLISHED
    assert not anna_mails.exists()  # nobody of the office in this initiative yet


def test_the_office_is_told_of_an_officers_change(duisburg, orgs, anna):
    ben = world.officer(duisburg, orgs["university"])
    offer = world.offer(initiative=duisburg, institution=orgs["university"], title="Prüflabor")
    offer.description = "Jetzt auch für Kunststoffe."

    services.offer_save(actor=ben, offer=offer, topics=[], by_office=False)
    services.offer_save(actor=anna, offer=offer, topics=[], by_office=True)

    (mail,) = OutgoingMail.objects.all()  # the office's own change tells nobody
    assert mail.to == "anna@example.org"
    assert "Prüflabor" in mail.subject
    assert f"/duisburg/transfer/offers/{offer.pk}/" in mail.body


def test_a_participant_taken_off_a_talk_ahead_gets_its_cancellation(duisburg, orgs, parties, anna):
    people = parties[2]
    talk = _talk(duisburg, orgs, parties)
    services.talk_save(actor=anna, talk=talk, participants=[people["lena"], people["max"]])
    invited = set(OutgoingMail.objects.values_list("pk", flat=True))

    services.talk_save(actor=anna, talk=talk, participants=[people["lena"]])

    (mail,) = OutgoingMail.objects.exclude(pk__in=invited)
    assert mail.to == "max@firma.example"
    calendar, event = _calendar(mail)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["UID"]) == f"transfer-talk-{talk.pk}@standort"


def test_a_talk_is_held_between_organisations_of_the_initiative(duisburg, orgs, parties, anna):
    stranger = Organization.objects.create(name="Fremdfirma AG", kind=COMPANY)
    talk = _talk(duisburg, orgs, parties, company=stranger, need=None)

    with pytest.raises(DomainError):
        services.talk_save(actor=anna, talk=talk, participants=[])
    assert not Talk.objects.exists()


def test_a_participant_taken_off_and_added_again_is_invited_again(duisburg, orgs, parties, anna):
    people = parties[2]
    talk = _talk(duisburg, orgs, parties)
    services.talk_save(actor=anna, talk=talk, participants=[people["lena"], people["max"]])
    services.talk_save(actor=anna, talk=talk, participants=[people["lena"]])
    earlier = set(OutgoingMail.objects.values_list("pk", flat=True))

    services.talk_save(actor=anna, talk=talk, participants=[people["lena"], people["max"]])

    (mail,) = OutgoingMail.objects.exclude(pk__in=earlier)
    assert mail.to == "max@firma.example"
    calendar, event = _calendar(mail)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert event["SEQUENCE"] == 2  # above the cancellation's


def test_a_contact_message_cannot_smuggle_a_personal_link(duisburg, orgs):
    from standort.core.links import fill_links

    contact = PersonFactory(email="lena@hochschule.example", organization=orgs["university"])
    offer = world.offer(initiative=duisburg, institution=orgs["university"], contact=contact)
    forged = [
        "[[link reviews.reviewrequest r 1 1]]",
        "[[link reviews.reviewrequest r 1 1 00000000000000000000]]",
    ]

    services.contact(
        entry=offer, sender_name="X", sender_email="x@example.org", message=" ".join(forged)
    )

    (mail,) = OutgoingMail.objects.all()
    assert mail.reply_to == "x@example.org"  # "Reply" answers the visitor
    sent = fill_links(mail.body)
    assert all(text in sent for text in forged)
    assert "/link/" not in sent


def test_a_line_break_in_a_title_does_not_reach_the_subject(duisburg, orgs):
    contact = PersonFactory(email="lena@hochschule.example", organization=orgs["university"])
    offer = world.offer(
        initiative=duisburg, institution=orgs["university"], contact=contact, title="Prüf\nlabor"
    )
    services.contact(entry=offer, sender_name="X", sender_email="x@example.org", message="Hallo")
    (mail,) = OutgoingMail.objects.all()
    assert "\n" not in mail.subject and "Prüf labor" in mail.subject
