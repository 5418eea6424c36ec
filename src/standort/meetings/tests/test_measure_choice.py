"""Anna links measures to an agenda item and a decision by ticking them in a list of
checkboxes (issue 14, item 13): what she ticks is linked, a measure of another
initiative is refused, and the list is a fieldset that works without JavaScript."""

import datetime
import re
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from tinyhtml5.parser import HTMLParser

from standort.initiatives.tests.factories import BodyFactory
from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory
from standort.meetings.models import AgendaItem, Decision, Meeting

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def meeting(duisburg):
    body = BodyFactory(initiative=duisburg, name="Lenkungskreis", kind="steering_committee")
    return Meeting.objects.create(
        initiative=duisburg,
        body=body,
        title="Sitzung Frühjahr",
        starts_at=datetime.datetime(2026, 3, 16, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2026, 3, 16, 12, 0, tzinfo=BERLIN),
        location="Rathaus",
    )


@pytest.fixture
def measures(duisburg):
    return [
        MeasureFactory(initiative=duisburg, number=number, title=title, status=status)
        for number, title, status in [
            (3, "Gründerzentrum Innenhafen", Measure.Status.PROPOSED),
            (7, "Breitband für Gewerbegebiete", Measure.Status.ADOPTED),
            (12, "Flächenpool Logistik", Measure.Status.IN_PROGRESS),
        ]
    ]


def _agenda_url(meeting):
    return reverse("agenda_item_create", args=["duisburg", meeting.pk])


def test_the_ticked_measures_are_linked_to_the_agenda_item(meeting, measures, as_persona):
    founders, broadband, land = measures
    client = as_persona("anna")
    response = client.post(
        _agenda_url(meeting),
        {"position": "1", "title": "Stand der Projekte", "measures": [founders.pk, land.pk]},
    )
    assert response.status_code == 302
    item = meeting.agenda.get()
    assert set(item.measures.all()) == {founders, land}
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "3 Gründerzentrum Innenhafen" in page
    assert "12 Flächenpool Logistik" in page
    assert "Breitband für Gewerbegebiete" not in page


def test_a_measure_of_another_initiative_is_refused(meeting, measures, as_persona, muelheim):
    foreign = MeasureFactory(initiative=muelheim, number=4, title="Industriekonferenz")
    response = as_persona("anna").post(
        _agenda_url(meeting),
        {"position": "1", "title": "Stand", "measures": [measures[0].pk, foreign.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("measures", "invalid_choice")
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    # Nor is it offered.
    assert "Industriekonferenz" not in response.content.decode()


def test_a_decision_adopts_the_ticked_measures_only_of_its_initiative(
    meeting, measures, as_persona, muelheim
):
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Beschlüsse")
    url = reverse("decision_create", args=["duisburg", meeting.pk, item.pk])
    client = as_persona("anna")
    foreign = MeasureFactory(initiative=muelheim, status=Measure.Status.PROPOSED)
    refused = client.post(url, {"text": "Angenommen", "adopted_measures": [foreign.pk]})
    assert refused.context["form"].has_error("adopted_measures", "invalid_choice")
    assert not Decision.objects.filter(agenda_item=item).exists()

    response = client.post(url, {"text": "Angenommen", "adopted_measures": [measures[0].pk]})
    assert response.status_code == 302
    assert list(item.decisions.get().adopted_measures.all()) == [measures[0]]


def test_the_measures_are_a_fieldset_of_labelled_checkboxes(meeting, measures, as_persona):
    page = as_persona("anna").get(_agenda_url(meeting)).content.decode()
    fieldset = re.search(r'<fieldset[^>]*id="id_measures".*?</fieldset>', page, re.S).group(0)
    assert re.search(r"<legend[^>]*>Maßnahmen\b", fieldset)
    boxes = re.findall(
        r'<input type="checkbox" name="measures" value="(\d+)"[^>]*id="([^"]+)"', fieldset
    )
    labels = dict(re.findall(r'<label class="kern-label" for="([^"]+)">([^<]+)</label>', fieldset))
    assert [labels[box_id] for _pk, box_id in boxes] == [
        "3 Gründerzentrum Innenhafen",
        "7 Breitband für Gewerbegebiete",
        "12 Flächenpool Logistik",
    ]
    # The filter waits for the script; without it every box shows and is sent.
    filter_input = re.search(r'<input[^>]*type="search"[^>]*>', fieldset).group(0)
    assert 'name="' not in filter_input
    assert re.search(
        r'<label class="kern-label" for="id_measures_filter">Maßnahmen filtern<', fieldset
    )
    assert re.search(r"<div[^>]*data-checklist-filter hidden>", fieldset)
    assert 'role="status"' in fieldset
    assert "Keine ausgewählt" in fieldset
    # The script comes from a file (a Content-Security-Policy without 'unsafe-inline').
    assert re.search(r'<script src="/static/core/checklist\.js" defer></script>', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\son[a-z]+=", page)


def test_the_chosen_measures_come_first(meeting, measures, as_persona):
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Logistik")
    item.measures.set([measures[2]])
    url = reverse("agenda_item_edit", args=["duisburg", meeting.pk, item.pk])
    page = as_persona("anna").get(url).content.decode()
    values = re.findall(r'<input type="checkbox" name="measures" value="(\d+)"', page)
    assert values == [str(m.pk) for m in (measures[2], measures[0], measures[1])]
    assert re.search(rf'value="{measures[2].pk}"[^>]*checked', page)
    assert "1 ausgewählt" in page


def test_without_measures_the_form_says_so(meeting, as_persona):
    page = as_persona("anna").get(_agenda_url(meeting)).content.decode()
    assert "Es gibt keine Maßnahmen zur Auswahl." in page
    assert 'type="search"' not in page


def test_the_form_page_parses_without_errors(meeting, measures, as_persona):
    page = as_persona("anna").get(_agenda_url(meeting)).content.decode()
    parser = HTMLParser()
    parser.parse(page)
    assert parser.errors == []
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
