"""Writes through the API are the forms' writes: the same history records (who, what,
old → new), the same notifications and mails, the same signals. Then the API's own
manners of writing: the version in If-Match (428 without, 412 when stale, nothing
written), invalid input as a 422 with the forms' messages in the reader's language,
and a status the measure's life does not allow."""

import json

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from standort.core.history import records
from standort.core.models import OutgoingMail
from standort.measures import signals
from standort.measures.models import Measure, Milestone
from standort.measures.tests.editing import form_data
from standort.notifications.models import Notification

from .factories import READ_WRITE, bearer, send, token_for

pytestmark = pytest.mark.django_db

API = "/api/v1/initiatives/duisburg/measures"


@pytest.fixture
def form(client, anna):
    client.force_login(anna)
    return client


@pytest.fixture
def api(world, anna):
    """Requests with Anna's read-write token; JSON in, JSON out."""
    secret = token_for(anna, world.initiative, READ_WRITE)
    client = Client()

    def call(method, path, body=None, **headers):
        return send(client, method, API + path, body, secret, **headers)

    return call


def _history(model, **conditions):
    return [
        (r.history_type, r.history_user_id, r.history_changes)
        for r in records(model, **conditions).order_by("history_date", "history_id")
    ]


def effects(write):
    """What `write()` did, rolled back afterwards: the history records it added to the
    measures and milestones, the notifications and mails, the measures' signals, and
    the measures and milestones as they are then (without their ids, which a second
    run does not repeat)."""
    heard = []

    def listen(sender, **kwargs):
        heard.append(
            {
                k: getattr(v, "number", getattr(v, "pk", v))
                for k, v in kwargs.items()
                if k != "signal"
            }
        )

    receivers = (signals.status_changed, signals.status_update_added, signals.measures_imported)
    for signal in receivers:
        signal.connect(listen, dispatch_uid="api-test")
    try:
        with transaction.atomic():
            before = {
                "measure": _history(Measure),
                "milestone": _history(Milestone),
                "notes": Notification.objects.count(),
                "outgoing": OutgoingMail.objects.count(),
                "mails": len(mail.outbox),
            }
            answer = write()
            assert answer.status_code < 400, answer.content
            done = {
                "measure history": _history(Measure)[len(before["measure"]) :],
                "milestone history": _history(Milestone)[len(before["milestone"]) :],
                "notifications": sorted(
                    (n.recipient_id, n.kind, n.message, json.dumps(n.params, sort_keys=True))
                    for n in Notification.objects.order_by("pk")[before["notes"] :]
                ),
                "outgoing mails": sorted(
                    (m.to, m.subject)
                    for m in OutgoingMail.objects.order_by("pk")[before["outgoing"] :]
                ),
                "mails": sorted((tuple(m.to), m.subject) for m in mail.outbox[before["mails"] :]),
                "signals": heard,
                "measures": sorted(
                    Measure.objects.values_list(
                        "number",
                        "title",
                        "status",
                        "status_reason",
                        "goal",
                        "due_on",
                        "body_id",
                        "is_internal",
                        "version",
                        "progress",
                    )
                ),
                "tags": sorted(
                    Measure.tags.through.objects.values_list("measure__number", "tag__name")
                ),
                "milestones": sorted(
                    Milestone.objects.values_list(
                        "measure__number", "title", "due_on", "completed_on", "version"
                    )
                ),
            }
            transaction.set_rollback(True)
    finally:
        for signal in receivers:
            signal.disconnect(dispatch_uid="api-test")
    del mail.outbox[before["mails"] :]
    return done


def _page(name, *args):
    return reverse(name, args=["duisburg", *args])


