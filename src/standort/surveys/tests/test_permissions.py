"""Every view of surveys, for every persona.

Everyone taking part in Duisburg (Olga observes, Ben is a member, Stefan sits on the
steering committee, Anna runs the office) and Paul, the platform admin, read the list,
a survey and its results (as a page, a PDF and a comparison of two waves); only Anna
and Paul build, run, invite, export and publish. Clara (Mülheim's office) and Eva (no
role) get 403 in Duisburg, anonymous callers the sign-in page.

Three tests run the table: in Duisburg as is, with Mülheim's surveys addressed through
/duisburg/ (404 by construction), and in the non-public forum (404 for everybody but
Paul). A refused POST writes nothing, and no page shows a name of another initiative."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from standort.conftest import PERSONAS
from standort.core.models import OutgoingMail
from standort.indicators.models import Observation
from standort.indicators.tests.factories import IndicatorFactory
from standort.initiatives.tests.factories import InitiativeOrganizationFactory, OrganizationFactory
from standort.initiatives.tests.test_permissions import LOGIN, answer, fresh
from standort.surveys import queries, services, urls
from standort.surveys.models import (
    Answer,
    OpenLink,
    Question,
    Recipient,
    Response,
    Section,
    Survey,
)

from .factories import QuestionFactory, RecipientFactory, SectionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

ALLOWED = {
    "view": {"olga", "ben", "stefan", "anna", "paul"},
    "manage": {"anna", "paul"},
}


@dataclass
class Place:
    """The objects of one initiative that the views address by id."""

    initiative: object
    running: Survey  # open, with recipients (one invited) and an answer
    asked: Question  # the running survey's question
    draft: Survey  # in preparation: the running survey's next wave
    section: Section  # of the draft
    question: Question  # of the draft
    firm: object  # an organisation of the initiative not asked yet
    waiting: object  # a recipient of the running survey not yet invited
    indicator: object
    names: tuple  # visible names that belong to this initiative only


def _apart(make, initiative_ids):
    """A survey whose id is no initiative's id: a rule that took the survey for its
    initiative would otherwise pass wherever the two ids happened to be equal."""
    obj = make()
    while obj.pk in initiative_ids:
        obj.delete()
        obj = make()
    return obj


def populate(initiative, ids, *, running, draft, section, question, firms, indicator):
    the_running = _apart(
        # Not anonymous: its one answer may be exported (an anonymous survey's need five).
        lambda: SurveyFactory(
            initiative=initiative, title=running, state=Survey.State.OPEN, is_anonymous=False
        ),
        ids,
    )
    asked = QuestionFactory(
        section=SectionFactory(survey=the_running), kind=Question.Kind.YES_NO, text=question
    )
    invited, waiting, new = firms
    RecipientFactory(
        survey=the_running, organization=OrganizationFactory(name=invited), invited=True
    )
    the_waiting = RecipientFactory(
        survey=the_running, organization=OrganizationFactory(name=waiting)
    )
    # As many answers as a result published for every member needs.
    for _ in range(queries.MIN_GROUP):
        services.submit(survey=the_running, values={str(asked.pk): 1})
    the_draft = _apart(
        lambda: SurveyFactory(initiative=initiative, title=draft, previous_wave=the_running), ids
    )
    the_section = SectionFactory(survey=the_draft, title=section)
    the_question = QuestionFactory(
        section=the_section, kind=Question.Kind.YES_NO, text=question, key=asked.key
    )
    firm = OrganizationFactory(name=new)
    InitiativeOrganizationFactory(initiative=initiative, organization=firm)
    return Place(
        initiative=initiative,
        running=the_running,
        asked=asked,
        draft=the_draft,
        section=the_section,
        question=the_question,
        firm=firm,
        waiting=the_waiting,
        indicator=IndicatorFactory(initiative=initiative, name=indicator),
        names=(running, draft, section, question, *firms, indicator),
    )


@pytest.fixture
def places(duisburg, muelheim, internal, anna, stefan, ben, olga, clara, paul, eva):
    ids = {duisburg.pk, muelheim.pk, internal.pk}
    return {
        "duisburg": populate(
            duisburg,
            ids,
            running="Hafenbefragung Ruhrort",
            draft="Hafenbefragung Ruhrort, zweite Welle",
            section="Logistik am Hafen",
            question="Nutzen Sie den Containerterminal?",
            firms=("Duisport Stauerei GmbH", "Ruhrorter Werft AG", "Homberger Kranbau GmbH"),
            indicator="Umschlag im Hafen",
        ),
        "muelheim": populate(
            muelheim,
            ids,
            running="Industriebefragung Styrum",
            draft="Industriebefragung Styrum, zweite Welle",
            section="Flächen in Speldorf",
            question="Fehlen Ihnen Erweiterungsflächen?",
            firms=("Speldorfer Röhrenwerk GmbH", "Saarner Stanztechnik KG", "Broicher Gießerei"),
            indicator="Betriebe mit Flächenbedarf",
        ),
        "forum": populate(
            internal,
            ids,
            running="Vertrauliche Umfrage",
            draft="Vertrauliche Umfrage, zweite Welle",
            section="Interna",
            question="Geheime Frage?",
            firms=("Kettwiger Geheimfirma", "Werdener Stillschweig AG", "Essener Diskret GmbH"),
            indicator="Geheime Kennzahl",
        ),
    }


@pytest.fixture
def personas(places, request):
    return {
        name: None if name == "anonymous" else request.getfixturevalue(name) for name in PERSONAS
    }


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    target: Callable | None = None  # place → URL kwargs of the object the view addresses
    post: Callable | None = None  # place → form data; None: the view takes no POST
    # A view for buttons only: a GET sends the allowed back to the survey.
    redirects: bool = False
    variant: str = ""  # tells apart two rows of one view

    def __str__(self):
        return f"{self.name}.{self.variant}" if self.variant else self.name

    def kwargs(self, place):
        return self.target(place) if self.target else {}


def draft(place):
    return {"pk": place.draft.pk}


def running(place):
    return {"pk": place.running.pk}


def section(place):
    return {"pk": place.draft.pk, "section_pk": place.section.pk}


def question(place):
    return {"pk": place.draft.pk, "question_pk": place.question.pk}


def export(place, file_format):
    return {"pk": place.running.pk, "file_format": file_format}


def nothing(place):
    return {}


def question_data(text):
    return {"kind": "yes_no", "text": text, "required": "on", "position": "1"}


TABLE = [
    Row("survey_list", "view"),
    Row(
        "survey_create", "manage", post=lambda p: {"title": "Neue Befragung", "is_anonymous": "on"}
    ),
    Row("survey_detail", "view", draft),
    Row(
        "survey_edit",
        "manage",
        draft,
        post=lambda p: {
            "title": f"{p.draft.title} (neu)",
            "is_anonymous": "on",
            "seen_version": p.draft.version,
        },
    ),
    Row("survey_delete", "manage", draft, post=nothing),
    Row("survey_wave", "manage", running, post=lambda p: {"title": "Dritte Welle"}),
    Row("survey_open", "manage", draft, post=nothing),
    Row("survey_close", "manage", running, post=nothing),
    Row("section_create", "manage", draft, post=lambda p: {"title": "Neu", "position": "2"}),
    Row(
        "section_edit",
        "manage",
        section,
        post=lambda p: {"title": f"{p.section.title} II", "position": "1"},
    ),
    Row("section_delete", "manage", section, post=nothing),
    Row("question_create", "manage", section, post=lambda p: question_data("Neue Frage?")),
    Row("question_edit", "manage", question, post=lambda p: question_data(f"{p.question.text}!")),
    Row("question_delete", "manage", question, post=nothing),
    Row("survey_recipients", "manage", running, post=lambda p: {"firm": [p.firm.pk]}),
    Row(
        "recipient_remove",
        "manage",
        lambda p: {"pk": p.running.pk, "recipient_pk": p.waiting.pk},
        post=nothing,
    ),
    Row("survey_invite", "manage", running, post=nothing, redirects=True),
    Row("survey_remind", "manage", running, post=nothing, redirects=True),
    Row("survey_open_link", "manage", running, post=nothing, redirects=True),
    Row("survey_results", "view", running),
    Row("survey_results_pdf", "view", running),
    Row("survey_answers_export", "manage", lambda p: export(p, "csv"), variant="csv"),
    Row("survey_answers_export", "manage", lambda p: export(p, "xlsx"), variant="xlsx"),
    Row("survey_compare", "view", draft),
    Row(
        "survey_publish",
        "manage",
        running,
        post=lambda p: {
            "answer": f"{p.asked.pk}:1",
            "indicator": p.indicator.pk,
            "observed_on": "2025-06-30",
        },
    ),
]
CASES = [(row, "GET") for row in TABLE] + [(row, "POST") for row in TABLE if row.post]
IDS = [f"{row}-{method}" for row, method in CASES]
OBJECT_CASES = [(row, method) for row, method in CASES if row.target]
OBJECT_IDS = [f"{row}-{method}" for row, method in OBJECT_CASES]


def test_the_table_names_every_view():
    assert {row.name for row in TABLE} == {pattern.name for pattern in urls.urlpatterns}


def expected(row, method, persona):
    if persona in ALLOWED[row.kind]:
        return 302 if method == "POST" or row.redirects else 200
    return LOGIN if persona == "anonymous" else 403


def written():
    """What a request may have changed: the rows of the app (with their versions), the
    links, the mails queued, the indicator values published, the history."""
    return (
        sorted(Survey.objects.values_list("pk", "version", "state", "title")),
        sorted(Section.objects.values_list("pk", "title", "position")),
        sorted(Question.objects.values_list("pk", "text", "kind")),
        sorted(Recipient.objects.values_list("pk", "invited_at", "reminded_at", "token_hash")),
        sorted(OpenLink.objects.values_list("pk", "token_hash", "link_revoked_at")),
        Response.objects.count(),
        Answer.objects.count(),
        OutgoingMail.objects.count(),
        Observation.objects.count(),
        Survey.history.count(),
    )


def ask_everyone(personas, row, method, place, *, slug, foreign):
    """{persona: answer}, {persona: whether the request wrote}, {persona: names of the
    `foreign(persona)` places on the page}. Each persona asks inside a transaction that
    is rolled back, so each meets the same data."""
    answers, wrote, leaks = {}, {}, {}
    client = Client()
    url = reverse(row.name, kwargs={"initiative_slug": slug, **row.kwargs(place)})
    for name, user in personas.items():
        with transaction.atomic():
            fresh(client, user)
            before = written()
            response = client.post(url, row.post(place)) if method == "POST" else client.get(url)
            answers[name] = answer(response)
            wrote[name] = written() != before
            page = response.content.decode(errors="replace")
            leaks[name] = [n for other in foreign(name) for n in other.names if n in page]
            transaction.set_rollback(True)
    return answers, wrote, leaks


NOBODY = dict.fromkeys(PERSONAS, [])


@pytest.mark.parametrize(("row", "method"), CASES, ids=IDS)
def test_duisburg(places, personas, row, method):
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        places["duisburg"],
        slug="duisburg",
        foreign=lambda persona: [places["muelheim"], places["forum"]],
    )

    assert answers == {p: expected(row, method, p) for p in PERSONAS}
    # Only an allowed POST changes anything, and each allowed POST does.
    assert wrote == {p: method == "POST" and answers[p] == 302 for p in PERSONAS}
    assert leaks == NOBODY


@pytest.mark.parametrize(("row", "method"), OBJECT_CASES, ids=OBJECT_IDS)
def test_muelheims_surveys_through_duisburg_are_not_found(places, personas, row, method):
    """/duisburg/surveys/<id of a Mülheim survey>/: Mülheim's survey does not exist in
    Duisburg, for anybody (core.access looks it up before anyone's rights)."""
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        places["muelheim"],
        slug="duisburg",
        foreign=lambda persona: [places["muelheim"], places["forum"]],
    )

    assert answers == dict.fromkeys(PERSONAS, 404)
    assert wrote == dict.fromkeys(PERSONAS, False)
    assert leaks == NOBODY


