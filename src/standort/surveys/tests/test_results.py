"""The results of a survey: counted in the database, equal to what counting the raw
answers gives, never shown for a small group of an anonymous survey, and read in a
number of queries that does not grow with the questions or the answers."""

import datetime
import random
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standort.surveys import queries, services
from standort.surveys.models import Answer, Question, Response, Survey

from .factories import (
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    respond,
    survey_of_every_kind,
)

pytestmark = pytest.mark.django_db

Kind = Question.Kind


def forget():
    for each in caches.all():  # the results page keeps its results while no answer comes
        each.clear()


def result_of(results, question):
    (found,) = [r for _s, rs in results.sections for r in rs if r.question.pk == question.pk]
    return found


# The small-group rule ---------------------------------------------------------------------


@pytest.fixture
def built(duisburg):
    return survey_of_every_kind(
        duisburg, title="Standortbefragung Duisburg 2025", state=Survey.State.OPEN
    )


def _answers(built, n, **group):
    for i in range(n):
        respond(
            built.survey,
            {built.field(Kind.SINGLE): i % 3, built.field(Kind.YES_NO): 1},
            **group,
        )


def results_page(client, survey, **group):
    forget()
    response = client.get(reverse("survey_results", args=["duisburg", survey.pk]), group)
    assert response.status_code == 200
    return response.content.decode()


def question_headings(page):
    return re.findall(r'<h3 class="kern-heading-small" id="question-\d+"', page)


def test_four_firms_of_a_sector_are_too_few_to_show(built, ben, as_persona):
    _answers(built, 4, sector="F", size="small")
    _answers(built, 6, sector="C", size="medium")
    _answers(built, 5, sector="G", size="medium")

    for group in ({"sector": "F"}, {"size": "small"}, {"sector": "C", "size": "small"}):
        results = queries.results(built.survey, **group)
        assert results.suppressed is True, group
        assert results.sections == []

    page = results_page(as_persona("ben"), built.survey, sector="F")
    assert 'id="suppressed"' in page
    assert question_headings(page) == []
    assert "<table" not in page and "n = " not in page
    # All firms together, and the large group, are shown.
    assert queries.results(built.survey).suppressed is False
    assert len(question_headings(results_page(as_persona("ben"), built.survey))) == 7
    shown = results_page(as_persona("ben"), built.survey, sector="C")
    assert 'id="suppressed"' not in shown
    assert "n = 6" in shown


def test_a_group_is_hidden_where_the_rest_of_all_would_be_a_small_group(built):
    """Six firms of C and four of F: C is large enough, but all firms less those of C
    would be F's four; so C is not shown either, nor a size class beside a sector."""
    _answers(built, 4, sector="F", size="small")
    _answers(built, 6, sector="C", size="small")

    assert queries.results(built.survey).suppressed is False
    assert queries.results(built.survey, sector="C").suppressed is True
    assert queries.results(built.survey, size="small").suppressed is False
    assert queries.results(built.survey, sector="C", size="small").suppressed is True


def test_five_firms_of_a_sector_are_shown(built, ben, as_persona):
    _answers(built, 5, sector="F", size="small")

    results = queries.results(built.survey, sector="F")
    assert results.suppressed is False
    assert results.respondents == 5
    assert result_of(results, built[Kind.YES_NO]).rows[0][1:] == (5, 100.0)
    page = results_page(as_persona("ben"), built.survey, sector="F")
    assert 'id="suppressed"' not in page
    assert len(question_headings(page)) == 7
    assert f'aria-labelledby="question-{built[Kind.SINGLE].pk}"' in page


