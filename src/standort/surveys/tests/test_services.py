"""Building and running a survey: the next wave, opening and closing, the questions
frozen once it is open, the firms asked, and the mails that invite and remind them."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from standort.core.links import fill_links
from standort.core.models import OutgoingMail
from standort.initiatives.tests.factories import OrganizationFactory, PersonFactory
from standort.surveys import queries, services
from standort.surveys.models import Question, Recipient, Section, Survey

from .factories import (
    QuestionFactory,
    RecipientFactory,
    SectionFactory,
    SurveyFactory,
    respond,
    survey_of_every_kind,
)

pytestmark = pytest.mark.django_db

Kind = Question.Kind
OPEN, CLOSED = Survey.State.OPEN, Survey.State.CLOSED


# The next wave ----------------------------------------------------------------------------


def test_the_next_wave_asks_the_same_questions_with_the_same_keys(duisburg, anna):
    first = survey_of_every_kind(duisburg, title="Befragung 2016", state=CLOSED).survey
    Survey.objects.filter(pk=first.pk).update(introduction="Bitte antworten.", is_anonymous=False)
    first.refresh_from_db()

    second = services.survey_copy(actor=anna, survey=first, title="Befragung 2019")

    assert second.pk != first.pk
    assert (second.title, second.state, second.previous_wave) == ("Befragung 2019", "draft", first)
    assert (second.introduction, second.is_anonymous) == ("Bitte antworten.", False)
    assert second.created_by == anna

    def shape(survey):
        return [
            (
                s.title,
                s.position,
                [(q.key, q.kind, q.text, q.required, q.choices) for q in s.question_list],
            )
            for s in queries.structure(survey)
        ]

    assert shape(second) == shape(first)
    # Rows of their own: the first wave keeps its sections and questions.
    assert not set(Section.objects.filter(survey=second).values_list("pk", flat=True)) & set(
        Section.objects.filter(survey=first).values_list("pk", flat=True)
    )
    assert Question.objects.filter(section__survey=first).count() == 7
    assert Question.objects.filter(section__survey=second).count() == 7
    assert not second.recipients.exists() and not second.responses.exists()


def test_a_new_question_gets_a_key_and_the_next_position(duisburg, anna):
    section = SectionFactory(survey=SurveyFactory(initiative=duisburg))
    first = services.question_save(
        actor=anna, question=Question(section=section, kind=Kind.YES_NO, text="Eins?")
    )
    second = services.question_save(
        actor=anna, question=Question(section=section, kind=Kind.YES_NO, text="Zwei?")
    )
    assert first.key and second.key and first.key != second.key
    assert (first.position, second.position) == (1, 2)


@pytest.mark.parametrize(
    ("fields", "choices"),
    [
        ({"kind": Kind.SINGLE}, "nur eine"),
        ({"kind": Kind.NUMBER, "min_value": 5, "max_value": 1}, ""),
    ],
    ids=["one-choice", "range-upside-down"],
)
def test_a_question_that_cannot_be_answered_is_refused(duisburg, anna, fields, choices):
    section = SectionFactory(survey=SurveyFactory(initiative=duisburg))
    with pytest.raises(services.DomainError):
        services.question_save(
            actor=anna, question=Question(section=section, text="?", choices=choices, **fields)
        )
    assert not Question.objects.exists()


# Open, closed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [OPEN, CLOSED])
def test_the_questions_are_frozen_once_the_survey_is_open(duisburg, anna, state):
    built = survey_of_every_kind(duisburg, state=state)
    section, question = built.sections[0], built[Kind.SINGLE]
    before = list(Question.objects.values_list("pk", "text", "kind", "choices"))

    question.text = "Anders gefragt?"
    changes = [
        lambda: services.question_save(actor=anna, question=question),
        lambda: services.question_save(
            actor=anna, question=Question(section=section, kind=Kind.YES_NO, text="Neu?")
        ),
        lambda: services.question_delete(actor=anna, question=question),
        lambda: services.section_save(actor=anna, section=Section(survey=built.survey, title="X")),
        lambda: services.section_delete(actor=anna, section=section),
    ]
    for change in changes:
        with pytest.raises(services.DomainError):
            change()

    assert list(Question.objects.values_list("pk", "text", "kind", "choices")) == before
    assert Section.objects.filter(survey=built.survey).count() == 2


def test_the_edit_page_of_a_question_of_an_open_survey_refuses(duisburg, anna, as_persona):
    built = survey_of_every_kind(duisburg, state=OPEN)
    question = built[Kind.YES_NO]
    response = as_persona("anna").post(
        reverse("question_edit", args=["duisburg", built.survey.pk, question.pk]),
        {"kind": "yes_no", "text": "Anders gefragt?", "required": "on", "position": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    question.refresh_from_db()
    assert question.text == "Planen Sie, sich zu erweitern?"


def test_a_survey_opens_only_with_a_question(duisburg, anna):
    survey = SurveyFactory(initiative=duisburg)
    SectionFactory(survey=survey)
    with pytest.raises(services.DomainError):
        services.survey_open(actor=anna, survey=survey)
    assert Survey.objects.get(pk=survey.pk).state == "draft"

    QuestionFactory(section__survey=survey)
    services.survey_open(actor=anna, survey=survey)
    assert Survey.objects.get(pk=survey.pk).state == OPEN
    with pytest.raises(services.DomainError):
        services.survey_open(actor=anna, survey=survey)


def test_closing_erases_the_drafts_of_firms_that_did_not_finish(duisburg, anna):
    built = survey_of_every_kind(duisburg, state=OPEN)
    halfway = RecipientFactory(survey=built.survey, invited=True)
    services.draft_save(recipient=halfway, section_index=1, values={built.field(Kind.SCALE): 4})
    other = RecipientFactory(survey=built.survey)
    elsewhere = RecipientFactory(survey=survey_of_every_kind(duisburg, state=OPEN).survey)
    services.draft_save(recipient=elsewhere, section_index=1, values={"1": 2})

    services.survey_close(actor=anna, survey=built.survey)

    assert Survey.objects.get(pk=built.survey.pk).state == CLOSED
    drafts = dict(Recipient.objects.values_list("pk", "draft"))
    assert drafts == {halfway.pk: {}, other.pk: {}, elsewhere.pk: {"1": 2}}
    assert Recipient.objects.get(pk=halfway.pk).draft_section == 0
    with pytest.raises(services.DomainError):
        services.survey_close(actor=anna, survey=built.survey)


def test_a_survey_with_answers_cannot_be_deleted(duisburg, anna):
    built = survey_of_every_kind(duisburg, state=OPEN)
    respond(built.survey, {built.field(Kind.YES_NO): 1})
    with pytest.raises(services.DomainError):
        services.survey_delete(actor=anna, survey=built.survey)
    assert Survey.objects.filter(pk=built.survey.pk).exists()


def test_the_promise_of_anonymity_cannot_be_withdrawn_once_answers_are_in(
    duisburg, anna, as_persona
):
    built = survey_of_every_kind(duisburg, state=OPEN)
    for _ in range(6):
        respond(built.survey, {built.field(Kind.YES_NO): 1}, sector="F", size="small")
    respond(built.survey, {built.field(Kind.YES_NO): 0}, sector="C", size="large")

    as_persona("anna").post(
        reverse("survey_edit", args=["duisburg", built.survey.pk]),
        {"title": built.survey.title, "seen_version": built.survey.version},  # unticked
    )

    built.survey.refresh_from_db()
    assert built.survey.is_anonymous is True
    assert queries.results(built.survey, sector="C").suppressed is True


# The firms asked --------------------------------------------------------------------------


def test_adding_firms_skips_those_asked_and_picks_a_contact_with_an_email(duisburg, muelheim, anna):
    survey = SurveyFactory(initiative=duisburg)
    asked = RecipientFactory(survey=survey)
    firm = OrganizationFactory(name="Rheinhauser Logistik GmbH")
    PersonFactory(last_name="Adler", email="", organization=firm, initiative=duisburg)
    zander = PersonFactory(
        last_name="Zander", email="zander@example.org", organization=firm, initiative=duisburg
    )
    # Of the firm, but not of Duisburg: not Duisburg's contact.
    PersonFactory(
        last_name="Berger", email="berger@example.org", organization=firm, initiative=muelheim
    )
    nobody = OrganizationFactory(name="Ohne Kontakt AG")

    added = services.recipients_add(
        actor=anna, survey=survey, organizations=[asked.organization, firm, nobody]
    )

    assert added == 2
    contacts = dict(Recipient.objects.filter(survey=survey).values_list("organization", "person"))
    assert contacts == {asked.organization.pk: asked.person.pk, firm.pk: zander.pk, nobody.pk: None}
    assert services.recipients_add(actor=anna, survey=survey, organizations=[firm]) == 0
    survey.state = CLOSED
    with pytest.raises(services.DomainError):
        services.recipients_add(actor=anna, survey=survey, organizations=[OrganizationFactory()])


# Mails ------------------------------------------------------------------------------------


@pytest.fixture
def running(duisburg):
    return survey_of_every_kind(duisburg, title="Hafenbefragung 2025", state=OPEN)


def _link_in(body):
    (url,) = re.findall(r"https?://\S+/link/\S+/", body)
    return url


def test_invitations_carry_each_firms_own_link_filled_in_only_when_sent(
    running, anna, client, settings
):
    survey = running.survey
    firms = RecipientFactory.create_batch(3, survey=survey)
    no_contact = RecipientFactory(survey=survey, person=None)
    no_email = RecipientFactory(survey=survey)
    no_email.person.email = ""
    no_email.person.save()

    assert services.invite(actor=anna, survey=survey) == 3

    mails = {m.to: m for m in OutgoingMail.objects.all()}
    assert sorted(mails) == sorted(r.person.email for r in firms)
    for recipient in firms:
        recipient.refresh_from_db()
        assert recipient.invited_at is not None
        assert recipient.link_expires_at > timezone.now() + datetime.timedelta(days=80)
        mail = mails[recipient.person.email]
        token = recipient.token()
        # Stored: the placeholder, never a usable token.
        assert "/link/" not in mail.body and token not in mail.body
        assert recipient.link_placeholder() in mail.body
        assert survey.title in mail.subject
        # Sent: the firm's own link, which opens the survey.
        url = _link_in(fill_links(mail.body))
        assert url == f"{settings.SITE_URL}/link/{token}/"
        assert client.get(url.removeprefix(settings.SITE_URL)).status_code == 200
    for recipient in (no_contact, no_email):
        recipient.refresh_from_db()
        assert (recipient.invited_at, recipient.token_hash) == (None, None)

    # Inviting again invites nobody twice.
    assert services.invite(actor=anna, survey=survey) == 0
    assert OutgoingMail.objects.count() == 3


def test_a_firm_added_without_a_contact_is_invited_once_it_has_one(running, duisburg, anna):
    survey = running.survey
    firm = OrganizationFactory(name="Walsumer Kokerei GmbH")
    services.recipients_add(actor=anna, survey=survey, organizations=[firm])
    assert services.invite(actor=anna, survey=survey) == 0

    later = PersonFactory(
        last_name="Kowalski", email="kowalski@example.org", organization=firm, initiative=duisburg
    )

    assert services.invite(actor=anna, survey=survey) == 1
    recipient = Recipient.objects.get(survey=survey, organization=firm)
    assert (recipient.person, recipient.invited_at is not None) == (later, True)
    assert OutgoingMail.objects.get().to == "kowalski@example.org"


def test_a_firm_is_taken_off_the_survey_after_confirming_unless_it_answered(
    running, anna, as_persona
):
    survey = running.survey
    waiting, answered = (
        RecipientFactory(survey=survey, organization=OrganizationFactory(name=name))
        for name in ("Walsumer Kokerei GmbH", "Hamborner Hütte AG")
    )
    services.submit(survey=survey, values={running.field(Kind.YES_NO): 1}, recipient=answered)
    client = as_persona("anna")

    def url(recipient):
        return reverse("recipient_remove", args=["duisburg", survey.pk, recipient.pk])

    asked = client.get(url(waiting))
    assert waiting.organization.name in asked.content.decode()
    assert Recipient.objects.filter(pk=waiting.pk).exists()
    client.post(url(waiting))
    assert not Recipient.objects.filter(pk=waiting.pk).exists()

    refused = client.get(url(answered))
    assert refused.context["blocked"] is True
    client.post(url(answered))
    assert Recipient.objects.filter(pk=answered.pk).exists()

    # Once the survey is closed its recipients stay: they say who was asked.
    later = RecipientFactory(survey=survey)
    services.survey_close(actor=anna, survey=survey)
    assert client.get(url(later)).context["blocked"] is True
    client.post(url(later))
    assert Recipient.objects.filter(pk=later.pk).exists()


def test_a_survey_opened_or_closed_already_asks_nothing(running, anna, as_persona):
    survey = running.survey
    client = as_persona("anna")
    detail = reverse("survey_detail", args=["duisburg", survey.pk])

    opening = client.get(reverse("survey_open", args=["duisburg", survey.pk]))
    closing = client.get(reverse("survey_close", args=["duisburg", survey.pk]))

    assert (opening.status_code, opening["Location"]) == (302, detail)
    assert closing.status_code == 200  # open: closing it is asked


def test_invitations_go_out_only_while_the_survey_is_open(duisburg, anna):
    survey = SurveyFactory(initiative=duisburg)
    RecipientFactory(survey=survey)
    with pytest.raises(services.DomainError):
        services.invite(actor=anna, survey=survey)
    assert not OutgoingMail.objects.exists()


def test_reminders_go_only_to_invited_firms_that_have_not_answered(running, anna):
    survey = running.survey
    waiting = RecipientFactory(survey=survey)
    answered = RecipientFactory(survey=survey)
    services.invite(actor=anna, survey=survey)
    services.submit(survey=survey, values={running.field(Kind.YES_NO): 1}, recipient=answered)
    not_invited = RecipientFactory(survey=survey)
    invitations = set(OutgoingMail.objects.values_list("pk", flat=True))

    assert services.remind(actor=anna, survey=survey) == 1

    (reminder,) = OutgoingMail.objects.exclude(pk__in=invitations)
    assert reminder.to == waiting.person.email
    waiting.refresh_from_db()
    assert waiting.reminded_at is not None
    # The same link as the invitation's.
    assert _link_in(fill_links(reminder.body)).endswith(f"/link/{waiting.token()}/")
    for recipient in (answered, not_invited):
        recipient.refresh_from_db()
        assert recipient.reminded_at is None


def test_a_reminder_carries_a_link_that_still_works(running, anna, client, settings):
    survey = running.survey
    RecipientFactory(survey=survey)
    services.invite(actor=anna, survey=survey)
    # The survey is still open a hundred days after the invitation.
    Recipient.objects.update(link_expires_at=timezone.now() - datetime.timedelta(days=10))

    services.remind(actor=anna, survey=survey)

    reminder = OutgoingMail.objects.filter(key__startswith="survey/reminder").get()
    url = _link_in(fill_links(reminder.body)).removeprefix(settings.SITE_URL)
    assert client.get(url).status_code == 200


# The demo ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_demo_survey_carries_the_seeds_figures():
    """Mülheim's industry survey of 2016 (DESIGN.md, "Demo data"): 120 answers, 4 of 10
    firms cooperate with science, two thirds worry about land and infrastructure, 90 %
    feel at home (4 or 5 on the scale). Loaded through the command: the loader lives in
    the home app, above this one."""
    call_command("load_demo", stdout=StringIO())

    survey = Survey.objects.get(
        initiative__slug="muelheim", title="Industriebefragung Mülheim an der Ruhr 2016"
    )
    assert survey.state == CLOSED and survey.is_anonymous
    results = queries.results(survey)
    assert results.respondents == 120
    by_text = {r.question.text: r for _s, rs in results.sections for r in rs}

    def counted(text):
        """{option: (count, per cent)} of the question, which all 120 answered."""
        result = by_text[text]
        assert result.n == 120
        options = [option for option, _label in result.question.options]
        return {o: row[1:] for o, row in zip(options, result.rows, strict=True)}

    cooperating = (
        "Arbeitet Ihr Betrieb mit einer Hochschule oder einem Forschungsinstitut zusammen?"
    )
    assert counted(cooperating)[1] == (48, 40.0)  # 1: yes
    worried = "Machen Sie sich Sorgen um Flächen und Infrastruktur am Standort?"
    assert counted(worried)[1] == (80, 66.7)
    at_home = counted("Wie wohl fühlt sich Ihr Betrieb in Mülheim an der Ruhr?")
    assert at_home[4][0] + at_home[5][0] == 108  # 90 %
    # The next wave asks the same questions.
    second = Survey.objects.get(previous_wave=survey)
    assert second.responses.count() == 96
    assert {q.key for q in Question.objects.filter(section__survey=second)} == {
        q.key for q in Question.objects.filter(section__survey=survey)
    }
