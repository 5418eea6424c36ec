"""The demo's industry survey of Mülheim an der Ruhr (DESIGN.md, "Demo data"): 120
anonymous answers of 2016 whose results are the seed's figures (4 of 10 firms
cooperate with science, 90 % feel at home, two thirds worry about land and
infrastructure), and a second wave of 2019 with 96 answers in which cooperation has
grown. The share of firms cooperating with science is published as an indicator value
of each wave. The answers are invented; their shares are exact.

Loading again changes nothing: a survey that exists (by title) is left alone."""

import datetime
import random
from decimal import Decimal

from standort.indicators import services as indicator_services
from standort.indicators.models import Indicator
from standort.initiatives.models import Organization

from . import services
from .models import Question, Response, Section, Survey

FIRST = "Industriebefragung Mülheim an der Ruhr 2016"
SECOND = "Industriebefragung Mülheim an der Ruhr 2019"
COOPERATION = "Anteil der Betriebe mit Wissenschaftskooperation"
INTRODUCTION = (
    "Die Stärkungsinitiative Industrie möchte wissen, wie es den Industriebetrieben in "
    "Mülheim an der Ruhr geht: was sie am Standort schätzen, was ihnen Sorgen macht und "
    "wie sie mit der Wissenschaft zusammenarbeiten. Die Befragung dauert etwa zehn Minuten."
)
PRIVACY = (
    "Verantwortlich ist der Unternehmerverband Mülheimer Wirtschaft. Die Antworten werden "
    "nur für die Auswertung der Stärkungsinitiative verwendet und ohne Verbindung zu Ihrem "
    "Betrieb gespeichert; Ergebnisse nach Branche oder Größe werden nur für Gruppen von "
    "mindestens fünf Betrieben gezeigt. Die Antworten werden nach Abschluss der Initiative "
    "gelöscht. (Beispieltext)"
)
# section title, [(kind, text, choices, required, extra)]
STRUCTURE = [
    (
        "Ihr Betrieb am Standort",
        [
            (
                "scale",
                "Wie wohl fühlt sich Ihr Betrieb in Mülheim an der Ruhr?",
                "",
                True,
                {"low_label": "gar nicht", "high_label": "sehr"},
            ),
            ("yes_no", "Würden Sie den Standort anderen Betrieben empfehlen?", "", True, {}),
        ],
    ),
    (
        "Flächen und Infrastruktur",
        [
            (
                "yes_no",
                "Machen Sie sich Sorgen um Flächen und Infrastruktur am Standort?",
                "",
                True,
                {},
            ),
            (
                "multiple",
                "Worüber machen Sie sich Sorgen?",
                "Erweiterungsflächen\nVerkehrsanbindung\nBreitband und Glasfaser\n"
                "Fachkräfte\nGenehmigungsverfahren\nEnergiepreise",
                False,
                {},
            ),
        ],
    ),
    (
        "Zusammenarbeit mit der Wissenschaft",
        [
            (
                "yes_no",
                "Arbeitet Ihr Betrieb mit einer Hochschule oder einem Forschungsinstitut zusammen?",
                "",
                True,
                {},
            ),
            (
                "single",
                "Was hindert Sie am meisten an einer Zusammenarbeit?",
                "Wir kennen die Angebote nicht\nKein passender Ansprechpartner\n"
                "Zu aufwendig\nKein Bedarf",
                False,
                {},
            ),
            ("long_text", "Was würde Ihnen die Zusammenarbeit erleichtern?", "", False, {}),
        ],
    ),
    (
        "Zu Ihrem Betrieb",
        [
            (
                "number",
                "Wie viele Beschäftigte hat Ihr Betrieb in Mülheim an der Ruhr?",
                "",
                False,
                {"min_value": Decimal(1), "max_value": Decimal(20000)},
            ),
        ],
    ),
]
WISHES = [
    "Eine zentrale Anlaufstelle an der Hochschule.",
    "Kurze Projekte mit Studierenden, ohne viel Papier.",
    "Eine Übersicht, wer woran forscht.",
    "Gemeinsame Veranstaltungen von Betrieben und Instituten.",
    "Förderberatung aus einer Hand.",
]
SIZES = ["micro", "small", "small", "medium", "medium", "large"]
SECTORS = ["C", "C", "C", "C", "F", "H", "M"]

# Waves: title, day, answers, feel at home (4 or 5), worried, cooperating.
WAVES = [
    (FIRST, datetime.date(2016, 11, 30), 120, 108, 80, 48),
    (SECOND, datetime.date(2019, 11, 30), 96, 87, 58, 50),
]
DEMO_SECTORS = {
    "ruhrtal": ("C", "medium"),
    "speldorfer": ("C", "medium"),
    "duemptener": ("C", "small"),
    "saarner": ("C", "small"),
    "broicher": ("C", "small"),
    "heissener": ("C", "medium"),
    "styrumer": ("C", "large"),
}


