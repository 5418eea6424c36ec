"""A measure's page is kept in the cache while its stamp holds (queries.measure_head,
core.pages.kept_key): every kind of change it shows appears on the next visit, and a
page kept for one reader never shows another what they may not do."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standort.initiatives.tests.factories import PersonFactory
from standort.measures import services
from standort.measures.models import StatusUpdate

from .catalogue import detail, report
from .factories import MilestoneFactory, PartnershipFactory


def _title(place, anna):
    place.measure.title = "Glasfaser bis ins Hafengebiet"
    services.measure_save(actor=anna, measure=place.measure)
    return "Glasfaser bis ins Hafengebiet"


def _tags(place, anna):
    services.measure_save(actor=anna, measure=place.measure, tags=["Hafenlogistik"])
    return "Hafenlogistik"


def _milestone(place, anna):
    MilestoneFactory(measure=place.measure, title="Trassenplanung abgeschlossen")
    return "Trassenplanung abgeschlossen"


def _update(place, anna):
    report(place.measure, StatusUpdate.Light.GREEN, 70, actor=anna, achieved="Tiefbau begonnen")
    return "Tiefbau begonnen"


def _partner(place, anna):
    person = PersonFactory(initiative=place.initiative, last_name="Quadflieg")
    PartnershipFactory(measure=place.measure, person=person)
    return "Quadflieg"


def _owner_renamed(place, anna):
    owner = place.measure.owner
    owner.last_name = "Oberhausen-Meyer"
    owner.save()
    return "Oberhausen-Meyer"


def _group_renamed(place, anna):
    place.group.name = "AG Infrastruktur und Netze"
    place.group.save()
    return "AG Infrastruktur und Netze"


def _field_renamed(place, anna):
    place.field.label = "Dringlichkeit"
    place.field.save()
    return "Dringlichkeit"


def _part(place, anna):
    part = place.other_measure
    part.parent = place.measure
    services.measure_save(actor=anna, measure=part)
    return 'id="parts-heading"'


def page_of(client):
    """The page without its CSRF tokens, which each response masks anew."""
    page = detail(client).content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", page)


CHANGES = [
    _title,
    _tags,
    _milestone,
    _update,
    _partner,
    _owner_renamed,
    _group_renamed,
    _field_renamed,
    _part,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_the_kept_page_shows_each_change_on_the_next_visit(catalogue, anna, as_ben, change):
    catalogue.measure.custom_values = {catalogue.field.key: "hoch"}
    services.measure_save(actor=anna, measure=catalogue.measure)
    before = page_of(as_ben)
    with CaptureQueriesContext(connection) as kept:
        assert page_of(as_ben) == before
    expected = change(catalogue, anna)
    assert expected not in before
    with CaptureQueriesContext(connection) as renewed:
        after = page_of(as_ben)
    assert expected in after
    # The second visit read the kept page; the visit after the change rendered it anew.
    assert len(kept) < len(renewed)


def test_a_page_kept_for_the_office_shows_an_observer_no_edit_links(catalogue, as_persona, client):
    edit = reverse("measure_edit", args=["duisburg", 1])
    assert edit in detail(as_persona("anna")).content.decode()
    client.logout()
    response = detail(as_persona("olga"))
    assert response.status_code == 200
    page = response.content.decode()
    assert catalogue.measure.title in page
    assert edit not in page
    assert reverse("milestone_create", args=["duisburg", 1]) not in page


# The list keeps its rows per query string while the catalogue's stamp holds
# (queries.catalogue_stamp).


def list_of(client, **params):
    response = client.get(reverse("measure_list", args=["duisburg"]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_kept_list_shows_a_change_on_the_next_visit(catalogue, anna, as_ben):
    assert "Glasfaser bis ins Hafengebiet" not in list_of(as_ben)
    _title(catalogue, anna)
    assert "Glasfaser bis ins Hafengebiet" in list_of(as_ben)
    report(catalogue.measure, StatusUpdate.Light.RED, 10, actor=anna)
    row = list_of(as_ben, light="red")
    assert "Glasfaser bis ins Hafengebiet" in row


def test_each_query_string_keeps_rows_of_its_own(catalogue, as_ben):
    everything = list_of(as_ben)
    assert "Führungsnachwuchs gewinnen" in everything
    assert "Führungsnachwuchs gewinnen" not in list_of(as_ben, status="done")
    assert "Glasfaser für alle Gewerbegebiete" in list_of(as_ben, status="done")
    assert "Führungsnachwuchs gewinnen" in list_of(as_ben)


def test_rows_kept_for_the_office_show_others_no_archived_measures(catalogue, as_persona, client):
    assert "Alte Kampagne" in list_of(as_persona("anna"), archived="on")
    client.logout()
    assert "Alte Kampagne" not in list_of(as_persona("ben"), archived="on")


def test_machine_readable_times_are_valid_html(catalogue, anna, as_ben):
    """Issue 14, 19: `<time datetime>` carried microseconds, which HTML does not allow
    (at most three digits of a second)."""
    report(catalogue.measure, StatusUpdate.Light.GREEN, 70, actor=anna)
    _title(catalogue, anna)
    values = re.findall(r'<time datetime="([^"]+)"', page_of(as_ben))
    assert len(values) >= 2
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d{4})?", value), value
