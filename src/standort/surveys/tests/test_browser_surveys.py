"""Surveys in the browser: Anna builds a survey and opens it, a firm answers through its
personal link over two visits and submits, and Ben reads the results.

The assertions hold to ids, URLs, roles, numbers and data values (and labels the survey's
author wrote): the wording of the pages may change between German and English."""

import re

import pytest
from playwright.sync_api import expect

from standort.initiatives.tests.factories import OrganizationFactory
from standort.surveys import services
from standort.surveys.models import Question, Section, Survey

from .factories import (
    RecipientFactory,
    respond,
    survey_of_every_kind,
    with_link,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Kind = Question.Kind
SAVE = "form.form-page button[type=submit]"
NEXT = re.compile("^(Speichern und weiter|Save and continue)$")
SUBMIT = re.compile("^(Antworten absenden|Submit the answers)$")


def _save(ui, *, shot=None):
    ui.page.locator(SAVE).click()
    ui.check(shot=shot)


def _rows(table):
    return [
        [text.strip() for text in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


# 1. Anna builds a survey -------------------------------------------------------------------


def test_anna_builds_a_survey_and_opens_it(ui, duisburg, anna):
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/surveys/")
    page.locator('a[href="/duisburg/surveys/new/"]').click()
    ui.check(shot="surveys-form")
    page.locator("#id_title").fill("Standortbefragung Duisburg 2025")
    page.locator("#id_introduction").fill("Wie geht es Ihrem Betrieb am Standort?")
    expect(page.locator("#id_is_anonymous")).to_be_checked()
    _save(ui)
    survey = Survey.objects.get(initiative=duisburg)
    detail = f"/duisburg/surveys/{survey.pk}/"
    expect(page).to_have_url(re.compile(rf"{detail}$"))
    expect(ui.heading("Standortbefragung Duisburg 2025")).to_be_visible()

    page.locator(f'a[href="{detail}sections/new/"]').click()
    ui.check()
    page.locator("#id_title").fill("Ihr Betrieb am Standort")
    _save(ui)
    section = Section.objects.get(survey=survey)
    expect(page).to_have_url(re.compile(rf"{detail}#section-{section.pk}$"))

    page.locator(f'a[href="{detail}sections/{section.pk}/questions/new/"]').click()
    ui.check(shot="surveys-question-form")
    page.locator("#id_kind").select_option("single")
    page.locator("#id_text").fill("Wie lange ist Ihr Betrieb schon am Standort?")
    page.locator("#id_choices").fill("unter 5 Jahren\n5 bis 20 Jahre\nüber 20 Jahre")
    _save(ui)

    page.locator(f'a[href="{detail}sections/{section.pk}/questions/new/"]').click()
    ui.check()
    page.locator("#id_kind").select_option("scale")
    page.locator("#id_text").fill("Wie zufrieden sind Sie mit dem Standort?")
    page.locator("#id_low_label").fill("gar nicht")
    page.locator("#id_high_label").fill("sehr")
    _save(ui, shot="surveys-detail-draft")
    questions = page.locator(f"#section-{section.pk} ol.survey-questions > li")
    expect(questions).to_have_count(2)
    expect(questions.nth(0)).to_contain_text("Wie lange ist Ihr Betrieb schon am Standort?")
    expect(questions.nth(0).locator("ul li")).to_have_text(
        ["unter 5 Jahren", "5 bis 20 Jahre", "über 20 Jahre"]
    )

    page.locator(f'a[href="{detail}open/"]').click()
    ui.check(shot="surveys-open-confirm")  # what opening fixes, before it is done
    expect(page.locator("h1")).to_have_text("Umfrage öffnen")
    page.get_by_role("button", name="Für Antworten öffnen").click()
    ui.check(shot="surveys-detail-open")
    expect(page).to_have_url(re.compile(rf"{detail}$"))
    survey.refresh_from_db()
    assert survey.state == Survey.State.OPEN
    assert survey.is_anonymous
    assert [
        (q.kind, q.position, q.required, bool(q.key))
        for q in Question.objects.filter(section=section).order_by("position")
    ] == [("single", 1, True, True), ("scale", 2, True, True)]
    # Open: the questions can no longer be changed.
    expect(page.locator(f'a[href="{detail}sections/{section.pk}/questions/new/"]')).to_have_count(0)
    expect(page.locator(f'a[href="{detail}open/"]')).to_have_count(0)
    expect(page.locator(f'a[href="{detail}close/"]')).to_have_count(1)


# 2. A firm answers through its personal link ---------------------------------------------


@pytest.fixture
def invited(duisburg):
    """Duisburg's open survey (two pages) and the personal link of a construction firm."""
    built = survey_of_every_kind(
        duisburg, title="Standortbefragung Duisburg 2025", state=Survey.State.OPEN
    )
    firm = OrganizationFactory(name="Hochfelder Hochbau GmbH", sector="F", size="small")
    recipient = RecipientFactory(survey=built.survey, organization=firm, invited=True)
    return built, recipient, with_link(recipient)


def _question(page, question):
    """The group of a choice question's answers, named by the question (its legend)."""
    return page.get_by_role("group", name=re.compile(re.escape(question.text)))


def test_a_firm_answers_over_two_visits(new_ui, invited):
    built, recipient, link = invited
    ui = new_ui()
    page = ui.page
    ui.goto(link, shot="surveys-answer-intro")
    expect(page.locator("h1")).to_have_text("Standortbefragung Duisburg 2025")
    start = page.locator(f'a[href="{link}1/"]')
    start.click()
    ui.check(shot="surveys-answer-page-1")
    expect(page).to_have_url(re.compile(rf"{link}1/$"))
    progress = page.locator("progress")
    expect(progress).to_have_attribute("value", "0")
    expect(progress).to_have_accessible_name(re.compile(r"\b1\b.*\b2\b"))
    _question(page, built[Kind.SINGLE]).get_by_label("Zweite Antwort").check()
    multiple = _question(page, built[Kind.MULTIPLE])
    multiple.get_by_label("Erste Antwort").check()
    multiple.get_by_label("Dritte Antwort").check()
    _question(page, built[Kind.SCALE]).get_by_label("4", exact=True).check()
    page.get_by_role("button", name=NEXT).click()
    ui.check(shot="surveys-answer-page-2")
    expect(page).to_have_url(re.compile(rf"{link}2/$"))

    # The firm leaves; days later, in another browser, the same link goes on.
    later = new_ui()
    page = later.page
    later.goto(link)
    resume = page.locator(f'a[href="{link}1/"]')
    expect(resume).to_have_text(re.compile("weitermachen|Continue"))
    resume.click()
    later.check()
    expect(_question(page, built[Kind.SINGLE]).get_by_label("Zweite Antwort")).to_be_checked()
    expect(_question(page, built[Kind.SCALE]).get_by_label("4", exact=True)).to_be_checked()
    multiple = _question(page, built[Kind.MULTIPLE])
    expect(multiple.get_by_label("Erste Antwort")).to_be_checked()
    expect(multiple.get_by_label("Zweite Antwort")).not_to_be_checked()
    expect(multiple.get_by_label("Dritte Antwort")).to_be_checked()
    page.get_by_role("button", name=NEXT).click()
    later.check()

    # A required question left out: marked, with its error read out with it.
    page.get_by_label(built[Kind.NUMBER].text).fill("12,5")
    page.get_by_role("button", name=SUBMIT).click()
    later.check(shot="surveys-answer-error")
    expect(page).to_have_url(re.compile(rf"{link}2/$"))
    yes_no = _question(page, built[Kind.YES_NO])
    expect(yes_no.get_by_role("radio").first).to_have_attribute("aria-invalid", "true")
    expect(yes_no).to_have_accessible_description(re.compile(".+"))
    expect(page.get_by_label(built[Kind.NUMBER].text)).to_have_value("12,5")
    assert not built.survey.responses.exists()


def test_a_firm_submits_and_its_link_is_used_up(new_ui, invited):
    built, recipient, link = invited
    # Page 1 was answered on an earlier visit.
    services.draft_save(
        recipient=recipient,
        section_index=1,
        values={
            built.field(Kind.SINGLE): 1,
            built.field(Kind.MULTIPLE): [],
            built.field(Kind.SCALE): 5,
        },
    )
    ui = new_ui()
    page = ui.page
    ui.goto(f"{link}2/")
    _question(page, built[Kind.YES_NO]).get_by_label(re.compile("^(ja|yes)$")).check()
    page.get_by_label(built[Kind.NUMBER].text).fill("12,5")
    page.get_by_role("button", name=SUBMIT).click()
    ui.check(shot="surveys-answer-done")
    expect(page.get_by_role("status").first).to_be_visible()
    response = built.survey.responses.get()
    assert (response.recipient_id, response.organization_id, response.sector) == (None, None, "F")

    answer = ui.goto(link, shot="surveys-answer-link-used")
    assert answer.status == 410
    expect(page.locator("h1")).not_to_have_text("Standortbefragung Duisburg 2025")


# 3. Ben reads the results ------------------------------------------------------------------


def test_ben_reads_the_results(ui, duisburg, ben):
    built = survey_of_every_kind(
        duisburg, title="Standortbefragung Duisburg 2025", state=Survey.State.OPEN
    )
    for single, scale in [(0, 5), (1, 4), (1, 4), (2, 2), (1, 5), (0, 4), (1, 1), (1, 4)]:
        respond(
            built.survey,
            {
                built.field(Kind.SINGLE): single,
                built.field(Kind.SCALE): scale,
                built.field(Kind.NUMBER): "40",
            },
            sector="C",
            size="small",
        )
    # Closed: of an open anonymous survey only whole groups of five answers count.
    Survey.objects.filter(pk=built.survey.pk).update(state=Survey.State.CLOSED)
    single = built[Kind.SINGLE]

    page = ui.page
    ui.sign_in("ben@example.org", next_path=f"/duisburg/surveys/{built.survey.pk}/results/")
    ui.check(shot="surveys-results")
    expect(page).to_have_url(re.compile(rf"/duisburg/surveys/{built.survey.pk}/results/$"))
    # A member reads: no raw answers, no publishing.
    expect(page.locator(f'a[href*="/surveys/{built.survey.pk}/answers."]')).to_have_count(0)

    chart = page.locator(f'svg[role=img][aria-labelledby="question-{single.pk}"]')
    expect(chart).to_be_visible()
    expect(chart).to_have_accessible_name(single.text)
    expect(page.locator(f"h3#question-{single.pk}")).to_have_text(single.text)
    expect(chart.locator("rect")).to_have_count(3)
    table = page.get_by_role("table", name=re.compile(re.escape(single.text)))
    assert _rows(table) == [
        ["Erste Antwort", "2", "25 %"],
        ["Zweite Antwort", "5", "62,5 %"],
        ["Dritte Antwort", "1", "12,5 %"],
    ]
    scale = page.get_by_role("table", name=re.compile(re.escape(built[Kind.SCALE].text)))
    assert [row[1] for row in _rows(scale)] == ["1", "1", "0", "4", "2"]
    # A chart for each choice question answered (the single choice and the scale); the
    # multiple choice and yes/no nobody answered say so instead of drawing 0 % bars.
    expect(page.locator("svg[role=img]")).to_have_count(2)
    number = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=built[Kind.NUMBER].text)
    )
    expect(number).to_contain_text(re.compile(r"n = 8\D+40"))
    # Of an anonymous survey the average only: a lowest or highest is one firm's figure.
    expect(number).not_to_contain_text(re.compile(r"40\D+40"))
