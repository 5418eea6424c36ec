"""Suggestions: which offers fit a need (and which needs an offer), in what order, and
why. Three points for each shared topic, one for each of the one side's key words the
other's text contains."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import Organization
from standort.transfer import queries
from standort.transfer.matching import KEY_WORDS, key_words
from standort.transfer.models import Need, Offer

from . import world
from .factories import TopicFactory

pytestmark = pytest.mark.django_db

SCIENCE, COMPANY = Organization.Kind.SCIENCE, Organization.Kind.COMPANY


@pytest.fixture
def topics(duisburg):
    return {
        name: TopicFactory(initiative=duisburg, name=name, position=position)
        for position, name in enumerate(["Werkstoffe", "Produktion", "Logistik"])
    }


@pytest.fixture
def orgs(duisburg):
    return {
        "university": world.organization(duisburg, "Hochschule Rheinufer", SCIENCE),
        "institute": world.organization(duisburg, "Institut für Fügetechnik", SCIENCE),
        "firm": world.organization(duisburg, "Stahlbau Rheinhausen GmbH", COMPANY),
        "other_firm": world.organization(duisburg, "Kranbau Ruhrort KG", COMPANY),
    }


# Key words ---------------------------------------------------------------------------


def test_key_words_fold_umlauts_and_cut_to_stems():
    assert key_words("Schweißnähte prüfen") == {"schweis": "Schweißnähte", "pruefen": "prüfen"}
    # "Werkstoffen" has the stem of "Werkstoffe": the first as written is shown.
    assert key_words("Werkstoffe", "Werkstoffen Größe") == {
        "werksto": "Werkstoffe",
        "groesse": "Größe",
    }


def test_key_words_drop_common_and_short_words():
    text = "Über die Prüfung für unsere Schweißnähte sowie weitere Projekte im Betrieb"
    assert key_words(text) == {"pruefun": "Prüfung", "schweis": "Schweißnähte"}


def test_key_words_keep_the_longest():
    # Thirteen stems of seven letters ("aawerks", "bbwerks", …) and a short one.
    long_words = [f"{letter}{letter}Werkstück" for letter in "abcdefghijklm"]
    found = key_words(" ".join(["Kabel", *long_words]))
    assert len(found) == KEY_WORDS
    assert "kabel" not in found


# Offers for a need ---------------------------------------------------------------------


@pytest.fixture
def need(duisburg, topics, orgs):
    return world.need(
        initiative=duisburg,
        company=orgs["firm"],
        title="Schweißnähte prüfen",
        problem="Schweißnähte prüfen.",
        topics=[topics["Werkstoffe"], topics["Produktion"]],
    )


@pytest.fixture
def offers(duisburg, topics, orgs):
    """The candidates for the need: what each shares with it is its name."""
    both = [topics["Werkstoffe"], topics["Produktion"]]

    def make(label, institution="university", chosen=(), **fields):
        return world.offer(
            initiative=duisburg,
            institution=orgs[institution],
            topics=list(chosen),
            title=label.capitalize(),
            **fields,
        )

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return {
        "everything": make(
            "zerstörungsfreie Materialanalyse",
            chosen=both,
            description="Wir prüfen Schweißnähte mit Ultraschall.",
        ),
        "one topic": make(
            "leichtbau-Labor", chosen=[topics["Werkstoffe"]], description="Aluminium im Test."
        ),
        "one word": make(
            "rohrleitungsbau", institution="institute", description="Schweissnaehte an Rohren."
        ),
        "nothing": make(
            "lagerlogistik", chosen=[topics["Logistik"]], description="Routenplanung im Lager."
        ),
        # The need's own organisation, however well it fits (an organisation's kind
        # may change after it wrote an offer).
        "own": make(
            "eigenes Labor",
            institution="firm",
            chosen=both,
            description="Wir prüfen Schweißnähte selbst.",
        ),
        "withdrawn": make(
            "zurückgezogen",
            chosen=both,
            description="Wir prüfen Schweißnähte.",
            state=Offer.State.WITHDRAWN,
        ),
        "expired": make(
            "abgelaufen",
            chosen=both,
            description="Wir prüfen Schweißnähte.",
            valid_until=yesterday,
        ),
        "submitted": make(
            "eingereicht",
            chosen=both,
            description="Wir prüfen Schweißnähte.",
            state=Offer.State.SUBMITTED,
        ),
    }


def suggestions_on_the_page(client, need):
    response = client.get(reverse("transfer_need", args=["duisburg", need.pk]))
    assert response.status_code == 200
    return response, response.context["suggestions"]


def test_the_offer_sharing_most_comes_first_with_its_reason(need, offers, anna, client):
    client.force_login(anna)
    response, suggestions = suggestions_on_the_page(client, need)

    assert [s.entry for s in suggestions] == [
        offers["everything"],
        offers["one topic"],
        offers["one word"],
    ]
    assert [s.score for s in suggestions] == [2 * 3 + 2, 3, 1]
    best = suggestions[0]
    assert best.topics == ["Werkstoffe", "Produktion"]
    assert best.words == ["Schweißnähte", "prüfen"]
    assert suggestions[1].topics == ["Werkstoffe"]
    assert suggestions[1].words == []
    assert suggestions[2].topics == []
    assert suggestions[2].words == ["Schweißnähte"]
    page = response.content.decode()
    assert "Werkstoffe, Produktion" in page
    assert "Schweißnähte, prüfen" in page


@pytest.mark.parametrize("label", ["nothing", "own", "withdrawn", "expired", "submitted"])
def test_offers_that_do_not_fit_or_are_not_in_the_catalogue_are_not_suggested(
    need, offers, anna, client, label
):
    client.force_login(anna)
    response, suggestions = suggestions_on_the_page(client, need)
    assert offers[label] not in [s.entry for s in suggestions]
    assert offers[label].title not in response.content.decode()


def test_the_query_ranks_in_the_database(need, offers, duisburg):
    """The ranking itself, without the page: all valid offers but the need's own."""
    found = queries.offers_for_need(need, queries.offers_for(duisburg))
    assert [s.entry for s in found] == [
        offers["everything"],
        offers["one topic"],
        offers["one word"],
    ]


