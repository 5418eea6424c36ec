"""The catalogue's list as people read it: filters, counts per status, sorting, pages
and links. The catalogue of Duisburg is described in catalogue.py."""

import re

import pytest
from django.urls import reverse

from standort.measures import services
from standort.measures.filters import MeasureFilter

from .catalogue import DAY, TODAY, list_url, numbers
from .factories import MeasureFactory, MilestoneFactory

# The list: filters --------------------------------------------------------------


def test_the_list_shows_the_live_measures_in_number_order(catalogue, as_ben):
    assert numbers(as_ben) == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "done"}, [4]),
        ({"status": "adopted"}, [1, 2]),
        ({"kind": "recommendation"}, [3]),
        ({"overdue": "on"}, [3]),
        ({"light": "red"}, [3]),
        ({"light": "green"}, [4]),
        ({"light": "none"}, [1, 2]),
        ({"q": "fuehrung"}, [3]),
        ({"q": "FÜHRUNGSNACHWUCHS"}, [3]),
        ({"q": "Glasf"}, [4]),
        ({"q": "glasfaser gewerbe"}, [4]),
        ({"q": "Glasfaser Bahnhof"}, []),
        ({"status": "adopted", "q": "Beirat"}, [2]),
    ],
)
def test_each_filter_narrows_the_list(catalogue, as_ben, params, expected):
    assert numbers(as_ben, **params) == expected


def test_filters_by_working_group_topic_organisation_tag_and_own_choice_field(catalogue, as_ben):
    place = catalogue
    assert numbers(as_ben, body=place.group.pk) == [1, 4]
    assert numbers(as_ben, body=place.other_group.pk) == [2, 3]
    assert numbers(as_ben, topic=place.topic.pk) == [1]
    organization = place.leader.owner_organization.name
    assert numbers(as_ben, organization=organization) == [3]
    # A part of the name, in any case; another organisation's name matches none.
    assert numbers(as_ben, organization=organization[2:8].upper()) == [3]
    assert numbers(as_ben, organization="Hütte Speldorf") == []
    assert numbers(as_ben, tag=place.tag.pk) == [3]
    assert numbers(as_ben, **{place.field.key: "hoch"}) == [3]
    assert numbers(as_ben, **{place.field.key: "mittel"}) == [4]
    assert numbers(as_ben, **{place.field.key: "niedrig"}) == []
    assert numbers(as_ben, body=place.group.pk, status="done") == [4]


def test_filter_choices_are_the_initiatives_own(catalogue, muelheim, ben):
    form = MeasureFilter(initiative=catalogue.initiative, user=ben).form
    bodies = {label for pk, label in form.fields["body"].widget.options if pk}
    assert "Arbeitskreis Ruhrufer" not in bodies  # Mülheim's
    assert {"Arbeitskreis Mittelstand", "Arbeitskreis Image"} <= bodies
    assert catalogue.field.key in form.fields


def test_values_that_do_not_fit_are_ignored(catalogue, measures, as_ben):
    """An old bookmark or a typed URL: another initiative's working group, a tag that
    is gone, words instead of ids. The rest of the filter still applies."""
    muelheim = measures["muelheim"]
    assert numbers(
        as_ben,
        body=muelheim.group.pk,
        topic="abc",
        tag=99999,
        status="bogus",
        light="purple",
        kind="x",
        organization="x" * 101,
        page="999",
        sort="nonsense",
        **{catalogue.field.key: "unbekannt"},
    ) == [1, 2, 3, 4]
    assert numbers(as_ben, body="abc", status="done") == [4]


def test_archived_measures_are_hidden_and_only_the_office_may_list_them(
    catalogue, client, anna, ben
):
    client.force_login(anna)
    assert numbers(client, archived="on") == [5]
    client.force_login(ben)
    assert numbers(client, archived="on") == [1, 2, 3, 4]
    assert "archived" not in client.get(list_url()).context["form"].fields


def test_the_other_initiatives_measures_never_show(catalogue, client, clara):
    client.force_login(clara)
    response = client.get(list_url("muelheim"))
    assert [m.number for m in response.context["listing"].page.object_list] == [101, 102]
    assert "Breitband" not in response.content.decode()


# The list: counts, sorting, pages, links ----------------------------------------


def status_counts(response):
    return {value: count for value, _label, count in response.context["status_counts"]}


