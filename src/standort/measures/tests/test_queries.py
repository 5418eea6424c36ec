"""Query-count guards for the catalogue pages: as many queries with 30 measures (each
with milestones, partners, tags, status updates and parts) as with 3, and the number
pinned, so a new query on a page is a decision someone makes on purpose."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from standort.measures import queries, services
from standort.measures.models import Measure, StatusUpdate, Tag

from .factories import (
    MeasureFactory,
    MilestoneFactory,
    PartnershipFactory,
    StatusUpdateFactory,
    TagFactory,
)

# Every page of a signed-in member has the same five queries: the session, the user,
# the initiative from the URL and the user's roles (InitiativeMiddleware), and the
# header's count of unread notifications.
REQUEST = 5

# The filter form's choices: working groups, fields of action, the initiative's
# organisations and tags in one query; the initiative's own fields.
FILTER_CHOICES = 2

LIST = {
    # the choices; the counts per status (which the pager adds up instead of counting);
    # the stamp of the catalogue (queries.catalogue_stamp); on a first visit, the rows
    # it keeps: the page of measures with working group, topic, owner, organisation,
    # latest update, next milestone and overdue flag. (Anna is office: no query for the
    # bodies she leads.)
    "plain": REQUEST + FILTER_CHOICES + 3,
    # the same: chosen working groups, topics and tags are ids among the choices.
    "filtered": REQUEST + FILTER_CHOICES + 3,
}
# the measure with the stamp of what its page shows (measures.queries.measure_head); on a
# first visit, the page it keeps: the measure with working group, topic, owner and
# organisations, adoption body, parent and latest update; its tags, partners,
# milestones, attachments, parts and accepted updates; the initiative's own fields; the
# history of the measure, its milestones, partners and attachments in one query, and who
# made those changes; the ideas it came from and its comments with their authors
# (dialog.queries; the replies would be one more); whether the user follows the
# measure (their own choice, then whether they follow it automatically); the decisions
# that created or adopted it (meetings.queries.decisions_on); the goals it serves and
# its indicators with their newest values (indicators.slots); whether a running review
# waits for a status report of the user on it (reviews.queries.pending_answers_of).
DETAIL = REQUEST + 19
# A page kept while the stamp holds: the measure with the stamp, whether the user follows
# it (two, as above), whether a review waits for the user's report, its comments.
KEPT_DETAIL = REQUEST + 5
# the measure; its history as above.
HISTORY = REQUEST + 3


def grow(place, actor, start, rows):
    """`rows` measures in the place's working group and field of action, each with two
    milestones (one late), a partner, a tag, an accepted red status update, a part and
    a value of the own choice field; all match the "filtered" case."""
    today = timezone.localdate()
    initiative = place.initiative
    tag, _ = Tag.objects.get_or_create(initiative=initiative, name="Bildung")
    for n in range(start, start + rows):
        measure = MeasureFactory(
            initiative=initiative,
            number=1000 + n,
            title=f"Maßnahme {n:02}",
            due_on=today + datetime.timedelta(days=n),
            body=place.group,
            topic=place.topic,
            owner=place.measure.owner,
            owner_organization=place.measure.owner_organization,
            custom_values={place.field.key: "hoch"},
        )
        MilestoneFactory(measure=measure, due_on=today - datetime.timedelta(days=1))
        MilestoneFactory(measure=measure, due_on=today + datetime.timedelta(days=n))
        PartnershipFactory(measure=measure)
        measure.tags.add(tag, TagFactory(initiative=initiative))
        update = StatusUpdateFactory.build(measure=measure, traffic_light=StatusUpdate.Light.RED)
        services.status_update_record(actor=actor, update=update)
        MeasureFactory(initiative=initiative, number=5000 + n, parent=measure)


def enrich(place, actor, start, rows, settings, tmp_path):
    """Hangs `rows` more of everything on the place's measure 1."""
    settings.MEDIA_ROOT = tmp_path
    measure = place.measure
    initiative = measure.initiative
    for n in range(start, start + rows):
        MilestoneFactory(measure=measure, title=f"Meilenstein {n:02}")
        PartnershipFactory(measure=measure)
        measure.tags.add(TagFactory(initiative=initiative))
        part = MeasureFactory(initiative=initiative, number=2000 + n, parent=measure)
        StatusUpdateFactory(measure=part)
        update = StatusUpdateFactory.build(measure=measure)
        services.status_update_record(actor=actor, update=update)
        services.attachment_add(
            actor=actor,
            measure=measure,
            upload=SimpleUploadedFile(f"datei{n}.pdf", b"%PDF-1.4", "application/pdf"),
        )
        measure.title = f"Breitband Stufe {n}"
        services.measure_save(actor=actor, measure=measure)


