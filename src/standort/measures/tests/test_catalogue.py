"""The catalogue as people read it: the filtered list, a measure's page, its history
and "my measures" on the initiative home.

Duisburg's catalogue (besides the fixture's measures 1 and 2, see conftest.py):
3 "Führungsnachwuchs gewinnen" – a recommendation in progress, overdue, red, tagged
  "Bildung", priority "hoch";
4 "Glasfaser für alle Gewerbegebiete" – done (its due date passed, not overdue), green;
5 "Alte Kampagne" – archived."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import pgettext

from standort.conftest import PERSONAS
from standort.core.history import history_entries
from standort.initiatives.models import InitiativeOrganization
from standort.initiatives.tests.factories import OrganizationFactory, PersonFactory
from standort.measures import queries, services
from standort.measures.exchange import columns
from standort.measures.filters import MeasureFilter
from standort.measures.models import Measure, Milestone, StatusUpdate

from .factories import (
    MeasureFactory,
    MilestoneFactory,
    PartnershipFactory,
    StatusUpdateFactory,
    TagFactory,
)

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def report(measure, light, progress, *, actor=None, **texts):
    update = StatusUpdateFactory.build(
        measure=measure, traffic_light=light, progress=progress, **texts
    )
    return services.status_update_record(actor=actor, update=update)


@pytest.fixture
def catalogue(measures):
    place = measures["duisburg"]
    duisburg = place.initiative
    bildung = TagFactory(initiative=duisburg, name="Bildung")
    leader = MeasureFactory(
        initiative=duisburg,
        number=3,
        title="Führungsnachwuchs gewinnen",
        kind=Measure.Kind.RECOMMENDATION,
        status=Measure.Status.IN_PROGRESS,
        body=place.other_group,
        owner=PersonFactory(
            first_name="Ida",
            last_name="Achterberg",
            initiative=duisburg,
            organization=OrganizationFactory(name="Hafen Duisburg AG"),
        ),
        due_on=TODAY() - DAY,
        custom_values={place.field.key: "hoch"},
    )
    leader.tags.add(bildung)
    report(leader, StatusUpdate.Light.RED, 30)
    fibre = MeasureFactory(
        initiative=duisburg,
        number=4,
        title="Glasfaser für alle Gewerbegebiete",
        status=Measure.Status.DONE,
        body=place.group,
        due_on=TODAY() - 10 * DAY,
        custom_values={place.field.key: "mittel"},
    )
    report(fibre, StatusUpdate.Light.GREEN, 100)
    MeasureFactory(initiative=duisburg, number=5, title="Alte Kampagne", is_archived=True)
    # Owners' organisations take part in the initiative, as the person form ensures.
    for measure in Measure.objects.filter(initiative=duisburg).select_related("owner_organization"):
        InitiativeOrganization.objects.get_or_create(
            initiative=duisburg, organization=measure.owner_organization
        )
    place.leader, place.fibre, place.tag = leader, fibre, bildung
    return place


def list_url(slug="duisburg"):
    return reverse("measure_list", args=[slug])


def numbers(client, **params):
    response = client.get(list_url(), params)
    assert response.status_code == 200
    return [m.number for m in response.context["listing"].page.object_list]


# The list: filters --------------------------------------------------------------


@pytest.fixture
def as_ben(client, ben):
    client.force_login(ben)
    return client


@pytest.fixture
def as_anna(client, anna):
    client.force_login(anna)
    return client


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
    assert empty.context["listing"].page.paginator.count == 0
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


# The detail page ----------------------------------------------------------------


@pytest.fixture
def rich_measure(catalogue, anna, settings, tmp_path):
    """Measure 1 with everything its page shows."""
    settings.MEDIA_ROOT = tmp_path
    measure = catalogue.measure
    measure.description = "Alle Gewerbegebiete erhalten Glasfaseranschlüsse."
    measure.goal = "Gigabit für 100 % der Betriebe."
    measure.status_reason = "Beschluss des Lenkungskreises"
    measure.adopted_by = catalogue.other_group
    measure.adopted_on = datetime.date(2017, 3, 16)
    measure.decision = "Beschluss LK-2017-04"
    measure.starts_on = datetime.date(2017, 4, 1)
    measure.due_on = TODAY() + 100 * DAY
    measure.custom_values = {catalogue.field.key: "niedrig"}
    services.measure_save(actor=anna, measure=measure, tags=["Digitales", "Infrastruktur"])
    MilestoneFactory(
        measure=measure,
        title="Bedarfsanalyse fertig",
        due_on=datetime.date(2018, 1, 31),
        completed_on=datetime.date(2018, 2, 2),
    )
    MilestoneFactory(measure=measure, title="Förderantrag stellen", due_on=TODAY() - 5 * DAY)
    services.attachment_add(
        actor=anna,
        measure=measure,
        upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 ...", content_type="application/pdf"),
        name="Ausbauplan.pdf",
    )
    part = MeasureFactory(
        initiative=measure.initiative, number=7, title="Ausbau Hafengebiet", weight=3
    )
    part.parent = measure
    services.measure_save(actor=anna, measure=part)
    report(part, StatusUpdate.Light.AMBER, 40, actor=anna)
    report(
        measure,
        StatusUpdate.Light.AMBER,
        20,
        actor=anna,
        achieved="Markterkundung abgeschlossen",
        next_steps="Ausschreibung vorbereiten",
        support_needed="Fördermittel des Landes",
    )
    return measure


def detail(client, number=1, slug="duisburg"):
    return client.get(reverse("measure_detail", args=[slug, number]))


def test_the_detail_page_shows_everything(rich_measure, catalogue, as_ben):
    response = detail(as_ben)
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Breitband bis 2020",
        "Alle Gewerbegebiete erhalten Glasfaseranschlüsse.",
        "Gigabit für 100 % der Betriebe.",
        "Beschluss des Lenkungskreises",
        "16.03.2017",
        "Arbeitskreis Image",  # adopted by
        "Beschluss LK-2017-04",
        "01.04.2017",
        (TODAY() + 100 * DAY).strftime("%d.%m.%Y"),
        "Ben Brandt",
        "Glasfaser Rhein-Ruhr GmbH",
        "Stefan Sauer",
        "Projektpartner",
        "Digitalisierung",
        "Arbeitskreis Mittelstand",
        "Digitales",
        "Infrastruktur",
        "Priorität",
        "niedrig",
        "Ausbauplan.pdf",
        "Markterkundung abgeschlossen",
        "Ausschreibung vorbereiten",
        "Fördermittel des Landes",
        "20 %",
        "Ausbau Hafengebiet",
    ]:
        assert text in page, text
    assert (
        reverse("attachment_download", args=["duisburg", 1, rich_measure.attachments.get().pk])
        in page
    )
    assert reverse("measure_detail", args=["duisburg", 7]) in page


def test_milestones_form_a_timeline_with_their_state(rich_measure, as_ben):
    page = detail(as_ben).content.decode()
    timeline = page[page.index('<ol class="timeline">') :].split("</ol>")[0]
    items = timeline.split('<li class="timeline__item')[1:]
    assert [re.search(r"<strong>(.*?)</strong>", i).group(1) for i in items] == [
        "Bedarfsanalyse fertig",
        "Förderantrag stellen",
        "Ausschreibung Glasfaser",
    ]
    assert [i.split('"')[0].strip() for i in items] == [
        "timeline__item--done",
        "timeline__item--overdue",
        "timeline__item--open",
    ]
    assert "02.02.2018" in items[0]
    assert 'class="timeline__late' in items[1]
    assert response_overdue(as_ben)


def test_a_late_milestone_is_not_called_a_passed_due_date(rich_measure, as_ben):
    """Measure 1 is due in 100 days; its milestone "Förderantrag stellen" is late."""
    page = detail(as_ben).content.decode()
    header = page[page.index('<p class="badges">') :].split("</p>")[0]
    assert "overdue--milestone" in header and "overdue--due" not in header
    due = page[page.index(rich_measure.due_on.strftime("%d.%m.%Y")) :].split("</dd>")[0]
    assert "overdue" not in due
    timeline = page[page.index('<ol class="timeline">') :].split("</ol>")[0]
    late = timeline.split("Förderantrag stellen")[1].split("</li>")[0]
    assert "timeline__late" in late


def test_a_passed_due_date_is_marked_at_the_date(catalogue, as_ben):
    page = detail(as_ben, 3).content.decode()
    header = page[page.index('<p class="badges">') :].split("</p>")[0]
    assert "overdue--due" in header
    due = page[page.index((TODAY() - DAY).strftime("%d.%m.%Y")) :].split("</dd>")[0]
    assert "overdue--due" in due


def test_the_detail_labels_match_the_export_and_form(rich_measure, client, ben):
    """ "Beginn", "Schlagworte", "Gewicht" and "Teil von", as the export's headers."""
    with translation.override("de"):
        if pgettext("measure", "Start") == "Start":
            pytest.skip("the German of var/i18n/catalogue-2.json is not merged yet")
    client.force_login(ben)
    page = client.get(
        reverse("measure_detail", args=["duisburg", 7]), headers={"accept-language": "de"}
    ).content.decode()
    parent = client.get(
        reverse("measure_detail", args=["duisburg", 1]), headers={"accept-language": "de"}
    ).content.decode()
    labels = re.findall(r"<dt>(.*?)</dt>", page)
    assert {columns.STARTS_ON, columns.TAGS, columns.PARENT.split(" (")[0]} <= set(labels)
    parts = parent[parent.index('id="parts-heading"') :].split("</thead>")[0]
    assert f">{columns.WEIGHT}</th>" in parts