def test_counts_per_status_follow_every_filter_but_the_status(catalogue, as_ben):
    everything = status_counts(as_ben.get(list_url()))
    assert everything == {
        "proposed": 0,
        "adopted": 2,
        "in_progress": 1,
        "done": 1,
        "on_hold": 0,
        "dropped": 0,
    }
    assert status_counts(as_ben.get(list_url(), {"status": "done"})) == everything
    in_group = status_counts(as_ben.get(list_url(), {"body": catalogue.group.pk}))
    assert in_group["adopted"] == 1 and in_group["done"] == 1 and in_group["in_progress"] == 0


def test_a_count_links_to_the_list_with_that_status_and_the_other_filters_kept(catalogue, as_ben):
    page = as_ben.get(list_url(), {"body": catalogue.group.pk, "page": 1}).content.decode()
    link = re.search(r'href="(\?[^"]*status=done[^"]*)"', page).group(1).replace("&amp;", "&")
    assert f"body={catalogue.group.pk}" in link and "page" not in link
    assert numbers(as_ben, **dict(p.split("=") for p in link[1:].split("&"))) == [4]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("number", [1, 2, 3, 4]),
        ("-number", [4, 3, 2, 1]),
        ("title", [2, 1, 3, 4]),
        ("status", [1, 2, 3, 4]),  # adopted, adopted, in progress, done
        ("-status", [4, 3, 2, 1]),
        ("light", [4, 3, 1, 2]),  # on track, at risk, none yet
        ("progress", [1, 2, 3, 4]),
        ("-progress", [4, 3, 2, 1]),
        ("owner", [3, 1]),  # Achterberg before Brandt; the others have random names
    ],
)
def test_columns_sort(catalogue, as_ben, sort, expected):
    got = numbers(as_ben, sort=sort)
    if sort == "owner":
        got = [n for n in got if n in expected]
    assert got == expected


def test_sorting_by_due_date_and_next_milestone(catalogue, as_ben):
    MilestoneFactory(measure=catalogue.leader, due_on=TODAY() + 3 * DAY)
    due = [n for n in numbers(as_ben, sort="due") if n in (3, 4)]
    assert due == [4, 3]
    with_milestone = [n for n in numbers(as_ben, sort="-milestone") if n in (1, 3)]
    assert with_milestone == [1, 3]  # in 30 days before in 3 days


def test_sorting_keeps_the_filter(catalogue, as_ben):
    assert numbers(as_ben, sort="-number", body=catalogue.group.pk) == [4, 1]


def test_the_list_is_paged_by_25(measures, as_ben):
    duisburg = measures["duisburg"].initiative
    for n in range(10, 38):
        MeasureFactory(initiative=duisburg, number=n)
    first = numbers(as_ben)
    second = numbers(as_ben, page=2)
    assert len(first) == 25 and len(second) == 5
    assert first[:3] == [1, 2, 10] and second[-1] == 37


def test_the_list_shows_the_columns(catalogue, as_ben):
    MilestoneFactory(measure=catalogue.leader, title="Mentoring starten", due_on=TODAY() + DAY)
    page = as_ben.get(list_url()).content.decode()
    row = page[: page.index("Führungsnachwuchs gewinnen")].rsplit("<tr", 1)[1]
    row += page[page.index("Führungsnachwuchs gewinnen") :].split("</tr>")[0]
    assert "Ida Achterberg" in row and "Hafen Duisburg AG" in row
    assert "Arbeitskreis Image" in row
    assert "30 %" in row
    assert "Mentoring starten" in row
    assert (TODAY() + DAY).strftime("%d.%m.%Y") in row
    assert (TODAY() - DAY).strftime("%d.%m.%Y") in row
    assert 'class="kern-badge kern-badge--small kern-badge--danger overdue overdue--due"' in row
    assert "light--red" in row
    assert reverse("measure_detail", args=["duisburg", 3]) in row


def test_links_by_permission(catalogue, client, anna, ben, carl):
    create = reverse("measure_create", args=["duisburg"])
    imports = reverse("measure_import", args=["duisburg"])
    fields = reverse("custom_field_list", args=["duisburg"])
    topics = reverse("topic_list", args=["duisburg"])
    export = reverse("measure_export_csv", args=["duisburg"]) + "?status=done"

    def links(user):
        client.force_login(user)
        page = client.get(list_url(), {"status": "done"}).content.decode()
        return {url for url in (create, imports, fields, topics, export) if url in page}

    assert links(anna) == {create, imports, fields, topics, export}
    assert links(carl) == {create, export}
    assert links(ben) == {export}