def test_a_survey_that_is_not_anonymous_shows_a_group_of_one_to_the_office_only(
    built, anna, ben, client
):
    """Its respondents were told that the project office sees their firm's answers:
    everyone else reads its results under the small-group rules of an anonymous one."""
    Survey.objects.filter(pk=built.survey.pk).update(is_anonymous=False)
    built.survey.refresh_from_db()
    _answers(built, 1, sector="F", size="small")
    _answers(built, 6, sector="C", size="medium")

    results = queries.results(built.survey, sector="F", size="small")
    assert results.suppressed is False
    assert results.respondents == 1
    client.force_login(anna)
    office = results_page(client, built.survey, sector="F", size="small")
    assert 'id="suppressed"' not in office
    assert "n = 1" in office

    client.force_login(ben)
    member = results_page(client, built.survey, sector="F", size="small")
    assert 'id="suppressed"' in member
    assert "n = 1" not in member
    note = "sieht nur die Geschäftsstelle"
    assert note in member and note not in office
    for size in ("small", ""):
        assert queries.results(built.survey, sector="F", size=size, protected=True).suppressed


@pytest.mark.parametrize("anonymous", [True, False])
def test_a_share_is_published_as_an_indicator_value_from_five_answers_on(
    built, duisburg, anna, anonymous
):
    """Every member reads an indicator, whatever the survey promised its firms: a
    share of fewer than five answers would be one firm's answer."""
    from standort.indicators.models import Observation
    from standort.indicators.tests.factories import IndicatorFactory

    Survey.objects.filter(pk=built.survey.pk).update(is_anonymous=anonymous)
    built.survey.refresh_from_db()
    share = IndicatorFactory(initiative=duisburg, name="Anteil mit Kooperation", unit="%")
    _answers(built, 4, sector="C", size="small")

    def publish():
        return services.publish_result(
            actor=anna,
            survey=built.survey,
            question=built[Kind.YES_NO],
            option=1,
            indicator=share,
            observed_on=datetime.date(2025, 6, 30),
        )

    with pytest.raises(services.DomainError):
        publish()
    assert not Observation.objects.filter(indicator=share).exists()

    _answers(built, 1, sector="C", size="small")

    assert publish() == 100.0
    value = Observation.objects.get(indicator=share)
    assert (value.value, value.note) == (Decimal("100"), f"{built.survey.title}, n = 5")
    # While it is open, a sixth answer counts once a whole group of five is complete,
    # as on the results page.
    respond(built.survey, {built.field(Kind.YES_NO): 0}, sector="C", size="small")
    assert queries.share_of(built.survey, built[Kind.YES_NO], 1) == (100.0, 5)


# Counted in the database = counted by hand ------------------------------------------------

SEEDS = [3, 17, 2016, 2019]
WORDS = ["Fläche", "Glasfaser", "Fachkräfte", "Verkehr", "", "Genehmigung"]


def random_value(rng, question):
    """A value as the draft holds it, or None (left out)."""
    if rng.random() < 0.2:
        return None
    options = [option for option, _label in question.options]
    if question.kind == Kind.MULTIPLE:
        return sorted(rng.sample(options, rng.randint(0, len(options))))
    if question.is_choice:
        return rng.choice(options)
    if question.kind == Kind.NUMBER:
        return str(Decimal(rng.randint(-50_000, 2_000_000)) / 100)
    return rng.choice(WORDS)


def answered(value):
    return value not in (None, "", [])


def by_hand(survey, questions, submitted):
    """What the results should be, from the values submitted: {question pk: (n, rows,
    number, texts)}."""
    expected = {}
    for question in questions:
        values = [v[str(question.pk)] for v in submitted if answered(v[str(question.pk)])]
        n = len(values)
        rows = []
        for option, label in question.options:
            count = sum(
                1
                for v in values
                if (option in v if question.kind == Kind.MULTIPLE else v == option)
            )
            rows.append((label, count, round(100 * count / n, 1) if n else 0))
        number = None
        if question.kind == Kind.NUMBER and values:
            numbers = [Decimal(v) for v in values]
            number = (sum(numbers) / len(numbers), min(numbers), max(numbers))
        # The page lists the words in their own order, not in that of their arrival.
        texts = sorted(values) if question.is_text else []
        expected[question.pk] = (n, rows, number, texts)
    return expected