def queries_for(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("case", LIST)
def test_the_list_costs_the_same_with_30_measures_as_with_3(measures, client, anna, case):
    place = measures["duisburg"]
    client.force_login(anna)
    url = reverse("measure_list", args=["duisburg"])
    params = {}
    if case == "filtered":
        tag = TagFactory(initiative=place.initiative, name="Bildung")
        params = {
            "q": "Maßnahme",
            "body": place.group.pk,
            "topic": place.topic.pk,
            "organization": place.measure.owner_organization.name,
            "tag": tag.pk,
            "overdue": "on",
            "light": "red",
            "sort": "-light",
            place.field.key: "hoch",
        }

    grow(place, anna, 0, 3)
    few = queries_for(client, url, params)
    grow(place, anna, 3, 27)
    many = queries_for(client, url, params)

    assert len(many) == len(few), "\n".join(many)
    assert len(few) == LIST[case], "\n".join(few)
    kept = queries_for(client, url, params)  # the rows kept: not read again
    assert len(kept) == LIST[case] - 1, "\n".join(kept)
    if case == "filtered":
        assert len(client.get(url, params).context["listing"].page.object_list) == 25


@pytest.mark.parametrize(
    ("page", "pinned"), [("measure_detail", DETAIL), ("measure_history", HISTORY)]
)
def test_a_measures_pages_cost_the_same_with_30_of_everything_as_with_3(
    measures, client, anna, settings, tmp_path, page, pinned
):
    place = measures["duisburg"]
    client.force_login(anna)
    url = reverse(page, args=["duisburg", 1])

    enrich(place, anna, 0, 3, settings, tmp_path)
    few = queries_for(client, url)
    enrich(place, anna, 3, 27, settings, tmp_path)
    many = queries_for(client, url)

    assert len(many) == len(few), "\n".join(many)
    assert len(few) == pinned, "\n".join(few)
    if page == "measure_detail":
        kept = queries_for(client, url)
        assert len(kept) == KEPT_DETAIL, "\n".join(kept)


def test_my_measures_on_the_home_cost_one_query_however_many(measures, client, ben):
    """Ben owns measure 1; he becomes owner or partner of 3, then of 30 more. Besides
    his measures, the dashboard counts the catalogue's measures (one GROUP BY query)
    and lists the first overdue and the first stale ones (one query each)."""
    place = measures["duisburg"]
    client.force_login(ben)
    url = reverse("initiative_home", args=["duisburg"])

    def involve(start, rows):
        for n in range(start, start + rows):
            measure = MeasureFactory(initiative=place.initiative, number=3000 + n)
            if n % 2:
                PartnershipFactory(measure=measure, person=ben.person_record)
            else:
                measure.owner = ben.person_record
                measure.save()
            services.status_update_record(
                actor=ben, update=StatusUpdateFactory.build(measure=measure)
            )

    client.get(url)  # the first visit of the dashboard notes it (home.services)
    involve(0, 3)
    few = queries_for(client, url)
    involve(3, 30)
    many = queries_for(client, url)
    assert len(many) == len(few), "\n".join(many)
    from_measures = [q for q in few if q.startswith('SELECT "measures_measure"')]
    assert len(from_measures) == 4, "\n".join(from_measures)
    assert sum("GROUP BY" in q for q in from_measures) == 1


def test_the_rows_overdue_flag_says_what_the_overdue_condition_says(measures):
    """The list computes the flag from a row's due date and next milestone in Python;
    the filter and the exports ask the database. Both agree in every case: due date
    passed, an open milestone late, a late milestone done, closed, nothing late."""
    initiative = measures["duisburg"].initiative
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    cases = [
        MeasureFactory(initiative=initiative, due_on=today - day),
        MeasureFactory(initiative=initiative, due_on=today + day),
        MeasureFactory(initiative=initiative, due_on=today - day, status="done"),
        MeasureFactory(initiative=initiative, due_on=None),
    ]
    MilestoneFactory(measure=cases[1], due_on=today - day)
    MilestoneFactory(measure=cases[3], due_on=today - day, completed_on=today - 2 * day)
    MilestoneFactory(measure=cases[3], due_on=today + day)
    rows = queries.list_columns(Measure.objects.filter(pk__in=[m.pk for m in cases]))
    flags = {row.pk: (bool(row.is_overdue), queries.row_is_overdue(row, today)) for row in rows}
    assert [flags[m.pk] for m in cases] == [
        (True, True),
        (True, True),
        (False, False),
        (False, False),
    ]
