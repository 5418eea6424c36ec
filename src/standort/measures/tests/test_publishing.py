"""A new measure stays internal until someone who may edit it releases it for the public
page (issue 15, point 7), whichever way it came about: the form, the import, an idea or
a decision (dialog and meetings test theirs). Its page says whether the public page
shows it, with a button to release it or to take it off again; the form asks the same,
the way round the office decides it. The change history records who did.

Who may: as for editing the measure (the permission table of test_editing_permissions:
Anna, Paul and Carl for Carl's group)."""

import pytest
from django.urls import reverse

from standort.measures import services
from standort.measures.models import Measure

from .editing import measure_data, page_text
from .permission_table import world  # noqa: F401 - a fixture

Status = Measure.Status
pytestmark = pytest.mark.django_db


def detail(number=1, slug="duisburg"):
    return reverse("measure_detail", args=[slug, number])


def publish(number=1, slug="duisburg"):
    return reverse("measure_publish", args=[slug, number])


def test_a_new_measure_is_internal(duisburg, anna):
    measure = services.measure_save(
        actor=anna, measure=Measure(initiative=duisburg, number=None, title="Gründerzentrum")
    )
    assert Measure.objects.get(pk=measure.pk).is_internal


def test_the_form_makes_an_internal_measure_unless_it_is_released(
    world,  # noqa: F811
    duisburg,
    anna,
    client,
):
    place = world["duisburg"]
    client.force_login(anna)
    url = reverse("measure_create", args=["duisburg"])
    form = client.get(url).context["form"]
    assert form["is_public"].value() is False
    assert form.fields["is_public"].label == "Auf der öffentlichen Seite zeigen"
    assert "is_internal" not in form.fields
    new = {"kind": "project", "status": "adopted", "body": place.group.pk, "weight": 1}
    client.post(url, {**new, "title": "Intern"})
    client.post(url, {**new, "title": "Öffentlich", "is_public": "on"})
    internal = {m.title: m.is_internal for m in Measure.objects.filter(initiative=duisburg)}
    assert (internal["Intern"], internal["Öffentlich"]) == (True, False)


def test_the_edit_form_releases_and_takes_off(world, anna, client):  # noqa: F811
    place = world["duisburg"]
    client.force_login(anna)
    url = reverse("measure_edit", args=["duisburg", 1])
    assert client.post(url, measure_data(place, is_public="on")).status_code == 302
    measure = Measure.objects.get(pk=place.measure.pk)
    assert not measure.is_internal
    assert client.get(url).context["form"]["is_public"].value() is True
    client.post(url, measure_data(place, seen_version=measure.version))
    assert Measure.objects.get(pk=place.measure.pk).is_internal


def test_releasing_is_recorded_with_who_did_it(world, anna, carl):  # noqa: F811
    measure = world["duisburg"].measure
    services.measure_publish(actor=carl, measure=measure)
    assert not Measure.objects.get(pk=measure.pk).is_internal
    record = measure.history.latest()
    assert record.history_user == carl
    assert [change[0] for change in record.history_changes["changes"]] == ["is_internal"]
    # Released already: nothing to write.
    services.measure_publish(actor=anna, measure=measure)
    assert measure.history.count() == 2  # created, released
    services.measure_publish(actor=anna, measure=measure, public=False)
    assert Measure.objects.get(pk=measure.pk).is_internal
    assert measure.history.latest().history_user == anna


def test_the_office_releases_a_measure_on_its_page(world, anna, client):  # noqa: F811
    client.force_login(anna)
    page = page_text(client.get(detail()))
    assert "Öffentliche Seite: nicht gezeigt, nur intern" in page
    assert "Auf der öffentlichen Seite zeigen" in page

    response = client.post(publish(), {"public": "1"}, follow=True)
    page = page_text(response)
    assert "Die Maßnahme ist für die öffentliche Seite freigegeben." in page
    assert "Öffentliche Seite: gezeigt" in page
    assert "Von der öffentlichen Seite nehmen" in page
    # The change history on the page says so.
    assert "Nur intern : ja → nein" in page[page.index("Änderungsverlauf") :]

    response = client.post(publish(), {"public": "0"}, follow=True)
    assert "Die Maßnahme ist wieder nur intern" in page_text(response)
    assert Measure.objects.get(initiative__slug="duisburg", number=1).is_internal


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"is_internal": True}, "nicht gezeigt, nur intern"),
        ({"is_internal": False}, "gezeigt"),
        ({"is_internal": False, "status": Status.PROPOSED}, "freigegeben, gezeigt sobald"),
        ({"is_internal": False, "is_archived": True}, "nicht gezeigt, archiviert"),
        ({"is_internal": False, "status": Status.DROPPED}, "gezeigt"),
    ],
)
def test_the_page_says_whether_the_public_page_shows_the_measure(
    world,  # noqa: F811
    ben,
    client,
    change,
    said,
):
    Measure.objects.filter(pk=world["duisburg"].measure.pk).update(**change)
    client.force_login(ben)
    page = page_text(client.get(detail()))
    assert f"Öffentliche Seite: {said}" in page
    # Ben takes part but may not edit the measure: no button.
    assert "öffentlichen Seite zeigen" not in page and "öffentlichen Seite nehmen" not in page


def test_in_an_initiative_without_public_page_the_page_says_so(world, paul, client):  # noqa: F811
    client.force_login(paul)
    page = page_text(client.get(detail(201, "forum")))
    assert "Öffentliche Seite: keine, die Initiative ist nicht öffentlich" in page


def test_an_imported_measure_is_internal_and_a_changed_one_keeps_its_setting(
    world,  # noqa: F811
    anna,
):
    released = world["duisburg"].measure
    services.measure_publish(actor=anna, measure=released)
    released.refresh_from_db()
    created, _changed = services.measures_import(
        actor=anna,
        initiative=released.initiative,
        changes=[
            services.MeasureChange(
                measure=Measure(initiative=released.initiative, number=None),
                values={"title": "Aus der Liste"},
                status=Status.ADOPTED,
            ),
            services.MeasureChange(measure=released, values={"title": "Umbenannt"}),
        ],
    )
    assert Measure.objects.get(pk=created[0].pk).is_internal
    assert not Measure.objects.get(pk=released.pk).is_internal