def from_answer_rows(questions, responses):
    """The same, counted over the stored Answer rows of `responses`."""
    rows = list(
        Answer.objects.filter(response__in=responses).values_list(
            "response_id", "question_id", "option", "number", "text"
        )
    )
    respondents = {q.pk: {r[0] for r in rows if r[1] == q.pk} for q in questions}
    options = Counter((r[1], r[2]) for r in rows if r[2] is not None)
    return {
        q.pk: (len(respondents[q.pk]), [options[(q.pk, option)] for option, _l in q.options])
        for q in questions
    }


def assert_equal_results(results, questions, expected, counted):
    for question in questions:
        result = result_of(results, question)
        n, rows, number, texts = expected[question.pk]
        assert result.n == n == counted[question.pk][0], question.kind
        assert result.rows == rows, question.kind
        assert [count for _label, count, _p in rows] == counted[question.pk][1]
        if number is None:
            assert result.number is None
        else:
            average, low, high = number
            # PostgreSQL's average has all its digits, SQLite's the column's two.
            assert abs(Decimal(result.number["avg"]) - average) < Decimal("0.01"), result.number
            assert (result.number["min"], result.number["max"]) == (low, high)
        assert result.texts == texts, question.kind


@pytest.mark.parametrize("seed", SEEDS)
def test_the_counts_are_those_of_the_raw_answers(duisburg, seed):
    rng = random.Random(seed)
    built = survey_of_every_kind(duisburg, state=Survey.State.OPEN)
    # A second choice of each kind, so that counts of two questions cannot mix.
    extra = SectionFactory(survey=built.survey, position=3)
    for kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.YES_NO, Kind.NUMBER):
        QuestionFactory(
            section=extra,
            kind=kind,
            choices="A\nB\nC\nD\nE" if kind in (Kind.SINGLE, Kind.MULTIPLE) else "",
        )
    questions = list(Question.objects.filter(section__survey=built.survey))
    submitted, groups = [], []
    for _ in range(rng.randint(8, 30)):
        values = {str(q.pk): random_value(rng, q) for q in questions}
        group = rng.choice(["C", "C", "F"])
        respond(built.survey, values, sector=group)
        submitted.append(values)
        groups.append(group)

    # Not anonymous, and closed: every answer counts, and every figure is shown (the
    # rules of anonymous surveys have tests of their own).
    Survey.objects.filter(pk=built.survey.pk).update(state=Survey.State.CLOSED, is_anonymous=False)
    built.survey.refresh_from_db()
    everyone = queries.results(built.survey)
    assert everyone.respondents == len(submitted)
    assert_equal_results(
        everyone,
        questions,
        by_hand(built.survey, questions, submitted),
        from_answer_rows(questions, built.survey.responses.all()),
    )

    for sector in ("C", "F"):
        of_sector = [v for v, g in zip(submitted, groups, strict=True) if g == sector]
        narrowed = queries.results(built.survey, sector=sector)
        assert narrowed.respondents == len(of_sector)
        if len(of_sector) < queries.MIN_GROUP:
            assert narrowed.suppressed
            continue
        assert_equal_results(
            narrowed,
            questions,
            by_hand(built.survey, questions, of_sector),
            from_answer_rows(questions, built.survey.responses.filter(sector=sector)),
        )