def load_surveys(*, result, actor, initiative):
    if initiative.slug != "muelheim":
        return
    _firms_master_data()
    previous = None
    for title, day, count, at_home, worried, cooperating in WAVES:
        survey = Survey.objects.filter(initiative=initiative, title=title).first()
        if survey is None:
            survey = _build(actor, initiative, title, previous)
            _answer(actor, survey, day, count, at_home, worried, cooperating, seed=day.year)
            services.survey_close(actor=actor, survey=survey)
            result.note(Survey, created=True)
            _publish(actor, initiative, survey, day, cooperating, count)
        previous = survey


def _firms_master_data():
    """Sector and size of the demo's Mülheim firms, which the survey's recipients need."""
    names = {
        "ruhrtal": "Ruhrtal Armaturen GmbH",
        "speldorfer": "Speldorfer Stahlrohr GmbH",
        "duemptener": "Dümptener Präzisionstechnik GmbH",
        "saarner": "Saarner Feinmechanik GmbH & Co. KG",
        "broicher": "Broicher Kunststofftechnik GmbH",
        "heissener": "Heißener Anlagenbau GmbH",
        "styrumer": "Styrumer Turbinenservice GmbH",
    }
    for key, (sector, size) in DEMO_SECTORS.items():
        Organization.objects.filter(name=names[key], sector="").update(sector=sector, size=size)


def _build(actor, initiative, title, previous):
    if previous is not None:
        return services.survey_copy(actor=actor, survey=previous, title=title)
    survey = services.survey_save(
        actor=actor,
        survey=Survey(
            initiative=initiative,
            title=title,
            introduction=INTRODUCTION,
            privacy_notice=PRIVACY,
            is_anonymous=True,
        ),
    )
    for position, (section_title, questions) in enumerate(STRUCTURE, start=1):
        section = services.section_save(
            actor=actor, section=Section(survey=survey, title=section_title, position=position)
        )
        for number, (kind, text, choices, required, extra) in enumerate(questions, start=1):
            services.question_save(
                actor=actor,
                question=Question(
                    section=section,
                    kind=kind,
                    text=text,
                    choices=choices,
                    required=required,
                    position=number,
                    **extra,
                ),
            )
    return survey


def _flags(rng, count, yes):
    flags = [True] * yes + [False] * (count - yes)
    rng.shuffle(flags)
    return flags


def _answer(actor, survey, day, count, at_home, worried, cooperating, *, seed):
    """`count` answers with exactly `at_home` firms feeling at home (4 or 5 on the
    scale), `worried` worried about land and infrastructure and `cooperating`
    cooperating with science."""
    rng = random.Random(seed)
    services.survey_open(actor=actor, survey=survey)
    questions = {q.text: q for q in Question.objects.filter(section__survey=survey)}

    def q(text):
        return str(questions[text].pk)

    home, worry, science = (_flags(rng, count, n) for n in (at_home, worried, cooperating))
    for n in range(count):
        values = {
            q(STRUCTURE[0][1][0][1]): rng.choice([4, 5, 5]) if home[n] else rng.choice([1, 2, 3]),
            q(STRUCTURE[0][1][1][1]): 1 if home[n] and rng.random() < 0.9 else 0,
            q(STRUCTURE[1][1][0][1]): 1 if worry[n] else 0,
            q(STRUCTURE[2][1][0][1]): 1 if science[n] else 0,
            q(STRUCTURE[3][1][0][1]): str(rng.choice([6, 25, 40, 120, 300, 850])),
        }
        if worry[n]:
            values[q(STRUCTURE[1][1][1][1])] = sorted(rng.sample(range(6), rng.randint(1, 3)))
        if not science[n]:
            values[q(STRUCTURE[2][1][1][1])] = rng.choice([0, 0, 1, 2, 3])
        if rng.random() < 0.25:
            values[q(STRUCTURE[2][1][2][1])] = rng.choice(WISHES)
        response = services.submit(survey=survey, values=values)
        response.sector, response.size = rng.choice(SECTORS), rng.choice(SIZES)
        response.save(update_fields=["sector", "size"])
    # Submitted on the wave's last day; that is all an anonymous answer keeps of its time.
    Response.objects.filter(survey=survey).update(submitted_on=day)


def _publish(actor, initiative, survey, day, cooperating, count):
    indicator = Indicator.objects.filter(initiative=initiative, name=COOPERATION).first()
    if indicator is None:
        return
    indicator_services.publish(
        actor=actor,
        indicator=indicator,
        observed_on=day,
        value=(Decimal(cooperating * 100) / count).quantize(Decimal("0.1")),
        note=f"{survey.title}, n = {count}",
    )
