"""Reads on the review side for the initiative's dashboard and its public page: how
many owners answered the latest review, and which measures got better or worse
between the last two closed reviews. Each is one query, however many answers."""

from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models import Case as SqlCase
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


def answer_rate(cycle):
    """How many of the review's measures have an answer, and how many of those were
    accepted (one query on the answers' index by review and state)."""
    counts = ReviewAnswer.objects.filter(cycle=cycle).aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(state__in=ANSWERED)),
        accepted=Count("pk", filter=Q(state=Answer.ACCEPTED)),
    )
    return AnswerRate(**counts)


def _rank(expression):
    return SqlCase(
        *[When(**{expression: light}, then=Value(rank)) for light, rank in LIGHT_RANK.items()],
        output_field=IntegerField(),
    )


def light_changes(newer, older):
    """Per measure with an accepted answer in both reviews: its traffic light
    `before` (in `older`) and now (`traffic_light`, in `newer`), and `change`: 1 better,
    0 the same, -1 worse. Archived measures are left out."""
    before = ReviewAnswer.objects.filter(
        cycle=older, measure=OuterRef("measure_id"), state=Answer.ACCEPTED
    ).exclude(traffic_light="")
    return (
        ReviewAnswer.objects.filter(
            cycle=newer, state=Answer.ACCEPTED, measure__is_archived__in=[False]
        )
        .exclude(traffic_light="")
        .annotate(before=Subquery(before.values("traffic_light")[:1]))
        .filter(before__isnull=False)
        .annotate(before_rank=_rank("before"), after_rank=_rank("traffic_light"))
        .annotate(
            change=SqlCase(
                When(after_rank__gt=F("before_rank"), then=Value(1)),
                When(after_rank__lt=F("before_rank"), then=Value(-1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )


@dataclass
class Changes:
    """Traffic lights between two closed reviews."""

    older: ReviewCycle
    newer: ReviewCycle
    better: int = 0
    same: int = 0
    worse: int = 0
    # The measures that got worse, the steepest fall first: (number, title, before,
    # after), at most `limit` of them.
    worsened: list = field(default_factory=list)


def changes_between(newer, older, *, limit=10):
    """Two queries: the changes counted, and the measures that got worse."""
    changes = light_changes(newer, older)
    counts = dict(changes.order_by().values_list("change").annotate(n=Count("pk")))
    worsened = list(
        changes.filter(change=-1)
        .annotate(fall=F("before_rank") - F("after_rank"))
        .order_by("-fall", "measure__number")
        .values_list("measure__number", "measure__title", "before", "traffic_light")[:limit]
    )
    return Changes(
        older=older,
        newer=newer,
        better=counts.get(1, 0),
        same=counts.get(0, 0),
        worse=counts.get(-1, 0),
        worsened=worsened,
    )


@dataclass
class ReviewSummary:
    """What the dashboard says about status reviews."""

    latest: ReviewCycle | None = None  # the latest running or closed review
    rate: AnswerRate | None = None  # of `latest`
    changes: Changes | None = None  # between the last two closed reviews


def review_summary(initiative, *, limit=10):
    """The latest review's answer rate and the changes between the last two closed
    reviews: one query for the reviews, one for the rate, two for the changes (the
    last only where there are two closed reviews)."""
    cycles = reviews_of(initiative)
    if not cycles:
        return ReviewSummary()
    latest = cycles[0]
    summary = ReviewSummary(latest=latest, rate=answer_rate(latest))
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