def test_empty_catalogue_and_no_match_differ(duisburg, as_ben):
    empty = as_ben.get(list_url())
    assert empty.context["listing"].page.count == 0
    assert not empty.context["form"].is_filtered
    assert reverse("measure_create", args=["duisburg"]) not in empty.content.decode()
    MeasureFactory(initiative=duisburg, title="Kampagne duale Ausbildung")
    nothing = as_ben.get(list_url(), {"q": "Spielplatz"})
    assert nothing.context["form"].is_filtered
    assert "empty-state" in nothing.content.decode()


def row_of(page, title):
    before, after = page.split(title, 1)
    return before.rsplit("<tr", 1)[1] + title + after.split("</tr>")[0]


def test_a_late_milestone_and_a_passed_due_date_are_told_apart(catalogue, as_ben):
    """Measure 3's due date has passed; measure 1 is due in a year, but an open
    milestone of it is late."""
    measure = catalogue.measure
    measure.due_on = TODAY() + 365 * DAY
    measure.save()
    MilestoneFactory(measure=measure, title="Ausschreibung", due_on=TODAY() - 2 * DAY)
    page = as_ben.get(list_url()).content.decode()
    late_milestone = row_of(page, "Breitband bis 2020")
    late_measure = row_of(page, "Führungsnachwuchs gewinnen")
    assert "overdue--milestone" in late_milestone and "overdue--due" not in late_milestone
    assert "overdue--due" in late_measure and "overdue--milestone" not in late_measure
    assert "overdue" not in row_of(page, "Glasfaser für alle Gewerbegebiete")


def test_a_part_names_the_measure_it_belongs_to(catalogue, anna, as_ben):
    part = MeasureFactory(initiative=catalogue.initiative, number=6, title="Ausbau Hafengebiet")
    part.parent = catalogue.leader
    services.measure_save(actor=anna, measure=part)
    page = as_ben.get(list_url()).content.decode()
    parent_url = reverse("measure_detail", args=["duisburg", 3])
    assert f'class="kern-link part-of" href="{parent_url}"' in row_of(page, "Ausbau Hafengebiet")
    assert "part-of" not in row_of(page, "Führungsnachwuchs gewinnen")


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("q=&body=&topic=&status=done&light=&kind=", "?status=done"),
        ("q=&status=&sort=-due&page=2", "?sort=-due&page=2"),
        ("q=Glasfaser&body=&tag=&tag=", "?q=Glasfaser"),
        ("q=+&body=", ""),
    ],
)
def test_empty_values_are_dropped_from_the_address(catalogue, as_ben, query, target):
    response = as_ben.get(f"{list_url()}?{query}")
    assert response.status_code == 302
    assert response["Location"] == list_url() + target


def test_an_address_without_empty_values_is_served(catalogue, as_ben):
    assert as_ben.get(list_url(), {"status": "done", "sort": "-due"}).status_code == 200
    assert as_ben.get(list_url()).status_code == 200


def test_the_traffic_light_and_progress_share_a_column_with_two_sorts(catalogue, as_ben):
    page = as_ben.get(list_url(), {"sort": "progress"}).content.decode()
    head = page[page.index("<thead") : page.index("</thead>")]
    assert head.count("<th ") == 8
    assert 'href="?sort=light"' in head and 'href="?sort=-progress"' in head
    assert 'aria-sort="ascending"' in head


def test_the_filter_panel_wraps_its_selects_and_has_a_button(catalogue, as_ben):
    page = as_ben.get(list_url()).content.decode()
    panel = page[page.index("measure-filter__grid") :].split("</details>")[0]
    names = ["body", "topic", "status", "light", "kind", "tag", catalogue.field.key]
    wrapped = re.findall(r'<div class="kern-form-input__select-wrapper"><select ([^>]*)>', panel)
    assert sorted(re.search(r'name="([^"]*)"', attrs).group(1) for attrs in wrapped) == sorted(
        names
    )
    assert all('class="kern-form-input__select"' in attrs for attrs in wrapped)
    assert 'type="submit"' in panel
