"""Answering through a personal link (`/link/<token>/<page>/`), and what is stored.

A firm of the construction sector answers Duisburg's survey, one page per section. Of
an anonymous survey the stored rows keep no trace of the firm but its sector and size
class; the recipient keeps only that it took part. What a firm entered waits on its
recipient row between visits, and a link works until it is used, the survey closes,
it expires or it is revoked."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from standort.core.testing import error_of
from standort.initiatives.models import Organization, Person
from standort.initiatives.tests.factories import OrganizationFactory, PersonFactory
from standort.surveys import services
from standort.surveys.models import (
    Answer,
    OpenLink,
    OpenSubmission,
    Question,
    Recipient,
    Response,
    Survey,
)

from .factories import (
    QuestionFactory,
    RecipientFactory,
    SectionFactory,
    SurveyFactory,
    survey_of_every_kind,
    with_link,
)

pytestmark = pytest.mark.django_db

Kind = Question.Kind


@pytest.fixture
def built(duisburg):
    return survey_of_every_kind(
        duisburg, title="Standortbefragung Duisburg 2025", state=Survey.State.OPEN
    )


@pytest.fixture
def recipient(built, duisburg):
    firm = OrganizationFactory(name="Hochfelder Hochbau GmbH", sector="F", size="small")
    return RecipientFactory(
        survey=built.survey,
        organization=firm,
        person=PersonFactory(
            first_name="Hanna",
            last_name="Hellwig",
            email="hanna.hellwig@example.org",
            organization=firm,
            initiative=duisburg,
        ),
        invited=True,
    )


@pytest.fixture
def link(recipient):
    return with_link(recipient)


def first_page(built, **changes):
    data = {
        built.field(Kind.SINGLE): "1",
        built.field(Kind.MULTIPLE): ["0", "2"],
        built.field(Kind.SCALE): "4",
        "next": "1",
    }
    return {**data, **changes}


def second_page(built, **changes):
    data = {
        built.field(Kind.YES_NO): "1",
        built.field(Kind.NUMBER): "12,5",
        built.field(Kind.SHORT_TEXT): "Hochbau",
        built.field(Kind.LONG_TEXT): "Schnellere Baugenehmigungen.",
        "next": "1",
    }
    return {**data, **changes}


def answer_all(client, link, built):
    first = client.post(f"{link}1/", first_page(built))
    assert first.status_code == 302
    assert first["Location"] == f"{link}2/"
    done = client.post(f"{link}2/", second_page(built))
    assert done.status_code == 200
    assert [t.name for t in done.templates][0] == "surveys/answer_done.html"
    return done


def stored_answers(response):
    """{question kind: [option | number | text]} of the response's answer rows."""
    found = {}
    for answer in response.answers.select_related("question").order_by("pk"):
        value = answer.option if answer.option is not None else answer.number
        found.setdefault(answer.question.kind, []).append(
            value if value is not None else answer.text
        )
    return found


# What is stored ---------------------------------------------------------------------------


def every_answer(built):
    """The cleaned values of both pages, as the recipient's draft holds them."""
    return {
        built.field(Kind.SINGLE): 1,
        built.field(Kind.MULTIPLE): [0, 2],
        built.field(Kind.SCALE): 4,
        built.field(Kind.YES_NO): 1,
        built.field(Kind.NUMBER): "12.5",
        built.field(Kind.SHORT_TEXT): "Hochbau",
        built.field(Kind.LONG_TEXT): "Schnellere Baugenehmigungen.",
    }


EVERY_ANSWER_STORED = {
    Kind.SINGLE: [1],
    Kind.MULTIPLE: [0, 2],
    Kind.SCALE: [4],
    Kind.YES_NO: [1],
    Kind.NUMBER: [Decimal("12.5")],
    Kind.SHORT_TEXT: ["Hochbau"],
    Kind.LONG_TEXT: ["Schnellere Baugenehmigungen."],
}


def test_submitting_the_last_page_once_is_enough(client, built, recipient, link):
    """Found by these tests: see LAST_PAGE_SUBMITS_ON_SECOND_CLICK. Every answer is
    there (the draft shows it), yet the first "Submit" stores nothing."""
    client.post(f"{link}1/", first_page(built))
    client.post(f"{link}2/", second_page(built))

    recipient.refresh_from_db()
    assert recipient.draft == {}, "all answers are in the draft, but it was not submitted"
    assert recipient.took_part is True