@pytest.mark.parametrize(("row", "method"), CASES, ids=IDS)
def test_the_forum_is_hidden(places, personas, row, method):
    """Nobody but Paul takes part in the non-public forum: for all others, anonymous
    visitors included, it does not exist, and nothing they send changes it."""
    outsiders = [p for p in PERSONAS if p != "paul"]
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        places["forum"],
        slug="forum",
        # Paul may see the forum's own names; nobody else may.
        foreign=lambda persona: (
            [places["duisburg"], places["muelheim"]]
            + ([] if persona == "paul" else [places["forum"]])
        ),
    )

    assert answers == {**dict.fromkeys(outsiders, 404), "paul": expected(row, method, "paul")}
    assert wrote == {p: p == "paul" and method == "POST" for p in PERSONAS}
    assert leaks == NOBODY


def test_mulheims_sections_and_questions_under_a_duisburg_survey_are_not_found(places, as_persona):
    """Paul may do anything anywhere, yet a section or question of Mülheim's survey is
    not one of Duisburg's survey."""
    duisburg, muelheim = places["duisburg"], places["muelheim"]
    client = as_persona("paul")
    before = written()
    for name, kwargs, data in [
        ("section_edit", {"section_pk": muelheim.section.pk}, {"title": "X", "position": "1"}),
        ("section_delete", {"section_pk": muelheim.section.pk}, {}),
        ("question_create", {"section_pk": muelheim.section.pk}, question_data("X?")),
        ("question_edit", {"question_pk": muelheim.question.pk}, question_data("X?")),
        ("question_delete", {"question_pk": muelheim.question.pk}, {}),
    ]:
        url = reverse(
            name, kwargs={"initiative_slug": "duisburg", "pk": duisburg.draft.pk, **kwargs}
        )
        assert client.get(url).status_code == 404, name
        assert client.post(url, data).status_code == 404, name
    assert written() == before