def response_overdue(client):
    return detail(client).context["is_overdue"]


def test_a_parent_rolls_up_the_progress_of_its_parts_weighted(catalogue, anna, as_ben):
    parent = catalogue.measure
    for number, weight, progress in [(8, 1, 100), (9, 3, 20)]:
        part = MeasureFactory(initiative=parent.initiative, number=number, weight=weight)
        part.parent = parent
        services.measure_save(actor=anna, measure=part)
        report(part, StatusUpdate.Light.GREEN, progress, actor=anna)
    response = detail(as_ben)
    assert response.context["measure"].progress == 40  # (1 × 100 + 3 × 20) / 4
    page = response.content.decode()
    parts = page[page.index('id="parts-heading"') :].split("</table>")[0]
    assert "100 %" in parts and "20 %" in parts and ">3<" in parts
    child = detail(as_ben, 9).content.decode()
    assert reverse("measure_detail", args=["duisburg", 1]) in child


def test_without_updates_the_page_says_so(catalogue, as_ben):
    response = detail(as_ben, 2)
    assert list(response.context["measure"].updates.all()) == []
    assert 'id="updates-heading"' in response.content.decode()


def test_only_accepted_updates_are_shown(catalogue, anna, as_ben):
    pending = StatusUpdateFactory.build(
        measure=catalogue.measure, achieved="Noch ungeprüft", accepted_at=None
    )
    services.status_update_record(actor=anna, update=pending, accept=False)
    assert "Noch ungeprüft" not in detail(as_ben).content.decode()