def test_a_new_measure(world, anna, form, api):
    group = world.group
    page = _page("measure_create")
    through_form = effects(
        lambda: form.post(
            page,
            form_data(
                form.get(page),
                title="Gründerzentrum Hochfeld",
                kind="project",
                status="adopted",
                body=group.pk,
                goal="Zehn Gründungen im Jahr",
                due_on="2027-06-30",
                tags="Gründung, Hochfeld",
            ),
        )
    )
    through_api = effects(
        lambda: api(
            "POST",
            "",
            {
                "title": "Gründerzentrum Hochfeld",
                "kind": "project",
                "status": "adopted",
                "body_id": group.pk,
                "goal": "Zehn Gründungen im Jahr",
                "due_on": "2027-06-30",
                "tags": ["Gründung", "Hochfeld"],
            },
        )
    )

    assert through_api == through_form
    [(kind, user, changes)] = through_api["measure history"]
    assert (kind, user) == ("+", anna.pk)
    assert "Gründerzentrum Hochfeld" in json.dumps(changes, ensure_ascii=False)
    assert (3, "Gründung") in through_api["tags"]


def test_a_change_of_a_measure(world, form, api):
    page = _page("measure_edit", 1)
    through_form = effects(
        lambda: form.post(
            page, form_data(form.get(page), goal="Alle Gewerbegebiete", due_on="2031-12-31")
        )
    )
    through_api = effects(
        lambda: api(
            "PATCH",
            "/1",
            {"goal": "Alle Gewerbegebiete", "due_on": "2031-12-31"},
            HTTP_IF_MATCH="*",
        )
    )

    assert through_api == through_form
    [(kind, _user, changes)] = through_api["measure history"]
    assert kind == "~"
    assert changes["changes"] == [
        ["goal", "", "Alle Gewerbegebiete"],
        ["due_on", None, "2031-12-31"],
    ]


def test_a_status_change(world, anna, form, api):
    page = _page("measure_status", 1)
    seen = Measure.objects.get(initiative=world.initiative, number=1).version
    through_form = effects(
        lambda: form.post(page, {"status": "in_progress", "reason": "", "seen_version": seen})
    )
    through_api = effects(
        lambda: api("POST", "/1/status", {"status": "in_progress"}, HTTP_IF_MATCH="*")
    )

    assert through_api == through_form
    assert through_api["signals"] == [
        {"measure": 1, "actor": anna.pk, "old": "adopted", "new": "in_progress"}
    ]
    assert [kind for kind, *_rest in through_api["measure history"]] == ["~"]
    # The owner (Ben) and the partner (Stefan) follow the measure.
    told = {recipient for recipient, *_rest in through_api["notifications"]}
    assert told == {world.measure.owner.user_id, world.partnership.person.user_id}


def test_a_milestone_added_changed_and_deleted(world, form, api):
    milestone = world.milestone
    new = _page("milestone_create", 1)
    edit = _page("milestone_edit", 1, milestone.pk)
    data = {"title": "Vergabe", "due_on": "2027-03-31"}

    assert effects(lambda: api("POST", "/1/milestones", data)) == effects(
        lambda: form.post(new, form_data(form.get(new), **data))
    )
    assert effects(
        lambda: api(
            "PATCH",
            f"/1/milestones/{milestone.pk}",
            {"completed_on": "2026-12-01"},
            HTTP_IF_MATCH="*",
        )
    ) == effects(lambda: form.post(edit, form_data(form.get(edit), completed_on="2026-12-01")))
    deleted = effects(lambda: api("DELETE", f"/1/milestones/{milestone.pk}", HTTP_IF_MATCH="*"))
    assert deleted == effects(lambda: form.post(_page("milestone_delete", 1, milestone.pk)))
    assert [kind for kind, *_rest in deleted["milestone history"]] == ["-"]


# Versions -------------------------------------------------------------------------------


def _state():
    return (
        sorted(Measure.objects.values_list("pk", "version", "title", "status", "goal")),
        sorted(Milestone.objects.values_list("pk", "version", "title")),
        records(Measure).count(),
        records(Milestone).count(),
    )


