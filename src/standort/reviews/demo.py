"""Demo status reviews (DESIGN.md, "Demo data").

* Mülheim: the spring-2018 review of its 33 projects, closed, with answers of every
  traffic light, a few late and a few missing; the spring-2019 review a year on, in
  which most projects moved on and a few slipped back; and a review running now.
* Duisburg: the autumn-2025 review, closed, and a review running now.

The closed reviews are history: their rows are written directly with their dates
(the services only act in the present), and each answer's status update goes through
the measures' services. The running ones go through this app's services, so their
launch mails sit in the outbox for the worker like any other. A review that exists
already (by title) is left alone, which makes loading the demo again a no-op."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from standort.core.tenancy import initiative_scope
from standort.initiatives.models import Initiative
from standort.measures import services as measure_services
from standort.measures.asof import catalogue_now
from standort.measures.models import Measure, StatusUpdate

from . import queries, services
from .models import ReviewAnswer, ReviewCycle, ReviewRequest

BERLIN = ZoneInfo("Europe/Berlin")
SPRING_2018 = "Sachstandsabfrage Frühjahr 2018"
SPRING_2019 = "Sachstandsabfrage Frühjahr 2019"
AUTUMN_2025 = "Sachstandsabfrage Herbst 2025"
RUNNING_TITLE = "Sachstandsabfrage Winter 2026/27"

# The body that decides on the initiative's projects, as the texts below name it: Duisburg
# has its Lenkungskreis, Mülheim its Industriekonferenz (and no Lenkungskreis).
DECIDING_BODY = {
    "duisburg": {
        "im_gremium": "im Lenkungskreis",
        "des_gremiums": "des Lenkungskreises",
        "das_gremium": "Der Lenkungskreis",
        "seiner": "seiner",
    },
    "muelheim": {
        "im_gremium": "in der Industriekonferenz",
        "des_gremiums": "der Industriekonferenz",
        "das_gremium": "Die Industriekonferenz",
        "seiner": "ihrer",
    },
}

# What owners wrote, by traffic light: (achieved, next steps, support), with the
# deciding body as a placeholder (see `_texts`).
TEXTS = {
    "green": [
        (
            "Auftakt mit allen Partnern durchgeführt, Zeitplan steht.",
            "Umsetzung der ersten Bausteine bis zum Sommer.",
            "",
        ),
        (
            "Konzept abgestimmt und {im_gremium} vorgestellt.",
            "Start der Pilotphase mit drei Unternehmen.",
            "",
        ),
        (
            "Förderzusage liegt vor, Ausschreibung ist veröffentlicht.",
            "Vergabe und Beginn der Arbeiten.",
            "",
        ),
    ],
    "amber": [
        (
            "Bestandsaufnahme abgeschlossen; die Abstimmung mit den Eigentümern dauert länger.",
            "Gespräche mit den Eigentümern fortsetzen.",
            "Unterstützung der Stadtspitze bei den Eigentümergesprächen.",
        ),
        (
            "Partner gefunden, aber die Finanzierung des zweiten Bausteins ist offen.",
            "Förderantrag beim Land stellen.",
            "Hinweise auf passende Förderprogramme.",
        ),
    ],
    "red": [
        (
            "Der Projektträger hat sich zurückgezogen; das Projekt ruht.",
            "Neuen Träger suchen oder das Projekt neu zuschneiden.",
            "Entscheidung {des_gremiums} über die Fortführung.",
        ),
    ],
}


@dataclass(frozen=True)
class ClosedReview:
    """A closed review of the demo: its dates, which projects it asked (numbers up to
    `last`), how they answered (light per project; MISSING never answered, LATE after
    the deadline), their progress then, and which of today's finished projects were
    finished then already."""

    slug: str
    title: str
    deadline: datetime.date
    launched: datetime.date
    closed: datetime.date
    message: str
    last: int
    missing: frozenset
    late: frozenset
    red: frozenset
    amber: frozenset
    progress: object  # (number, light) -> per cent
    done_then: object = lambda number: False  # noqa: E731 - a plan's default

    def light(self, number):
        return "red" if number in self.red else "amber" if number in self.amber else "green"


CLOSED_REVIEWS = [
    ClosedReview(
        slug="muelheim",
        title=SPRING_2018,
        deadline=datetime.date(2018, 4, 13),
        launched=datetime.date(2018, 3, 19),
        closed=datetime.date(2018, 4, 27),
        message="Die Industriekonferenz berät im Frühjahr 2018 über den Stand der Umsetzung. "
        "Bitte melden Sie uns bis zum 13. April den Stand Ihres Projekts.",
        last=33,
        missing=frozenset({7, 19, 26, 31}),
        late=frozenset({4, 12, 22}),
        red=frozenset({9, 24}),
        amber=frozenset({3, 5, 11, 15, 20, 28, 30}),
        progress=lambda n, light: {"green": 20 + n % 4 * 10, "amber": 15 + n % 3 * 5, "red": 5}[
            light
        ],
    ),
    # A year on: most projects moved on, two slipped back, two still silent.
    ClosedReview(
        slug="muelheim",
        title=SPRING_2019,
        deadline=datetime.date(2019, 4, 12),
        launched=datetime.date(2019, 3, 18),
        closed=datetime.date(2019, 5, 3),
        message="Ein Jahr nach der ersten Abfrage: Bitte melden Sie uns bis zum 12. April "
        "den Stand Ihres Projekts für die Industriekonferenz 2019.",
        last=33,
        missing=frozenset({19, 31}),
        late=frozenset({12, 25}),
        red=frozenset({8, 28, 30}),
        amber=frozenset({2, 5, 9, 14, 15, 24, 27}),
        progress=lambda n, light: {"green": 45 + n % 5 * 10, "amber": 30 + n % 3 * 5, "red": 10}[
            light
        ],
        done_then=lambda number: number % 3 == 0,
    ),
    ClosedReview(
        slug="duisburg",
        title=AUTUMN_2025,
        deadline=datetime.date(2025, 10, 17),
        launched=datetime.date(2025, 9, 22),
        closed=datetime.date(2025, 11, 6),
        message="Der Lenkungskreis tagt im November. Bitte melden Sie uns bis zum 17. Oktober "
        "den Stand Ihrer Maßnahmen.",
        last=999,
        missing=frozenset({4, 13}),
        late=frozenset({6}),
        red=frozenset({9}),
        amber=frozenset({2, 7, 11}),
        progress=lambda n, light: {"green": 35 + n % 4 * 10, "amber": 25 + n % 3 * 5, "red": 10}[
            light
        ],
        done_then=lambda number: True,
    ),
]


def _moment(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def _texts(initiative, light, n):
    """The n-th texts of that traffic light, naming the initiative's deciding body."""
    texts = TEXTS[light][n % len(TEXTS[light])]
    return tuple(text.format(**DECIDING_BODY[initiative.slug]) for text in texts)