def test_the_service_stores_an_anonymous_response_without_the_firm(built, recipient):
    recipient.draft = every_answer(built)
    recipient.save()

    response = services.submit(survey=built.survey, values=recipient.draft, recipient=recipient)

    response.refresh_from_db()
    assert (response.recipient_id, response.organization_id) == (None, None)
    assert (response.sector, response.size) == ("F", "small")
    assert type(response.submitted_on) is datetime.date
    assert stored_answers(response) == EVERY_ANSWER_STORED
    recipient.refresh_from_db()
    assert (recipient.took_part, recipient.draft, recipient.draft_section) == (True, {}, 0)


def test_the_service_names_the_firm_where_the_survey_is_not_anonymous(built, recipient):
    Survey.objects.filter(pk=built.survey.pk).update(is_anonymous=False)
    built.survey.refresh_from_db()

    response = services.submit(survey=built.survey, values=every_answer(built), recipient=recipient)

    response.refresh_from_db()
    assert response.recipient_id == recipient.pk
    assert response.organization_id == recipient.organization_id


def test_an_anonymous_response_keeps_no_trace_of_the_firm(client, built, recipient, link):
    answer_all(client, link, built)

    response = Response.objects.get(survey=built.survey)
    assert response.recipient_id is None
    assert response.organization_id is None
    assert (response.sector, response.size) == ("F", "small")
    # The day only, not the moment: a time could be matched with the recipient's visit.
    (day,) = Response.objects.filter(pk=response.pk).values_list("submitted_on", flat=True)
    assert type(day) is datetime.date
    assert day == timezone.localdate()
    assert stored_answers(response) == EVERY_ANSWER_STORED

    recipient.refresh_from_db()
    assert recipient.took_part is True
    assert recipient.draft == {}
    assert recipient.draft_section == 0
    assert not Response.objects.filter(recipient=recipient).exists()


def _traces(recipient):
    """What would tie a row to the firm that answered."""
    person = recipient.person
    return {
        recipient.organization.name,
        person.first_name,
        person.last_name,
        person.email,
        recipient.token_hash,
    }


@pytest.mark.parametrize("through", ["link", "service"])
def test_no_column_of_a_response_or_answer_points_to_the_firm(
    client, built, recipient, link, through
):
    if through == "link":
        answer_all(client, link, built)
    else:
        services.submit(survey=built.survey, values=every_answer(built), recipient=recipient)
    traces = _traces(recipient)
    identifying = {Recipient, Organization, Person}

    rows = [(Response, Response.objects.get(survey=built.survey))]
    rows += [(Answer, answer) for answer in Answer.objects.filter(response__survey=built.survey)]
    assert len(rows) == 1 + 8  # the response; seven questions, two options of the multiple
    for model, row in rows:
        for field in model._meta.concrete_fields:
            value = getattr(row, field.attname)
            if field.is_relation and field.related_model in identifying:
                assert value is None, f"{model.__name__}.{field.name} names the firm"
            if isinstance(value, str):
                assert not [t for t in traces if t and t in value], f"{model.__name__}.{field.name}"
            # A moment (rather than a day) would let one match the row to a visit.
            assert not isinstance(field, models.DateTimeField), f"{model.__name__}.{field.name}"
    # Nothing else refers to the response or its answers from the recipient's side.
    for field in Recipient._meta.concrete_fields:
        assert field.related_model not in (Response, Answer), field.name
    assert not Recipient.objects.filter(pk=recipient.pk, response__isnull=False).exists()


def test_a_response_to_a_survey_that_is_not_anonymous_names_the_firm(
    client, built, recipient, link
):
    Survey.objects.filter(pk=built.survey.pk).update(is_anonymous=False)

    answer_all(client, link, built)

    response = Response.objects.get(survey=built.survey)
    assert response.recipient_id == recipient.pk
    assert response.organization_id == recipient.organization_id
    assert (response.sector, response.size) == ("F", "small")
    recipient.refresh_from_db()
    assert recipient.took_part is True
    assert recipient.draft == {}