def test_a_change_needs_the_version_it_was_read_with(world, api):
    read = api("GET", "/1")
    etag = read["ETag"]
    before = _state()

    missing = api("PATCH", "/1", {"goal": "Ohne Version"})
    assert missing.status_code == 428
    assert missing.json()["type"].endswith("#problem-precondition-required")
    assert _state() == before

    changed = api("PATCH", "/1", {"goal": "Mit Version"}, HTTP_IF_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["goal"] == "Mit Version"
    assert changed["ETag"] != etag
    # The answer's ETag is the one the next read gives.
    assert changed["ETag"] == api("GET", "/1")["ETag"]
    after = _state()

    stale = api("PATCH", "/1", {"goal": "Veraltet"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["type"].endswith("#problem-precondition-failed")
    assert _state() == after
    stale_status = api("POST", "/1/status", {"status": "in_progress"}, HTTP_IF_MATCH=etag)
    assert stale_status.status_code == 412
    assert _state() == after

    again = api("PATCH", "/1", {"goal": "Neu gelesen"}, HTTP_IF_MATCH=changed["ETag"])
    assert again.status_code == 200


def test_a_list_of_etags_and_the_star_are_accepted(world, api):
    etag = api("GET", "/1")["ETag"]
    listed = api("PATCH", "/1", {"goal": "A"}, HTTP_IF_MATCH=f'"alt", {etag}')
    assert listed.status_code == 200
    assert api("PATCH", "/1", {"goal": "B"}, HTTP_IF_MATCH="*").status_code == 200


def test_a_milestone_needs_its_version_too(world, api):
    path = f"/1/milestones/{world.milestone.pk}"
    etag = api("GET", path)["ETag"]
    before = _state()

    assert api("PATCH", path, {"title": "Ohne"}).status_code == 428
    assert api("DELETE", path).status_code == 428
    assert _state() == before

    changed = api("PATCH", path, {"title": "Vergabe erteilt"}, HTTP_IF_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["title"] == "Vergabe erteilt"
    after = _state()
    assert api("PATCH", path, {"title": "Veraltet"}, HTTP_IF_MATCH=etag).status_code == 412
    assert api("DELETE", path, HTTP_IF_MATCH=etag).status_code == 412
    assert _state() == after

    assert api("DELETE", path, HTTP_IF_MATCH=changed["ETag"]).status_code == 204
    assert not Milestone.objects.filter(pk=world.milestone.pk).exists()


# Invalid input ---------------------------------------------------------------------------


def _errors(response):
    assert response.status_code == 422, response.content
    problem = response.json()
    assert problem["type"].endswith("#problem-invalid")
    return {(error["field"], error["detail"]) for error in problem["errors"]}


@pytest.mark.parametrize(
    ("language", "required"),
    [("de", "Dieses Feld ist zwingend erforderlich."), ("en", "This field is required.")],
)
def test_invalid_input_is_answered_with_the_forms_messages(world, api, language, required):
    before = _state()

    answer = api(
        "PATCH",
        "/1",
        {"title": "", "custom_fields": {world.field.key: "sehr hoch"}},
        HTTP_IF_MATCH="*",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    errors = _errors(answer)
    assert ("title", required) in errors
    assert {field for field, _detail in errors} == {"title", f"custom_fields.{world.field.key}"}
    assert answer["Content-Language"] == language
    assert _state() == before


def test_a_new_milestone_needs_its_date(world, api):
    before = _state()
    errors = _errors(api("POST", "/1/milestones", {"title": "Ohne Datum"}))
    assert {field for field, _detail in errors} == {"due_on"}
    assert _state() == before


def test_a_chair_adds_measures_only_to_their_group(world, carl, client):
    secret = token_for(carl, world.initiative, READ_WRITE)
    before = _state()

    answer = client.post(
        API,
        {"title": "Im fremden Kreis", "body_id": world.other_group.pk},
        content_type="application/json",
        **bearer(secret),
    )

    assert {field for field, _detail in _errors(answer)} == {"body_id"}
    assert _state() == before


def test_the_status_does_not_change_with_a_patch(world, api):
    before = _state()
    errors = _errors(api("PATCH", "/1", {"status": "done"}, HTTP_IF_MATCH="*"))
    assert {field for field, _detail in errors} == {"status"}
    assert _state() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "proposed"}, "status"),  # adopted measures do not go back
        ({"status": "dropped"}, "reason"),  # dropped needs a reason
        ({"status": "nonsense"}, "status"),
    ],
    ids=["back-to-proposed", "dropped-without-reason", "unknown"],
)
def test_a_status_its_life_does_not_allow_is_refused(world, api, change, field):
    before = _state()
    errors = _errors(api("POST", "/1/status", change, HTTP_IF_MATCH="*"))
    assert {name for name, _detail in errors} == {field}
    assert _state() == before