def test_a_box_ticked_twice_counts_once(client, built, anna):
    """Nobody ticks a box twice in a browser; a crafted POST to the open link can."""
    # Not anonymous: a single answer may be shown.
    built.survey.is_anonymous = False
    built.survey.save(update_fields=["is_anonymous"])
    link = f"/link/{services.open_link_issue(actor=anna, survey=built.survey)}/"
    multiple = built.field(Kind.MULTIPLE)
    client.post(
        f"{link}1/",
        {
            built.field(Kind.SINGLE): "0",
            multiple: ["0", "0", "0"],
            built.field(Kind.SCALE): "3",
            "next": "1",
        },
    )
    client.post(f"{link}2/", {built.field(Kind.YES_NO): "1", "next": "1"})
    assert built.survey.responses.count() == 1

    result = result_of(queries.results(built.survey), built[Kind.MULTIPLE])
    assert result.rows[0][1:] == (1, 100.0)
    assert Answer.objects.filter(question=built[Kind.MULTIPLE]).count() == 1


# Query count ------------------------------------------------------------------------------

KINDS = [Kind.SINGLE, Kind.NUMBER, Kind.SHORT_TEXT, Kind.MULTIPLE, Kind.SCALE, Kind.YES_NO]


def _survey(initiative, questions, responses, seed):
    rng = random.Random(seed)
    survey = SurveyFactory(initiative=initiative, state=Survey.State.OPEN)
    sections = SectionFactory.create_batch(3, survey=survey)
    asked = [
        QuestionFactory(section=sections[i % 3], kind=KINDS[i % len(KINDS)])
        for i in range(questions)
    ]
    for _ in range(responses):
        respond(survey, {str(q.pk): random_value(rng, q) for q in asked}, sector="C", size="small")
    # Closed: an open anonymous survey counts whole groups of five only.
    Survey.objects.filter(pk=survey.pk).update(state=Survey.State.CLOSED)
    survey.refresh_from_db()
    return survey


def _queries(client, survey, group):
    forget()
    url = reverse("survey_results", args=["duisburg", survey.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, group)
    assert response.status_code == 200
    assert "n = " in response.content.decode()
    return len(captured)


# 1 session, 2 user, 3 initiative (middleware), 4 the reader's roles, 5 the unread
# notifications of the header; 6 the survey, 7 the stamp of its results (number and
# newest of the responses); 8 sections, 9 questions, 10 respondents, 11 the counts of
# the options, 12 respondents per question, 13 the numbers' aggregates, 14 the texts
# (plus, for a group, nothing: it narrows the same queries by a subquery).
RESULTS_PAGE_QUERIES = 14


@pytest.mark.parametrize("group", [{}, {"sector": "C"}], ids=["all", "group"])
def test_the_results_page_reads_as_many_queries_for_more_questions_and_answers(
    duisburg, olga, as_persona, group
):
    client = as_persona("olga")
    small = _survey(duisburg, questions=3, responses=5, seed=1)
    large = _survey(duisburg, questions=30, responses=50, seed=2)

    few, many = _queries(client, small, group), _queries(client, large, group)

    assert few == many
    assert few <= RESULTS_PAGE_QUERIES


def test_an_anonymous_survey_exports_its_answers_only_from_five_on(client, built, anna):
    """Fewer answers than a group may have are not exported at all; from five on, the
    rows name no firm, and a row's sector only where the sector's group is shown."""
    client.force_login(anna)
    url = reverse("survey_answers_export", args=["duisburg", built.survey.pk, "csv"])
    for sector in ["C", "C", "C", "C"]:
        response = services.submit(survey=built.survey, values={})
        Response.objects.filter(pk=response.pk).update(sector=sector, size="small")

    refused = client.get(url)
    assert refused.status_code == 302

    response = services.submit(survey=built.survey, values={})
    Response.objects.filter(pk=response.pk).update(sector="F", size="small")
    rows = client.get(url).content.decode("utf-8-sig").splitlines()[1:]
    assert len(rows) == 5
    # C's four would leave F's one: neither sector is named; no size, no day, no firm.
    header = client.get(url).content.decode("utf-8-sig").splitlines()[0].split(";")
    assert header[:2] == ["Nr.", "Branche (WZ 2008)"]
    assert not {"Eingang", "Größe", "Betrieb"} & set(header)
    assert {row.split(";")[1] for row in rows} == {""}
