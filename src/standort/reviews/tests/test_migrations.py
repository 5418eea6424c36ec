"""Migrations that move data, run forwards and backwards on the test database: the
reviews app goes back to before the move, gets the rows of that time, and comes
forwards again (the other apps stay where they are)."""

import datetime
import logging

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reviews", "0002_review_snapshot")]
AFTER = [("reviews", "0004_answer_without_content")]


@pytest.fixture
def migrate():
    """migrate(targets) -> the apps of that state; everything goes back to the newest
    migrations afterwards, so the next test finds the schema it expects."""
    executor = MigrationExecutor(connection)

    def to(targets):
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    yield to
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _answers_of_before(apps):
    """A review of five measures as the answers held their content: one accepted and
    its status update alike; one accepted whose update the office corrected since; one
    submitted and one drafted without an update; one never opened."""
    Initiative = apps.get_model("initiatives", "Initiative")
    Person = apps.get_model("initiatives", "Person")
    Measure = apps.get_model("measures", "Measure")
    StatusUpdate = apps.get_model("measures", "StatusUpdate")
    ReviewCycle = apps.get_model("reviews", "ReviewCycle")
    ReviewRequest = apps.get_model("reviews", "ReviewRequest")
    ReviewAnswer = apps.get_model("reviews", "ReviewAnswer")
    now = timezone.now()
    initiative = Initiative.objects.create(slug="duisburg", name="Masterplan", city="Duisburg")
    greta = Person.objects.create(first_name="Greta", last_name="Größe")
    cycle = ReviewCycle.objects.create(
        initiative=initiative, title="Frühjahr", deadline=datetime.date(2018, 4, 13)
    )
    request = ReviewRequest.objects.create(cycle=cycle, person=greta)
    measures = [
        Measure.objects.create(initiative=initiative, number=n, title=f"Maßnahme {n}")
        for n in range(1, 6)
    ]

    def answer(measure, **fields):
        return ReviewAnswer.objects.create(cycle=cycle, request=request, measure=measure, **fields)

    def accepted(measure, light, progress, achieved):
        return StatusUpdate.objects.create(
            measure=measure,
            traffic_light=light,
            progress=progress,
            achieved=achieved,
            reported_at=now,
            reported_by=greta,
            accepted_at=now,
        )

    alike = accepted(measures[0], "green", 100, "Eröffnet.")
    corrected = accepted(measures[1], "amber", 40, "Verzögert, korrigiert von der Geschäftsstelle.")
    return {
        "alike": answer(
            measures[0],
            state="accepted",
            traffic_light="green",
            progress=90,
            completed=True,
            achieved="Eröffnet.",
            status_update=alike,
        ),
        "corrected": answer(
            measures[1],
            state="accepted",
            traffic_light="amber",
            progress=40,
            achieved="Verzögert.",
            status_update=corrected,
        ),
        "submitted": answer(
            measures[2],
            state="submitted",
            traffic_light="red",
            progress=10,
            achieved="Förderbescheid fehlt.",
            next_steps="Nachfragen.",
            support_needed="Beim Land.",
            submitted_at=now - datetime.timedelta(days=2),
        ),
        "drafted": answer(measures[3], state="draft", achieved="Erste Notizen.", saved_at=now),
        "untouched": answer(measures[4]),
    }


def _content(row):
    return (row.traffic_light, row.progress, row.achieved, row.next_steps, row.support_needed)


def test_what_owners_wrote_moves_into_status_updates_and_back(migrate, caplog):
    before = _answers_of_before(migrate(BEFORE))

    with caplog.at_level(logging.WARNING, logger="standort.migrations"):
        apps = migrate(AFTER)
    ReviewAnswer = apps.get_model("reviews", "ReviewAnswer")
    StatusUpdate = apps.get_model("measures", "StatusUpdate")
    answers = {
        name: ReviewAnswer.objects.select_related("status_update").get(pk=answer.pk)
        for name, answer in before.items()
    }
    # Accepted: the status update they had stays, the corrected one as corrected.
    assert answers["alike"].status_update_id == before["alike"].status_update_id
    assert answers["corrected"].status_update.achieved.endswith("von der Geschäftsstelle.")
    assert [
        record.getMessage() for record in caplog.records if "differ" in record.getMessage()
    ] == [
        f"Answer {before['corrected'].pk} and its status update "
        f"{before['corrected'].status_update_id} differ in achieved; the status update "
        "is kept."
    ]
    # Written but not accepted: a draft each with what the owner wrote.
    submitted = answers["submitted"].status_update
    assert _content(submitted) == ("red", 10, "Förderbescheid fehlt.", "Nachfragen.", "Beim Land.")
    assert submitted.accepted_at is None
    assert submitted.reported_at == before["submitted"].submitted_at
    assert submitted.reported_by_id == before["submitted"].request.person_id
    drafted = answers["drafted"].status_update
    assert _content(drafted) == ("", None, "Erste Notizen.", "", "")
    assert drafted.accepted_at is None
    # Nothing written, nothing made; and the answers hold no content any more.
    assert answers["untouched"].status_update_id is None
    assert StatusUpdate.objects.count() == 4
    assert not hasattr(answers["submitted"], "achieved")

    apps = migrate(BEFORE)
    ReviewAnswer = apps.get_model("reviews", "ReviewAnswer")
    StatusUpdate = apps.get_model("measures", "StatusUpdate")
    back = {name: ReviewAnswer.objects.get(pk=answer.pk) for name, answer in before.items()}
    assert _content(back["submitted"]) == _content(before["submitted"])
    assert _content(back["drafted"]) == ("", None, "Erste Notizen.", "", "")
    assert back["submitted"].status_update_id is None
    assert back["corrected"].achieved.endswith("von der Geschäftsstelle.")
    assert back["alike"].progress == 100  # as accepted
    assert StatusUpdate.objects.count() == 2  # the drafts are gone