ACTIONS = {
    "measure_edit": lambda m: [m.number],
    "measure_status": lambda m: [m.number],
    "milestone_create": lambda m: [m.number],
    "milestone_edit": lambda m: [m.number, m.milestones.first().pk],
    "partnership_create": lambda m: [m.number],
    "partnership_edit": lambda m: [m.number, m.partnerships.first().pk],
    "attachment_upload": lambda m: [m.number],
    "attachment_delete": lambda m: [m.number, m.attachments.first().pk],
    "measure_delete": lambda m: [m.number],
}


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("anna", set(ACTIONS)),
        ("paul", set(ACTIONS)),
        ("carl", set(ACTIONS) - {"measure_delete"}),  # chairs the measure's group
        ("stefan", set()),  # partner
        ("ben", set()),  # owner
        ("olga", set()),
    ],
)
def test_action_links_follow_the_permissions(rich_measure, as_persona, persona, allowed):
    page = detail(as_persona(persona)).content.decode()
    shown = {
        name
        for name, args in ACTIONS.items()
        if reverse(name, args=["duisburg", *args(rich_measure)]) in page
    }
    assert shown == allowed


def test_an_archived_measure_is_reachable_with_a_notice_and_restore(catalogue, as_persona):
    restore = reverse("measure_restore", args=["duisburg", 5])
    anna_page = detail(as_persona("anna"), 5)
    assert anna_page.status_code == 200
    page = anna_page.content.decode()
    assert "Alte Kampagne" in page and "kern-alert--warning" in page
    assert f'action="{restore}"' in page and 'method="post"' in page
    assert reverse("measure_delete", args=["duisburg", 5]) not in page
    ben_page = detail(as_persona("ben"), 5).content.decode()
    assert "kern-alert--warning" in ben_page and restore not in ben_page


