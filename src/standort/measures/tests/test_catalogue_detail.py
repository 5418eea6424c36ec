"""A measure's page as people read it, and its history. The catalogue of Duisburg is
described in catalogue.py."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import pgettext

from standort.core.history import history_entries
from standort.measures import queries, services
from standort.measures.exchange import columns
from standort.measures.models import Milestone, StatusUpdate

from .catalogue import DAY, TODAY, detail, report
from .factories import MeasureFactory, MilestoneFactory, StatusUpdateFactory

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
    return detail(client).context["shown"]["measure"].is_overdue


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
    history = response.context["shown"]["history"]
    assert len(history) == 5
    assert history[0].changes[0].new == "Breitband Stufe 6"
    assert response.context["shown"]["history_url"] == reverse(
        "measure_history", args=["duisburg", 1]
    )


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
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert 'rel="prev"' not in first.content.decode()
    second = as_ben.get(url, {"page": 2})
    assert 'href="?page=1" rel="prev"' in second.content.decode()
    assert 'rel="next"' not in second.content.decode()
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


@pytest.mark.parametrize(
    ("status", "adopted"),
    [
        ("proposed", "noch nicht"),
        ("adopted", "ja, ohne nähere Angaben"),
        ("in_progress", "ja, ohne nähere Angaben"),
        ("dropped", "–"),
    ],
)
def test_a_measure_without_adoption_details_says_what_its_status_tells(
    measures, as_persona, status, adopted
):
    """An adopted measure said "Beschlossen: noch nicht" (issue 14, item 18)."""
    from standort.measures.models import Measure

    place = measures["duisburg"]
    measure = place.measure
    Measure.objects.filter(pk=measure.pk).update(
        status=status, adopted_by=None, adopted_on=None, decision=""
    )
    page = as_persona("anna").get(measure.get_absolute_url()).content.decode()
    shown = re.search(r"<dt>Beschlossen</dt>\s*<dd>(.*?)</dd>", page, re.DOTALL)
    assert shown is not None
    assert shown[1].strip() == adopted


def test_the_progress_over_time_is_a_chart_with_its_table(catalogue, as_persona):
    """Two accepted status updates draw a line of two dots, the older first; the table
    beside it gives their figures to screen readers."""
    measure = catalogue.measure
    first = report(measure, "amber", 20)
    StatusUpdate.objects.filter(pk=first.pk).update(reported_at=first.reported_at - 30 * DAY)
    report(measure, "green", 45)
    page = detail(as_persona("olga")).content.decode()
    chart = page[page.index('id="progress-chart"') :].split("</figure>")[0]
    assert chart.count("<circle") == 2
    assert 'role="img" aria-labelledby="progress-chart"' in chart
    cells = re.findall(r"<td>([^<]*)</td>", chart)
    assert cells[1::3] == ["20 %", "45 %"]
    assert cells[2::3] == ["verzögert", "im Plan"]


def test_one_status_update_draws_no_line(catalogue, as_persona):
    report(catalogue.measure, "green", 45)
    assert 'id="progress-chart"' not in detail(as_persona("olga")).content.decode()
