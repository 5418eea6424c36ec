"""A working group's page lists its measures (slot body.sections): number, title,
status and traffic light, the first ten and the way to the list filtered by the group;
kept with the page while its stamp holds, in a fixed number of queries (issue 14,
item 18)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standort.initiatives.models import Body
from standort.initiatives.tests.factories import BodyFactory
from standort.measures import services
from standort.measures import slots as measure_slots
from standort.measures.models import Measure, StatusUpdate
from standort.measures.queries import BODY_MEASURES

from .catalogue import report
from .factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(duisburg):
    return BodyFactory(initiative=duisburg, name="Arbeitskreis Häfen")


def page_of(client, body):
    response = client.get(reverse("body_detail", args=["duisburg", body.pk]))
    assert response.status_code == 200
    return re.sub(
        r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", response.content.decode()
    )


def test_a_working_group_page_lists_its_measures_with_status_and_traffic_light(
    client, duisburg, group, ben
):
    fibre = MeasureFactory(
        initiative=duisburg, number=4, title="Glasfaser für alle Gewerbegebiete", body=group
    )
    report(fibre, StatusUpdate.Light.AMBER, 40)
    MeasureFactory(
        initiative=duisburg,
        number=7,
        title="Hafenbahn ertüchtigen",
        body=group,
        status=Measure.Status.PROPOSED,
        is_internal=True,  # the measure list shows internal measures to those taking part
    )
    MeasureFactory(
        initiative=duisburg, number=8, title="Alte Hafenkampagne", body=group, is_archived=True
    )
    MeasureFactory(
        initiative=duisburg,
        number=9,
        title="Gründerzentrum",
        body=BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand"),
    )
    client.force_login(ben)
    page = page_of(client, group)
    assert "Maßnahmen (2)" in page
    fibre_url = reverse("measure_detail", args=["duisburg", 4])
    assert f'href="{fibre_url}">Glasfaser für alle Gewerbegebiete</a>' in page
    assert "Hafenbahn ertüchtigen" in page
    assert "Alte Hafenkampagne" not in page  # archived: the office's to list
    assert "Gründerzentrum" not in page  # another working group's
    rows = page.split('id="body-measures-caption"')[1].split("</table>")[0]
    assert re.search(r">4</td>.*beschlossen.*verzögert", rows, re.S)
    assert re.search(r">7</td>.*vorgeschlagen.*noch kein Sachstand", rows, re.S)
    assert f"{reverse('measure_list', args=['duisburg'])}?body={group.pk}" in page


def test_the_page_shows_the_first_ten_and_links_to_all_in_the_list(client, duisburg, group, ben):
    for number in range(1, BODY_MEASURES + 3):
        MeasureFactory(
            initiative=duisburg, number=number, title=f"Hafenprojekt {number:02}", body=group
        )
    client.force_login(ben)
    page = page_of(client, group)
    assert "Hafenprojekt 10" in page and "Hafenprojekt 11" not in page
    all_url = f"{reverse('measure_list', args=['duisburg'])}?body={group.pk}"
    assert f'href="{all_url}">Alle 12 Maßnahmen in der Maßnahmenliste</a>' in page
    listed = client.get(all_url).content.decode()
    assert "Hafenprojekt 12" in listed


def test_empty_states_in_german(client, duisburg, group, ben):
    steering = BodyFactory(
        initiative=duisburg, name="Lenkungskreis", kind=Body.Kind.STEERING_COMMITTEE
    )
    client.force_login(ben)
    assert "Dieser Arbeitskreis hat noch keine Maßnahmen." in page_of(client, group)
    assert "Dieses Gremium hat noch keine Maßnahmen." in page_of(client, steering)


def test_only_those_who_see_the_measures_see_the_section(rf, duisburg, group, ben, eva):
    MeasureFactory(initiative=duisburg, number=4, body=group)
    assert measure_slots.body_measures({"initiative": duisburg, "user": eva}, group) is None
    group.stamp = "0"
    shown = measure_slots.body_measures({"initiative": duisburg, "user": ben}, group)
    assert [m.number for m in shown["body_measures"]["rows"]] == [4]


def _new_measure(group, anna):
    services.measure_save(
        actor=anna,
        measure=Measure(
            initiative=group.initiative,
            number=services.next_number(group.initiative),
            title="Binnenhafen digital",
            body=group,
        ),
    )
    return "Binnenhafen digital"


def _renamed(group, anna):
    measure = Measure.objects.get(body=group)
    measure.title = "Glasfaser bis ins Hafengebiet"
    services.measure_save(actor=anna, measure=measure)
    return "Glasfaser bis ins Hafengebiet"


def _status(group, anna):
    measure = Measure.objects.get(body=group)
    services.measure_set_status(actor=anna, measure=measure, status=Measure.Status.IN_PROGRESS)
    return "in Umsetzung"


def _light(group, anna):
    report(Measure.objects.get(body=group), StatusUpdate.Light.RED, 10, actor=anna)
    return "gefährdet"


def _moved_away(group, anna):
    measure = Measure.objects.get(body=group)
    measure.body = BodyFactory(initiative=group.initiative)
    services.measure_save(actor=anna, measure=measure)
    return "Dieser Arbeitskreis hat noch keine Maßnahmen."


@pytest.mark.parametrize(
    "change",
    [_new_measure, _renamed, _status, _light, _moved_away],
    ids=lambda change: change.__name__.strip("_"),
)
def test_the_kept_page_shows_each_change_of_its_measures_on_the_next_visit(
    client, duisburg, group, anna, ben, change
):
    MeasureFactory(initiative=duisburg, number=1, title="Glasfaser", body=group)
    client.force_login(ben)
    before = page_of(client, group)
    assert page_of(client, group) == before
    expected = change(group, anna)
    assert expected not in before
    assert expected in page_of(client, group)


def _queries(client, body):
    with CaptureQueriesContext(connection) as queries:
        page_of(client, body)
    return [q["sql"] for q in queries.captured_queries]


def test_the_measures_cost_one_query_however_many_and_none_while_kept(client, duisburg, group, ben):
    MeasureFactory(initiative=duisburg, body=group)
    client.force_login(ben)
    few = _queries(client, group)
    kept = _queries(client, group)
    for _n in range(15):
        report(MeasureFactory(initiative=duisburg, body=group), StatusUpdate.Light.GREEN, 50)
    many = _queries(client, group)
    assert len(many) == len(few), "\n".join(many)
    assert len(_queries(client, group)) == len(kept)
    reading = [sql for sql in few if 'FROM "measures_measure"' in sql]
    assert len(reading) == 1, "\n".join(reading)
    assert not [sql for sql in kept if 'FROM "measures_measure"' in sql]
