"""Goals, indicators and industrial areas for the benchmark installation (see
README.md): 50 indicators with 200 values each, 8 goals, and 500 industrial areas with
outlines, on the bench initiative; a handful on the small one.

Bulk inserts only, no history rows: the measured pages read none but the goal's and
the indicator's own, which stay short."""

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from standort.core.tenancy import across_initiatives

UNITS = ["%", "ha", "Beschäftigte", "Tage", "Mio. €", "Betriebe"]
SUBJECTS = [
    "Arbeitslosenquote",
    "Gewerbesteuereinnahmen",
    "Dauer einer Baugenehmigung",
    "Freie Gewerbefläche",
    "Beschäftigte in der Industrie",
    "Gründungen",
    "Anteil der Betriebe mit Glasfaser",
    "Ausbildungsplätze",
]
FIBRE = ["available", "planned", "none"]


@dataclass(frozen=True)
class EvidenceBench:
    goal: int  # the goal whose page is measured
    indicator: int  # the indicator whose page is measured


@across_initiatives()
def generate_evidence(initiative, user, *, seed, indicators=50, values=200, sites=500, goals=8):
    from standort.indicators.models import Goal, Indicator, Observation, Site
    from standort.measures.models import Measure

    rng = random.Random(seed)
    made_goals = Goal.objects.bulk_create(
        [
            Goal(initiative=initiative, title=f"Ziel {n + 1:02d}", description="Beschreibung.")
            for n in range(goals)
        ]
    )
    measure_ids = list(
        Measure.objects.filter(initiative=initiative).values_list("pk", flat=True)[:400]
    )
    links = Goal.measures.through
    links.objects.bulk_create(
        [
            links(goal_id=goal.pk, measure_id=measure_id)
            for index, goal in enumerate(made_goals)
            for measure_id in measure_ids[index * 25 : index * 25 + 25]
        ]
    )
    made = Indicator.objects.bulk_create(
        [
            Indicator(
                initiative=initiative,
                name=f"{SUBJECTS[n % len(SUBJECTS)]} {n + 1:02d}",
                unit=UNITS[n % len(UNITS)],
                source="Statistisches Landesamt",
                higher_is_better=n % 3 != 0,
                goal=made_goals[n % goals],
                is_key=n < 4,
                target_value=Decimal(100 + n) if n % 2 == 0 else None,
                target_on=date(2030, 12, 31) if n % 2 == 0 else None,
                position=n,
            )
            for n in range(indicators)
        ]
    )
    start = date.today() - timedelta(days=30 * values)
    observations = []
    for indicator in made:
        level = rng.uniform(10, 1000)
        for n in range(values):
            level *= rng.uniform(0.97, 1.03)
            observations.append(
                Observation(
                    indicator=indicator,
                    observed_on=start + timedelta(days=30 * n),
                    value=Decimal(f"{level:.2f}"),
                    note="Beispielwert",
                )
            )
    Observation.objects.bulk_create(observations, batch_size=2_000)
    areas = []
    side = math.ceil(math.sqrt(sites))
    for n in range(sites):
        lon = 6.6 + (n % side) * 0.01 + rng.uniform(0, 0.004)
        lat = 51.3 + (n // side) * 0.007 + rng.uniform(0, 0.003)
        w, h = rng.uniform(0.001, 0.004), rng.uniform(0.0008, 0.003)
        ring = [[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]
        area = Decimal(f"{rng.uniform(5, 250):.2f}")
        areas.append(
            Site(
                initiative=initiative,
                name=f"Gewerbegebiet {n + 1:03d}",
                area_ha=area,
                free_ha=(area * Decimal(rng.uniform(0, 0.3))).quantize(Decimal("0.01")),
                fibre=FIBRE[n % 3],
                geometry={"type": "Polygon", "coordinates": [ring]},
                note="Beispieldaten",
            )
        )
    Site.objects.bulk_create(areas, batch_size=500)
    return EvidenceBench(goal=made_goals[0].pk, indicator=made[0].pk)


def measured_goal(initiative):
    from standort.indicators.models import Goal

    with across_initiatives():
        return (
            Goal.objects.filter(initiative=initiative)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
            or 0
        )


def measured_indicator(initiative):
    from standort.indicators.models import Indicator

    with across_initiatives():
        return (
            Indicator.objects.filter(initiative=initiative)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
            or 0
        )


KINDS = ["single"] * 10 + ["multiple"] * 5 + ["scale"] * 5 + ["yes_no"] * 5 + ["number"] * 3
KINDS += ["short_text"] * 2
SECTORS = ["C", "C", "C", "F", "G", "H", "M"]
SIZES = ["micro", "small", "medium", "large"]


@across_initiatives()
def generate_survey(initiative, user, *, seed, responses=10_000, questions=30):
    """A closed, anonymous survey of `questions` questions (every kind) in three
    sections with `responses` answers: each response answers every question."""
    from standort.surveys.models import Answer, Question, Response, Section, Survey

    rng = random.Random(seed)
    survey = Survey.objects.create(
        initiative=initiative,
        title="Unternehmensbefragung (Bench)",
        is_anonymous=True,
        state=Survey.State.CLOSED,
        created_by=user,
    )
    sections = Section.objects.bulk_create(
        [Section(survey=survey, title=f"Abschnitt {n + 1}", position=n) for n in range(3)]
    )
    made = Question.objects.bulk_create(
        [
            Question(
                section=sections[n % 3],
                kind=KINDS[n % len(KINDS)],
                text=f"Frage {n + 1:02d}",
                choices="\n".join(f"Antwort {c + 1}" for c in range(5)),
                key=f"q{n:03d}",
                position=n,
            )
            for n in range(questions)
        ]
    )
    day = date.today() - timedelta(days=30)
    rows = Response.objects.bulk_create(
        [
            Response(
                survey=survey,
                sector=rng.choice(SECTORS),
                size=rng.choice(SIZES),
                submitted_on=day,
            )
            for _n in range(responses)
        ],
        batch_size=2_000,
    )
    answers = []
    for response in rows:
        for question in made:
            if question.kind == "multiple":
                for option in rng.sample(range(5), rng.randint(1, 3)):
                    answers.append(Answer(response=response, question=question, option=option))
            elif question.kind in ("single", "scale"):
                low = 1 if question.kind == "scale" else 0
                answers.append(
                    Answer(response=response, question=question, option=rng.randint(low, 4 + low))
                )
            elif question.kind == "yes_no":
                answers.append(
                    Answer(response=response, question=question, option=rng.randint(0, 1))
                )
            elif question.kind == "number":
                answers.append(
                    Answer(
                        response=response, question=question, number=Decimal(rng.randint(1, 500))
                    )
                )
            elif rng.random() < 0.05:
                answers.append(Answer(response=response, question=question, text="Eine Anmerkung."))
        if len(answers) >= 20_000:
            Answer.objects.bulk_create(answers, batch_size=5_000)
            answers = []
    Answer.objects.bulk_create(answers, batch_size=5_000)
    return survey.pk


def _values(rng, kind):
    """What one response answers to a question of `kind`: [Answer fields]."""
    if kind == "multiple":
        return [{"option": option} for option in rng.sample(range(5), rng.randint(1, 3))]
    if kind == "single":
        return [{"option": rng.randint(0, 4)}]
    if kind == "scale":
        return [{"option": rng.randint(1, 5)}]
    if kind == "yes_no":
        return [{"option": rng.randint(0, 1)}]
    if kind == "number":
        return [{"number": Decimal(rng.randint(1, 500))}]
    return [{"text": "Eine Anmerkung."}] if rng.random() < 0.05 else []


def measured_survey(initiative):
    from standort.surveys.models import Survey

    with across_initiatives():
        return (
            Survey.objects.filter(initiative=initiative)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
            or 0
        )