# Coming back ------------------------------------------------------------------------------


def _checked(page, name):
    """The values of the checked radio buttons or boxes named `name`."""
    inputs = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    return sorted(re.search(r'value="([^"]*)"', i).group(1) for i in inputs if " checked" in i)


def test_what_was_entered_is_kept_between_visits(client, built, recipient, link):
    intro = client.get(link)
    assert intro.status_code == 200
    assert intro.context["resumed"] is False
    assert client.post(f"{link}1/", first_page(built)).status_code == 302

    recipient.refresh_from_db()
    assert recipient.draft_section == 1
    assert recipient.draft[built.field(Kind.SCALE)] == 4
    assert not Response.objects.exists()

    # The next day, with the same link: the introduction offers to go on.
    again = client.get(link)
    assert again.context["resumed"] is True
    assert again.context["start_url"] == f"{link}1/"
    page = client.get(f"{link}1/").content.decode()
    assert _checked(page, built.field(Kind.SINGLE)) == ["1"]
    assert _checked(page, built.field(Kind.MULTIPLE)) == ["0", "2"]
    assert _checked(page, built.field(Kind.SCALE)) == ["4"]


def test_going_back_keeps_what_was_entered_on_the_page(client, built, recipient, link):
    """Going back keeps the page's answers, even where the page is not complete."""
    back = client.post(
        f"{link}2/",
        {built.field(Kind.NUMBER): "7", built.field(Kind.SHORT_TEXT): "Bau", "back": "1"},
    )
    assert back.status_code == 302
    assert back["Location"] == f"{link}1/"
    recipient.refresh_from_db()
    assert recipient.draft[built.field(Kind.NUMBER)] == "7"
    assert recipient.draft[built.field(Kind.SHORT_TEXT)] == "Bau"
    page = client.get(f"{link}2/").content.decode()
    assert 'value="7"' in page and 'value="Bau"' in page


def test_a_number_comes_back_as_it_was_typed(client, built, recipient, link):
    client.post(f"{link}2/", {built.field(Kind.NUMBER): "12,5", "back": "1"})
    page = client.get(f"{link}2/").content.decode()
    assert 'value="12,5"' in page


def test_the_last_page_sends_back_to_a_page_left_incomplete(client, built, recipient, link):
    """The second page reached directly (page 1 never answered): nothing is submitted,
    the respondent is sent to page 1."""
    response = client.post(f"{link}2/", second_page(built))
    assert response.status_code == 302
    assert response["Location"] == f"{link}1/"
    assert not Response.objects.exists()
    recipient.refresh_from_db()
    assert recipient.took_part is False


# Links that no longer work --------------------------------------------------------------


def test_a_used_link_no_longer_works(client, built, recipient, link):
    """The firm has submitted (as the last page does): its link answers 410, and a
    page posted again stores nothing."""
    client.post(f"{link}1/", first_page(built))
    services.submit(survey=built.survey, values=every_answer(built), recipient=recipient)

    for url in (link, f"{link}1/", f"{link}2/"):
        response = client.get(url)
        assert response.status_code == 410, url
        assert response.context["state"] == "used"
    assert client.post(f"{link}2/", second_page(built)).status_code == 410
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 8


def test_a_link_answers_once(client, built, recipient, link):
    answer_all(client, link, built)

    for url in (link, f"{link}1/", f"{link}2/"):
        response = client.get(url)
        assert response.status_code == 410, url
        assert response.context["state"] == "used"
    again = client.post(f"{link}2/", second_page(built))
    assert again.status_code == 410
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 8


def test_a_second_submission_is_refused_by_the_service(built, recipient):
    values = {built.field(Kind.SINGLE): 0, built.field(Kind.SCALE): 3, built.field(Kind.YES_NO): 0}
    services.submit(survey=built.survey, values=values, recipient=recipient)
    with pytest.raises(services.DomainError):
        services.submit(survey=built.survey, values=values, recipient=recipient)
    assert Response.objects.count() == 1


