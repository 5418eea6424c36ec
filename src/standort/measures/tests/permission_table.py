"""The machinery of the permission tables of the editing and set-up views.

A table names each view, what its address needs, who may use it and what a POST
sends. Every persona asks in turn, inside a transaction that is rolled back, so each
meets the same data; the answer, whether anything was written, and whether a page
showed another initiative's names are collected for one assertion per case.

Who may do what (DESIGN.md, measures/rules.py):

* "add": new measures: the office, the platform admin, and Carl, who chairs a working
  group of Duisburg.
* "change": measure 1 of Carl's group and what hangs on it: office, admin, Carl.
* "change_other": measure 2 of another group: office and admin only.
* "manage": deleting, restoring and the set-up pages: office and admin only.
* "view": a measure's attachments: everyone taking part, and the admin."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from standort.conftest import PERSONAS as BASE_PERSONAS
from standort.initiatives.tests.factories import PersonFactory
from standort.initiatives.tests.test_permissions import LOGIN, answer, fresh
from standort.measures import services
from standort.measures.models import (
    Attachment,
    CustomField,
    Measure,
    Milestone,
    Partnership,
    Topic,
)

PERSONAS = [*BASE_PERSONAS, "carl"]
ALLOWED = {
    "add": {"anna", "paul", "carl"},
    "change": {"anna", "paul", "carl"},
    "change_other": {"anna", "paul"},
    "manage": {"anna", "paul"},
    "view": {"olga", "ben", "stefan", "anna", "paul", "carl"},
}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name="Konzept.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    kwargs: Callable  # place → URL kwargs besides the slug
    post: Callable | None = None  # place → form data; None: GET only
    get_status: int = 200  # what an allowed GET answers (405 for POST-only views)

    def __str__(self):
        return self.name


def number(attr="measure"):
    return lambda p: {"number": getattr(p, attr).number}


def part(attr, measure="measure"):
    return lambda p: {"number": getattr(p, measure).number, "pk": getattr(p, attr).pk}


def pk(attr):
    return lambda p: {"pk": getattr(p, attr).pk}


def nothing(place):
    return {}


def expected(row, method, persona):
    if persona in ALLOWED[row.kind]:
        return 302 if method == "POST" else row.get_status
    return LOGIN if persona == "anonymous" else 403


def cases(table):
    return [(row, "GET") for row in table] + [(row, "POST") for row in table if row.post]


def case_ids(case_list):
    return [f"{row}-{method}" for row, method in case_list]


HISTORIES = [Measure, Milestone, Partnership, Attachment, CustomField, Topic]


def recorded_changes():
    return sum(model.history.count() for model in HISTORIES)


def names_of(place):
    return [place.measure.title, place.other_measure.title, place.milestone.title, place.topic.name]


def ask_everyone(personas, row, method, place, *, slug, foreign=()):
    """{persona: answer}, {persona: wrote anything}, {persona: foreign names shown}."""
    answers, wrote, leaks = {}, {}, {}
    client = Client()
    url = reverse(row.name, kwargs={"initiative_slug": slug, **row.kwargs(place)})
    for name, user in personas.items():
        with transaction.atomic():
            fresh(client, user)
            before = recorded_changes()
            response = client.post(url, row.post(place)) if method == "POST" else client.get(url)
            answers[name] = answer(response)
            wrote[name] = recorded_changes() != before
            page = b"".join(response) if response.streaming else response.content
            text = page.decode(errors="replace")
            leaks[name] = [n for p in foreign for n in names_of(p) if n in text]
            transaction.set_rollback(True)
    return answers, wrote, leaks


def assert_duisburg_answers(world, personas, row, method):
    """In Duisburg: each persona gets what the table says, only an allowed POST writes,
    and no page shows a name of Mülheim or the forum."""
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        world["duisburg"],
        slug="duisburg",
        foreign=[world["muelheim"], world["forum"]],
    )

    assert answers == {p: expected(row, method, p) for p in PERSONAS}
    assert wrote == {p: method == "POST" and answers[p] == 302 for p in PERSONAS}
    assert leaks == dict.fromkeys(PERSONAS, [])


def assert_forum_hidden(world, personas, row, method):
    """Nobody but Paul takes part in the non-public forum: for all others it does not
    exist, and nothing they send is written."""
    outsiders = [p for p in PERSONAS if p != "paul"]
    answers, wrote, _leaks = ask_everyone(personas, row, method, world["forum"], slug="forum")

    assert answers == {**dict.fromkeys(outsiders, 404), "paul": expected(row, method, "paul")}
    assert not any(wrote[p] for p in outsiders)


@pytest.fixture
def world(measures, settings, tmp_path, anna):
    """The measure places, each with an attachment and a person who could become a
    partner (`spare`)."""
    settings.MEDIA_ROOT = tmp_path
    for place in measures.values():
        place.attachment = services.attachment_add(actor=anna, measure=place.measure, upload=pdf())
        place.spare = PersonFactory(initiative=place.initiative)
    return measures


@pytest.fixture
def personas(world, request):
    return {
        name: None if name == "anonymous" else request.getfixturevalue(name) for name in PERSONAS
    }