def test_a_live_measure_has_no_archive_notice(catalogue, as_anna):
    page = detail(as_anna).content.decode()
    assert reverse("measure_restore", args=["duisburg", 1]) not in page


def test_the_page_shows_the_newest_history_and_links_to_all(catalogue, anna, as_ben):
    measure = catalogue.measure
    for n in range(7):
        measure.title = f"Breitband Stufe {n}"
        services.measure_save(actor=anna, measure=measure)
    response = detail(as_ben)
    history = response.context["history"]
    assert len(history) == 5
    assert history[0].changes[0].new == "Breitband Stufe 6"
    assert response.context["history_url"] == reverse("measure_history", args=["duisburg", 1])


def test_the_history_page_lists_changes_of_the_measure_and_its_parts_paged(catalogue, anna, as_ben):
    measure = catalogue.measure
    for n in range(55):
        measure.title = f"Breitband Stufe {n}"
        services.measure_save(actor=anna, measure=measure)
    services.milestone_save(
        actor=anna, milestone=MilestoneFactory.build(measure=measure, title="Spatenstich")
    )
    url = reverse("measure_history", args=["duisburg", 1])
    first = as_ben.get(url)
    assert first.status_code == 200
    assert "Spatenstich" in first.content.decode()
    assert first.context["next_page"] == 2
    second = as_ben.get(url, {"page": 2})
    assert second.context["previous_page"] == 1
    assert "Breitband Stufe 0" in second.content.decode()
    assert as_ben.get(url, {"page": "x"}).status_code == 200


def test_the_history_of_an_archived_measure_stays_readable(catalogue, as_ben):
    assert as_ben.get(reverse("measure_history", args=["duisburg", 5])).status_code == 200


def test_the_history_of_milestones_partners_and_files_does_not_name_the_measure(
    rich_measure, as_ben
):
    """The page names the measure already: the link of each milestone, partner and
    file to it is no change of its own ("Maßnahme: – → 1 Breitband …")."""
    _measure, *parts = queries.measure_history(rich_measure)
    entries = history_entries(*parts)
    assert {"Förderantrag stellen", "Ausbauplan.pdf"} <= {
        entry.subject.split(": ", 1)[1] for entry in entries
    }
    labels = {change.label for entry in entries for change in entry.changes}
    assert capfirst(Milestone._meta.get_field("due_on").verbose_name) in labels
    assert capfirst(Milestone._meta.get_field("measure").verbose_name) not in labels
    assert not any(
        "Breitband bis 2020" in change.new for entry in entries for change in entry.changes
    )
    # The history page shows the same.
    page = as_ben.get(reverse("measure_history", args=["duisburg", 1])).content.decode()
    assert "Förderantrag stellen" in page


# My measures on the initiative home ---------------------------------------------


def my_measures(client):
    response = client.get(reverse("initiative_home", args=["duisburg"]))
    assert response.status_code == 200
    measures = response.context.get("my_measures")
    return None if measures is None else [m.number for m in measures]


def test_owner_and_partner_see_their_measures_on_the_home(catalogue, as_persona, ben):
    """Ben owns measure 1 and becomes a partner of measure 3."""
    PartnershipFactory(measure=catalogue.leader, person=ben.person_record)
    assert my_measures(as_persona("ben")) == [1, 3]


def test_home_shows_state_of_my_measures(catalogue, as_persona):
    """Stefan is the partner of measure 1; Ben owns it. Archived ones are left out."""
    stefan = as_persona("stefan")
    PartnershipFactory(
        measure=Measure.objects.get(initiative=catalogue.initiative, number=5),
        person=catalogue.partnership.person,
    )
    PartnershipFactory(measure=catalogue.leader, person=catalogue.partnership.person)
    assert my_measures(stefan) == [1, 3]
    page = stefan.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    section = page[page.index('id="mine-heading"') :].split("</section>")[0]
    assert "Führungsnachwuchs gewinnen" in section
    assert "light--red" in section and "30 %" in section
    assert "kern-badge--danger overdue" in section
    assert "Beirat Imageentwicklung" not in section