def load_reviews(*, result, actor, initiative):
    for plan in CLOSED_REVIEWS:
        if plan.slug == initiative.slug:
            _closed(result, actor, initiative, plan)
    if initiative.slug in ("muelheim", "duisburg"):
        _running(result, actor, initiative)


def _closed(result, actor, initiative, plan):
    if ReviewCycle.objects.filter(initiative=initiative, title=plan.title).exists():
        return
    cycle = ReviewCycle.objects.create(
        initiative=initiative,
        title=plan.title,
        deadline=plan.deadline,
        message=plan.message,
        state=ReviewCycle.State.CLOSED,
        launched_at=_moment(plan.launched, 9),
        closed_at=_moment(plan.closed, 16),
        created_by=actor,
    )
    result.note(ReviewCycle, created=True)
    measures = (
        Measure.objects.filter(initiative=initiative, number__lte=plan.last, owner__isnull=False)
        .exclude(status__in=[Measure.Status.PROPOSED, Measure.Status.DROPPED])
        # A measure made of parts shows their progress: the owners of the parts report.
        .filter(children=None)
        .select_related("owner")
    )
    requests = {}
    for measure in measures:
        request = requests.get(measure.owner_id)
        if request is None:
            request = requests[measure.owner_id] = ReviewRequest.objects.create(
                cycle=cycle,
                person=measure.owner,
                email=measure.owner.email,
                sent_at=cycle.launched_at,
                opened_at=cycle.launched_at + datetime.timedelta(days=2),
            )
        _answer(cycle, request, measure, actor, plan)
    for request in requests.values():
        if not request.answers.filter(state=ReviewAnswer.State.OPEN).exists():
            latest = max(a.submitted_at for a in request.answers.all())
            ReviewRequest.objects.filter(pk=request.pk).update(submitted_at=latest)
    result.note(ReviewAnswer, created=True)
    _snapshot(cycle, plan)