def test_a_need_without_topics_or_key_words_gets_no_suggestion(duisburg, offers, orgs):
    bare = world.need(initiative=duisburg, company=orgs["firm"], title="Hilfe", problem="Idee?")
    assert queries.offers_for_need(bare, queries.offers_for(duisburg)) == []


def test_at_most_five_are_suggested(need, duisburg, topics, orgs):
    for n in range(7):
        world.offer(
            initiative=duisburg,
            institution=orgs["university"],
            title=f"Labor {n}",
            topics=[topics["Werkstoffe"]],
            description="Messtechnik.",
        )
    assert len(queries.offers_for_need(need, queries.offers_for(duisburg))) == 5


# Needs for an offer ----------------------------------------------------------------------


@pytest.fixture
def offer(duisburg, topics, orgs):
    return world.offer(
        initiative=duisburg,
        institution=orgs["university"],
        title="Prüflabor",
        description="Schweißnähte prüfen.",
        topics=[topics["Werkstoffe"], topics["Produktion"]],
    )


@pytest.fixture
def needs(duisburg, topics, orgs):
    both = [topics["Werkstoffe"], topics["Produktion"]]

    def make(label, company="firm", chosen=(), **fields):
        return world.need(
            initiative=duisburg,
            company=orgs[company],
            topics=list(chosen),
            title=label.capitalize(),
            **fields,
        )

    return {
        "everything": make(
            "qualität am Kran",
            chosen=both,
            problem="Wir müssen Schweißnähte prüfen.",
            visibility=Need.Visibility.OFFICERS,
        ),
        "one topic": make(
            "leichter bauen",
            company="other_firm",
            chosen=[topics["Produktion"]],
            problem="Gewicht.",
        ),
        "one word": make("rohre", problem="Schweißnähte an Rohren.", visibility="public"),
        "nothing": make("lager", chosen=[topics["Logistik"]], problem="Routenplanung."),
        "closed": make(
            "erledigt", chosen=both, problem="Schweißnähte prüfen.", state=Need.State.CLOSED
        ),
        # The offer's own institution as a firm: never matched with itself.
        "own": make(
            "eigener Bedarf", company="university", chosen=both, problem="Schweißnähte prüfen."
        ),
    }


def test_the_needs_that_fit_an_offer(offer, needs, anna, client):
    client.force_login(anna)
    response = client.get(reverse("transfer_offer", args=["duisburg", offer.pk]))
    suggestions = response.context["suggestions"]

    assert [s.entry for s in suggestions] == [
        needs["everything"],
        needs["one topic"],
        needs["one word"],
    ]
    assert [s.score for s in suggestions] == [8, 3, 1]
    assert suggestions[0].topics == ["Werkstoffe", "Produktion"]
    assert suggestions[0].words == ["Schweißnähte", "prüfen"]
    assert suggestions[1].topics == ["Produktion"]
    page = response.content.decode()
    for label in ("nothing", "closed", "own"):
        assert needs[label].title not in page, label


# Queries ---------------------------------------------------------------------------------


def _fitting_offers(duisburg, topics, orgs, start, end):
    for index in range(start, end):
        institution = world.organization(duisburg, f"Institut Nr. {index}", SCIENCE)
        world.offer(
            initiative=duisburg,
            institution=institution,
            title=f"Angebot Nr. {index}",
            topics=[topics["Werkstoffe"]],
            description="Schweißnähte prüfen.",
        )


def _suggest_and_read(need, duisburg):
    """The suggestions as the page reads them."""
    with CaptureQueriesContext(connection) as queries_made:
        for suggestion in queries.offers_for_need(need, queries.offers_for(duisburg)):
            str(suggestion.entry.institution.name)
            list(suggestion.topics)
            list(suggestion.words)
    return len(queries_made)


def test_the_query_count_does_not_grow_with_the_offers(need, duisburg, topics, orgs):
    _fitting_offers(duisburg, topics, orgs, 0, 2)
    few = _suggest_and_read(need, duisburg)
    _fitting_offers(duisburg, topics, orgs, 2, 20)
    assert _suggest_and_read(need, duisburg) == few
    # The need's topics, the ranked offers with their institutions, their topics (the
    # catalogue's prefetch), the names of the shared topics.
    assert few == 4
