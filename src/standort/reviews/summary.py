"""Reads on the review side for the initiative's dashboard and its public page: how
many owners answered the latest review, and which measures got better or worse
between the last two closed reviews. Each is one query, however many answers."""

from dataclasses import dataclass, field

from django.db.models import Case as SqlCase
from django.db.models import Count, F, IntegerField, Max, Q, Value, When
from django.utils import timezone

from .models import ReviewAnswer, ReviewCycle

Answer = ReviewAnswer.State
Cycle = ReviewCycle.State

# Better is higher: green (on track) > amber (delayed) > red (at risk).
LIGHT_RANK = {"green": 2, "amber": 1, "red": 0}
# Answered: handed in by the owner (submitted) or already taken over (accepted), as
# the review pages count it.
ANSWERED = (Answer.SUBMITTED, Answer.ACCEPTED)


def reviews_of(initiative):
    """The initiative's running and closed reviews, the latest launched first."""
    return list(
        ReviewCycle.objects.filter(initiative=initiative, state__in=[Cycle.RUNNING, Cycle.CLOSED])
        .only("title", "state", "deadline", "launched_at", "closed_at", "initiative_id")
        .order_by(F("launched_at").desc(nulls_last=True), "-pk")
    )


def _closed_newest_first(cycles):
    closed = [c for c in cycles if c.state == Cycle.CLOSED]
    return sorted(closed, key=lambda c: (c.closed_at or c.launched_at, c.pk), reverse=True)


@dataclass
class AnswerRate:
    total: int
    answered: int
    accepted: int

    @property
    def percent(self):
        return round(100 * self.answered / self.total) if self.total else 0


RATE = {
    "total": Count("pk"),
    "answered": Count("pk", filter=Q(state__in=ANSWERED)),
    "accepted": Count("pk", filter=Q(state=Answer.ACCEPTED)),
}


def answer_rate(cycle):
    """How many of the review's measures have an answer, and how many of those were
    accepted (one query on the answers' index by review and state)."""
    return AnswerRate(**ReviewAnswer.objects.filter(cycle=cycle).aggregate(**RATE))


def answer_rates(cycles):
    """{review id: AnswerRate} of `cycles`, in one query."""
    rates = {cycle.pk: AnswerRate(0, 0, 0) for cycle in cycles}
    rows = (
        ReviewAnswer.objects.filter(cycle__in=cycles).order_by().values("cycle_id").annotate(**RATE)
    )
    for row in rows:
        cycle_id = row.pop("cycle_id")
        rates[cycle_id] = AnswerRate(**row)
    return rates


def _rank_in(cycle):
    """The rank of an answer's traffic light when it belongs to `cycle`, else NULL."""
    return SqlCase(
        *[
            When(cycle=cycle, status_update__traffic_light=light, then=Value(rank))
            for light, rank in LIGHT_RANK.items()
        ],
        output_field=IntegerField(),
    )


def light_changes(newer, older):
    """[(number, title, before, after, change)] per measure with an accepted answer
    in both reviews: its traffic light in `older` and in `newer` (of the status update
    the answer became) and the change, 1 better, 0 the same, -1 worse; archived
    measures left out. One query: both reviews' answers grouped by measure."""
    rows = (
        ReviewAnswer.objects.filter(
            cycle__in=[newer, older], state=Answer.ACCEPTED, measure__is_archived__in=[False]
        )
        .values_list("measure__number", "measure__title")
        .annotate(before=Max(_rank_in(older)), after=Max(_rank_in(newer)))
        .filter(before__isnull=False, after__isnull=False)
        .order_by("measure__number")
    )
    light_of = {rank: light for light, rank in LIGHT_RANK.items()}
    return [
        (number, title, light_of[before], light_of[after], (after > before) - (after < before))
        for number, title, before, after in rows
    ]


@dataclass
class Changes:
    """Traffic lights between two closed reviews."""

    older: ReviewCycle
    newer: ReviewCycle
    better: int = 0
    same: int = 0
    worse: int = 0
    # The measures that got worse, the steepest fall first, then by number: (number,
    # title, before, after), at most `limit` of them.
    worsened: list = field(default_factory=list)


def changes_between(newer, older, *, limit=10):
    changes = light_changes(newer, older)
    counts = {1: 0, 0: 0, -1: 0}
    for *_row, change in changes:
        counts[change] += 1
    worse = [row[:4] for row in changes if row[4] < 0]
    worse.sort(key=lambda row: (LIGHT_RANK[row[3]] - LIGHT_RANK[row[2]], row[0]))
    return Changes(
        older=older,
        newer=newer,
        better=counts[1],
        same=counts[0],
        worse=counts[-1],
        worsened=worse[:limit],
    )


@dataclass
class ReviewSummary:
    """What the dashboard says about status reviews."""

    latest: ReviewCycle | None = None  # the latest running or closed review
    rate: AnswerRate | None = None  # of `latest`
    changes: Changes | None = None  # between the last two closed reviews
    running: list = field(default_factory=list)  # [(review, AnswerRate)], latest first


def review_summary(initiative, *, limit=10):
    """The answer rates of the latest review and of every running one, and the changes
    between the last two closed reviews: one query for the reviews, one for the rates,
    one for the changes (where there are two closed reviews)."""
    cycles = reviews_of(initiative)
    if not cycles:
        return ReviewSummary()
    latest = cycles[0]
    running = [cycle for cycle in cycles if cycle.state == Cycle.RUNNING]
    rates = answer_rates([latest, *running])
    summary = ReviewSummary(
        latest=latest,
        rate=rates[latest.pk],
        running=[(cycle, rates[cycle.pk]) for cycle in running],
    )
    closed = _closed_newest_first(cycles)
    if len(closed) >= 2:
        summary.changes = changes_between(closed[0], closed[1], limit=limit)
    return summary


def last_closed_on(initiative):
    """The day the latest closed review was closed (in the local time zone), or
    None: the "as of" date of the public page."""
    closed_at = (
        ReviewCycle.objects.filter(
            initiative=initiative, state=Cycle.CLOSED, closed_at__isnull=False
        )
        .order_by("-closed_at")
        .values_list("closed_at", flat=True)
        .first()
    )
    return timezone.localdate(closed_at) if closed_at else None