def test_firms_of_another_initiative_cannot_be_added(places, as_persona):
    """Anna posts the id of a Mülheim firm to Duisburg's recipients: nothing added."""
    duisburg, muelheim = places["duisburg"], places["muelheim"]
    url = reverse("survey_recipients", args=["duisburg", duisburg.running.pk])
    as_persona("anna").post(url, {"firm": [muelheim.firm.pk]})
    assert not Recipient.objects.filter(organization=muelheim.firm).exists()


def test_another_initiatives_indicator_cannot_be_published_to(places, as_persona):
    duisburg, muelheim = places["duisburg"], places["muelheim"]
    response = as_persona("anna").post(
        reverse("survey_publish", args=["duisburg", duisburg.running.pk]),
        {
            "answer": f"{duisburg.asked.pk}:1",
            "indicator": muelheim.indicator.pk,
            "observed_on": "2025-06-30",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["indicator"]
    assert not Observation.objects.exists()


def test_rules_ask_the_surveys_initiative(duisburg, muelheim, olga, anna, clara):
    """A survey of Duisburg is Duisburg's whatever its id, even the id of Mülheim."""
    elsewhere = Survey(pk=duisburg.pk + 1000, initiative=duisburg)
    like_muelheim = Survey(pk=muelheim.pk, initiative=duisburg)
    assert olga.has_perm("surveys.view", elsewhere)
    assert anna.has_perm("surveys.manage", elsewhere)
    assert not olga.has_perm("surveys.manage", elsewhere)
    assert not clara.has_perm("surveys.view", like_muelheim)
    assert not clara.has_perm("surveys.manage", like_muelheim)