def test_a_closed_surveys_link_no_longer_works(client, built, recipient, link, anna):
    client.post(f"{link}1/", first_page(built))
    services.survey_close(actor=anna, survey=built.survey)

    for url in (link, f"{link}2/"):
        response = client.get(url)
        assert response.status_code == 410
        assert response.context["state"] == "expired"
    # It says that the survey has ended, and whom to ask: the office.
    page = response.content.decode()
    assert built.survey.title in page
    assert "anna@example.org" in page
    assert client.post(f"{link}2/", second_page(built)).status_code == 410
    assert not Response.objects.exists()
    recipient.refresh_from_db()
    assert recipient.draft == {}  # erased with the closing


def test_an_expired_link_no_longer_works(client, built, recipient, link):
    Recipient.objects.filter(pk=recipient.pk).update(
        link_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(link)
    assert response.status_code == 410
    assert response.context["state"] == "expired"
    assert "Hochfelder Hochbau" not in response.content.decode()


def test_a_revoked_link_no_longer_works(client, built, recipient, link):
    recipient.revoke_link()
    recipient.save()
    response = client.get(f"{link}1/")
    assert response.status_code == 410
    assert response.context["state"] == "revoked"


def test_an_unknown_link_is_not_found(client, built, recipient, link):
    token = link.split("/")[2]
    for url in (
        "/link/u" + "0" * 40 + "/",
        f"/link/{token[:-1]}{'0' if token[-1] != '0' else '1'}/1/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert built.survey.title not in response.content.decode()


def test_a_new_link_replaces_the_old(client, built, recipient, link):
    new = with_link(recipient)
    assert client.get(link).status_code == 404
    assert client.get(new).status_code == 200


# Checking the answers ---------------------------------------------------------------------


def test_a_required_question_left_out_is_marked_and_nothing_is_kept(client, built, recipient, link):
    data = first_page(built)
    del data[built.field(Kind.SINGLE)]
    response = client.post(f"{link}1/", data)

    assert response.status_code == 200
    assert error_of(response, built.field(Kind.SINGLE))
    page = response.content.decode()
    # Every radio button of the question is marked; the answered questions are not.
    single = re.findall(rf'<input[^>]*name="{built.field(Kind.SINGLE)}"[^>]*>', page)
    assert len(single) == 3 and all('aria-invalid="true"' in i for i in single)
    assert page.count('aria-invalid="true"') == 3
    recipient.refresh_from_db()
    assert recipient.draft == {}
    assert not Response.objects.exists()


def test_a_required_question_left_out_on_the_last_page_submits_nothing(
    client, built, recipient, link
):
    client.post(f"{link}1/", first_page(built))
    data = second_page(built)
    del data[built.field(Kind.YES_NO)]
    response = client.post(f"{link}2/", data)

    assert response.status_code == 200
    assert error_of(response, built.field(Kind.YES_NO))
    assert not Response.objects.exists()
    recipient.refresh_from_db()
    assert recipient.took_part is False


@pytest.mark.parametrize("typed", ["1001", "-1", "zwölf"])
def test_a_number_out_of_range_or_no_number_is_refused(client, built, recipient, link, typed):
    client.post(f"{link}1/", first_page(built))
    response = client.post(f"{link}2/", second_page(built, **{built.field(Kind.NUMBER): typed}))

    assert response.status_code == 200
    assert error_of(response, built.field(Kind.NUMBER))
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"), [("12,5", "12.5"), ("1.000", "1000"), ("0,25", "0.25")]
)
def test_a_number_is_read_the_german_way(client, built, recipient, link, typed, stored):
    client.post(f"{link}1/", first_page(built))
    # "Back" keeps the page as typed, without submitting.
    client.post(f"{link}2/", second_page(built, back="1", **{built.field(Kind.NUMBER): typed}))

    recipient.refresh_from_db()
    assert Decimal(recipient.draft[built.field(Kind.NUMBER)]) == Decimal(stored)
    # …and as it is stored once submitted.
    services.submit(survey=built.survey, values=recipient.draft, recipient=recipient)
    (answer,) = Answer.objects.filter(question=built[Kind.NUMBER])
    assert answer.number == Decimal(stored)


# The open link ------------------------------------------------------------------------------


def test_the_open_link_takes_one_anonymous_answer_per_browser(client, built, anna):
    token = services.open_link_issue(actor=anna, survey=built.survey)
    link = f"/link/{token}/"

    answer_all(client, link, built)

    response = Response.objects.get(survey=built.survey)
    assert (response.recipient_id, response.organization_id) == (None, None)
    assert (response.sector, response.size) == ("", "")
    again = client.get(f"{link}1/")
    assert again.status_code == 200
    assert again.context["again"] is True
    client.post(f"{link}2/", second_page(built))
    assert Response.objects.count() == 1


def test_a_double_click_on_the_open_links_last_page_submits_once(client, built, anna):
    """Two requests of one session that both began before either ended: the second
    finds the session as it was, not yet marked submitted; the database refuses it."""
    token = services.open_link_issue(actor=anna, survey=built.survey)
    link = f"/link/{token}/"
    client.post(f"{link}1/", first_page(built))
    session = client.session
    before = dict(session.items())

    client.post(f"{link}2/", second_page(built))
    session = client.session
    session.update(before)  # what the second request read, at the same time
    session.save()
    second = client.post(f"{link}2/", second_page(built), follow=True)

    assert Response.objects.filter(survey=built.survey).count() == 1
    assert "bereits abgesendet" in second.content.decode()
    stored = OpenSubmission.objects.get(survey=built.survey)
    assert stored.key not in str(dict(client.session.items()))  # forgotten once stored


def test_a_double_click_on_a_one_page_survey_submits_once(client, duisburg, anna):
    """The key is drawn at the first visit, before anything is saved: the two requests
    of a double click on the only page carry the same one."""
    survey = SurveyFactory(initiative=duisburg, state=Survey.State.OPEN)
    asked = QuestionFactory(section=SectionFactory(survey=survey), kind=Kind.YES_NO)
    link = f"/link/{services.open_link_issue(actor=anna, survey=survey)}/"
    client.get(f"{link}1/")
    before = dict(client.session.items())

    client.post(f"{link}1/", {str(asked.pk): "1", "next": "1"})
    session = client.session
    session.clear()  # what the second request read, at the same time
    session.update(before)
    session.save()
    client.post(f"{link}1/", {str(asked.pk): "1", "next": "1"})

    assert Response.objects.filter(survey=survey).count() == 1


def test_a_revoked_open_link_no_longer_works(client, built, anna):
    token = services.open_link_issue(actor=anna, survey=built.survey)
    services.open_link_revoke(actor=anna, survey=built.survey)
    assert client.get(f"/link/{token}/").status_code == 410
    assert OpenLink.objects.get().link_revoked_at is not None


def test_revoking_or_renewing_a_working_open_link_is_confirmed_first(built, anna, as_persona):
    token = services.open_link_issue(actor=anna, survey=built.survey)
    client = as_persona("anna")
    url = reverse("survey_open_link", args=["duisburg", built.survey.pk])

    asked = client.get(url, {"revoke": "1"})

    assert [t.name for t in asked.templates][0] == "core/confirm.html"
    assert client.get(f"/link/{token}/").status_code == 200  # still working
    client.post(f"{url}?revoke=1")
    assert client.get(f"/link/{token}/").status_code == 410
    # Without a working link there is nothing to confirm: a new one is issued at once.
    assert client.get(url).status_code == 302
    assert client.post(url).status_code == 302
    assert OpenLink.objects.get(survey=built.survey).link_revoked_at is None


def test_closing_a_survey_is_confirmed_first(built, anna, as_persona):
    client = as_persona("anna")
    url = reverse("survey_close", args=["duisburg", built.survey.pk])

    asked = client.get(url)

    assert "nicht abgeschickte Antworten werden gelöscht" in asked.content.decode()
    built.survey.refresh_from_db()
    assert built.survey.state == Survey.State.OPEN
    client.post(url)
    built.survey.refresh_from_db()
    assert built.survey.state == Survey.State.CLOSED


def test_a_survey_in_preparation_has_no_open_link_yet(duisburg, anna):
    """Nobody can answer what may still change: the open link is issued once the
    survey is open."""
    preparing = survey_of_every_kind(duisburg, state=Survey.State.DRAFT)
    with pytest.raises(services.DomainError):
        services.open_link_issue(actor=anna, survey=preparing.survey)
    assert not OpenLink.objects.filter(survey=preparing.survey).exists()
