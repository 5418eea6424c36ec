import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

import factory
from django.utils import timezone

from standort.initiatives.tests.factories import (
    InitiativeFactory,
    InitiativeOrganizationFactory,
    OrganizationFactory,
    PersonFactory,
)
from standort.surveys import services
from standort.surveys.models import Question, Recipient, Response, Section, Survey

Kind = Question.Kind


class SurveyFactory(factory.django.DjangoModelFactory):
    """A survey written directly (no service): anonymous and in preparation unless
    told otherwise."""

    class Meta:
        model = Survey

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Betriebsbefragung {n}")
    is_anonymous = True
    state = Survey.State.DRAFT


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    title = factory.Sequence(lambda n: f"Abschnitt {n}")
    position = factory.Sequence(lambda n: n + 1)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question with its key set (as `services.question_save` sets it); a choice gets
    three answers unless `choices` says otherwise."""

    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    kind = Kind.YES_NO
    text = factory.Sequence(lambda n: f"Frage {n}?")
    key = factory.LazyFunction(lambda: uuid.uuid4().hex[:12])
    position = factory.Sequence(lambda n: n + 1)
    choices = factory.LazyAttribute(
        lambda o: (
            "Erste Antwort\nZweite Antwort\nDritte Antwort"
            if o.kind in (Kind.SINGLE, Kind.MULTIPLE)
            else ""
        )
    )


class RecipientFactory(factory.django.DjangoModelFactory):
    """A firm of the survey's initiative asked to answer, with a contact person (of the
    firm and the initiative) who has an e-mail address. No link issued yet: see
    `with_link`."""

    class Meta:
        model = Recipient
        # The hook below writes another row; the recipient itself is unchanged.
        skip_postgeneration_save = True

    survey = factory.SubFactory(SurveyFactory)
    organization = factory.SubFactory(OrganizationFactory, sector="C", size="small")
    person = factory.SubFactory(
        PersonFactory,
        organization=factory.SelfAttribute("..organization"),
        initiative=factory.SelfAttribute("...survey.initiative"),
    )

    @factory.post_generation
    def of_initiative(obj, create, extracted, **kwargs):
        """The firm takes part in the survey's initiative (as `recipients_add` needs)."""
        if create:
            InitiativeOrganizationFactory(
                initiative=obj.survey.initiative, organization=obj.organization
            )

    class Params:
        # RecipientFactory(invited=True): as `services.invite` leaves it, without a mail.
        invited = factory.Trait(invited_at=factory.LazyFunction(timezone.now))


def with_link(recipient, days=30):
    """The recipient's personal link path, as an invitation would carry it."""
    token = recipient.issue_token(timezone.now() + datetime.timedelta(days=days))
    recipient.save()
    return f"/link/{token}/"


@dataclass
class Built:
    survey: Survey
    sections: list
    questions: dict  # kind → question

    def __getitem__(self, kind):
        return self.questions[kind]

    def field(self, kind):
        """The name of the question's field on its page."""
        return str(self.questions[kind].pk)


# The survey of every kind: two pages, required questions on both.
EVERY_KIND = [
    (
        "Ihr Betrieb am Standort",
        [
            (Kind.SINGLE, "Wie lange ist Ihr Betrieb schon am Standort?", True, {}),
            (Kind.MULTIPLE, "Was schätzen Sie am Standort?", False, {}),
            (
                Kind.SCALE,
                "Wie zufrieden sind Sie mit dem Standort?",
                True,
                {"low_label": "gar nicht", "high_label": "sehr"},
            ),
        ],
    ),
    (
        "Zu Ihrem Betrieb",
        [
            (Kind.YES_NO, "Planen Sie, sich zu erweitern?", True, {}),
            (
                Kind.NUMBER,
                "Wie viele Beschäftigte hat Ihr Betrieb?",
                False,
                {"min_value": Decimal(0), "max_value": Decimal(1000)},
            ),
            (Kind.SHORT_TEXT, "Ihre Branche in einem Wort?", False, {}),
            (Kind.LONG_TEXT, "Was wünschen Sie sich von der Initiative?", False, {}),
        ],
    ),
]


def survey_of_every_kind(initiative, **fields):
    """A survey with one question of each kind on two pages (sections); `fields` go to
    the survey (state, is_anonymous, title)."""
    survey = SurveyFactory(initiative=initiative, **fields)
    sections, questions = [], {}
    for position, (title, asked) in enumerate(EVERY_KIND, start=1):
        section = SectionFactory(survey=survey, title=title, position=position)
        sections.append(section)
        for number, (kind, text, required, extra) in enumerate(asked, start=1):
            questions[kind] = QuestionFactory(
                section=section,
                kind=kind,
                text=text,
                required=required,
                position=number,
                **extra,
            )
    return Built(survey, sections, questions)


def respond(survey, values, *, sector="", size=""):
    """A response submitted without a recipient (as through the open link), then given
    the sector and size a firm's response would carry (as the demo does)."""
    response = services.submit(survey=survey, values=values)
    if sector or size:
        Response.objects.filter(pk=response.pk).update(sector=sector, size=size)
    return response