def _snapshot(cycle, plan):
    """What the review's reports show: its projects as they stood when it closed. The
    demo's catalogue is today's, so the projects finished since were still under way
    then, unless the plan says they were finished already."""
    states = queries.answered_states(cycle, catalogue_now(cycle.initiative))
    for state in states:
        if state.status == Measure.Status.DONE and not plan.done_then(state.number):
            state.status = Measure.Status.IN_PROGRESS
            state.progress = min(state.progress, 90)
    snapshot = measure_services.snapshot_take(
        initiative=cycle.initiative, taken_at=cycle.closed_at, states=states
    )
    ReviewCycle.objects.filter(pk=cycle.pk).update(snapshot=snapshot)


def _answer(cycle, request, measure, actor, plan):
    number = measure.number
    if number in plan.missing:
        ReviewAnswer.objects.create(cycle=cycle, request=request, measure=measure)
        return
    light = plan.light(number)
    achieved, next_steps, support = _texts(cycle.initiative, light, number)
    day = cycle.deadline + datetime.timedelta(days=3 + number % 5)
    if number not in plan.late:
        day = cycle.deadline - datetime.timedelta(days=1 + number % 17)
    submitted_at = _moment(day, 8 + number % 9)
    progress = plan.progress(number, light)
    if plan.done_then(number) and measure.status == Measure.Status.DONE:
        progress = 100
    update = StatusUpdate(
        measure=measure,
        traffic_light=light,
        progress=progress,
        achieved=achieved,
        next_steps=next_steps,
        support_needed=support,
        reported_at=submitted_at,
        reported_by=request.person,
        accepted_at=cycle.closed_at - datetime.timedelta(days=2),
    )
    measure_services.status_update_record(actor=actor, update=update, accept=True)
    ReviewAnswer.objects.create(
        cycle=cycle,
        request=request,
        measure=measure,
        state=ReviewAnswer.State.ACCEPTED,
        saved_at=submitted_at,
        submitted_at=submitted_at,
        accepted_at=update.accepted_at,
        accepted_by=actor,
        status_update=update,
    )


def _running(result, actor, initiative):
    if ReviewCycle.objects.filter(initiative=initiative, title=RUNNING_TITLE).exists():
        return
    cycle = ReviewCycle(
        initiative=initiative,
        title=RUNNING_TITLE,
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        message="{das_gremium} berät in {seiner} nächsten Sitzung über den Stand der Umsetzung. "
        "Bitte melden Sie bis zur Frist den Stand Ihrer Maßnahmen – zwei Minuten je Maßnahme "
        "genügen.".format(**DECIDING_BODY[initiative.slug]),
    )
    live = Measure.objects.filter(
        initiative=initiative,
        is_archived=False,
        status__in=[Measure.Status.ADOPTED, Measure.Status.IN_PROGRESS],
    )
    services.cycle_create(actor=actor, cycle=cycle, measures=live)
    cycle = services.cycle_launch(actor=actor, cycle=cycle)
    result.note(ReviewCycle, created=True)
    # A few owners have answered already, one has saved a draft.
    answers = list(cycle.answers.select_related("request", "measure").order_by("measure__number"))
    for position, answer in enumerate(answers[:8]):
        light = ["green", "green", "amber", "green", "red", "green", "amber", "green"][position]
        achieved, next_steps, support = _texts(initiative, light, position)
        report = {
            "traffic_light": light,
            "progress": min(100, (answer.measure.progress or 0) + 10),
            "achieved": achieved,
            "next_steps": next_steps,
            "support_needed": support,
        }
        services.answer_save(actor=None, answer=answer, report=report, submit=position != 7)
    result.note(ReviewAnswer, created=True)


def demo_link():
    """A personal link of a running demo review that works (for `make demo` to print):
    an owner with an address who has not answered yet."""
    muelheim = Initiative.objects.filter(slug="muelheim").first()
    if muelheim is None:
        return None
    with initiative_scope(muelheim):
        request = (
            ReviewRequest.objects.filter(
                cycle__title=RUNNING_TITLE,
                cycle__state=ReviewCycle.State.RUNNING,
                submitted_at=None,
                bounced_at=None,
                link_revoked_at=None,
            )
            .exclude(token_hash=None)
            .select_related("person")
            .order_by("pk")
            .first()
        )
    if request is None:
        return None
    return request.person.full_name, f"{settings.SITE_URL}/link/{request.token()}/"