def test_the_home_sums_up_the_catalogue_with_links(catalogue, as_persona):
    """Four live measures: two adopted, one in progress, one done (5 is archived)."""
    response = as_persona("olga").get(reverse("initiative_home", args=["duisburg"]))
    figures = response.context["steering"]["figures"]
    assert figures.all.total == 4
    assert {status: n for status, n in figures.all.statuses.items() if n} == {
        "adopted": 2,
        "in_progress": 1,
        "done": 1,
    }
    page = response.content.decode()
    section = page[page.index('id="measures-heading"') :].split("</section>")[0]
    assert "empty-state" not in section
    assert f'href="{list_url()}"' in section
    assert f'href="{list_url()}?status=in_progress"' in section


def test_the_home_of_an_empty_catalogue_points_to_it(duisburg, as_persona):
    response = as_persona("olga").get(reverse("initiative_home", args=["duisburg"]))
    assert response.context["steering"]["figures"].all.total == 0
    page = response.content.decode()
    section = page[page.index('id="measures-heading"') :].split("</section>")[0]
    assert "empty-state" in section and f'href="{list_url()}"' in section


@pytest.mark.parametrize("persona", ["olga", "anna", "paul"])
def test_members_without_measures_see_the_empty_section(catalogue, as_persona, persona):
    assert my_measures(as_persona(persona)) == []


@pytest.mark.parametrize("persona", ["anonymous", "eva", "clara"])
def test_outsiders_see_the_adopted_measures_but_no_members_area(catalogue, as_persona, persona):
    """The public page lists what was adopted (see initiatives' test_public_page), but
    neither "my measures", nor who owns a measure, nor an archived one."""
    client = as_persona(persona)
    assert my_measures(client) is None
    page = client.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    assert "Breitband bis 2020" in page
    assert "Brandt" not in page and "Achterberg" not in page
    assert "Alte Kampagne" not in page


# Who may read the catalogue -----------------------------------------------------

LOGIN = "login"
READERS = {"olga", "ben", "stefan", "carl", "anna", "paul"}
EVERYONE = [*PERSONAS, "carl"]
VIEWS = {
    "measure_list": lambda place: [],
    "measure_detail": lambda place: [place.measure.number],
    "measure_history": lambda place: [place.measure.number],
}


def answer(response):
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login") + "?next=")
        return LOGIN
    return response.status_code


@pytest.fixture
def signed_in(client, request):
    def sign_in(persona):
        client.cookies.clear()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return sign_in


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", EVERYONE)
def test_who_may_read_duisburgs_catalogue(measures, signed_in, view, persona):
    place = measures["duisburg"]
    response = signed_in(persona).get(reverse(view, args=["duisburg", *VIEWS[view](place)]))
    expected = 200 if persona in READERS else LOGIN if persona == "anonymous" else 403
    assert answer(response) == expected
    page = response.content.decode()
    for foreign in ["Fahrplan Industrieflächen", "Vertrauliche Maßnahme", "Geheime Maßnahme"]:
        assert foreign not in page


@pytest.mark.parametrize("view", ["measure_detail", "measure_history"])
@pytest.mark.parametrize("persona", EVERYONE)
def test_muelheims_measure_through_duisburgs_address_is_not_found(
    measures, signed_in, view, persona
):
    number = measures["muelheim"].measure.number
    response = signed_in(persona).get(reverse(view, args=["duisburg", number]))
    refused = LOGIN if persona == "anonymous" else 403
    assert answer(response) == (404 if persona in READERS else refused)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", EVERYONE)
def test_the_forums_catalogue_is_not_found_for_outsiders(measures, signed_in, view, persona):
    place = measures["forum"]
    response = signed_in(persona).get(reverse(view, args=["forum", *VIEWS[view](place)]))
    assert answer(response) == (200 if persona == "paul" else 404)


def test_clara_reads_muelheims_catalogue(measures, signed_in):
    client = signed_in("clara")
    assert answer(client.get(list_url("muelheim"))) == 200
    assert answer(detail(client, 101, "muelheim")) == 200
    assert answer(detail(client, 102, "muelheim")) == 200
    assert answer(detail(client, 1, "muelheim")) == 404
