"""Status reviews for the benchmark installation (see README.md): two closed reviews,
each with its snapshot, and a running one, each asking every owner of a live measure,
with answers in the states a review goes through. Bulk inserts only, no history rows and no personal
links issued: the measured pages read counts and traffic lights, not tokens."""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from standort.core.tenancy import across_initiatives

BERLIN = ZoneInfo("Europe/Berlin")
LIGHTS = (["green"] * 5) + (["amber"] * 3) + (["red"] * 2)
# (title, deadline in days from today, state, answer states with their weights)
CYCLES = [
    ("Sachstandsabfrage Frühjahr", -380, "closed", [("accepted", 85), ("open", 15)]),
    ("Sachstandsabfrage Herbst", -200, "closed", [("accepted", 88), ("open", 12)]),
    (
        "Sachstandsabfrage aktuell",
        10,
        "running",
        [("accepted", 30), ("submitted", 25), ("draft", 10), ("returned", 5), ("open", 30)],
    ),
]


def _moment(day):
    return datetime.combine(day, time(9), tzinfo=BERLIN)


@across_initiatives()
def generate_reviews(initiative, user, *, seed, today):
    """Fills `initiative` (whose measures exist) with the reviews of CYCLES."""
    from standort.measures.models import Measure, StatusUpdate
    from standort.reviews.models import ReviewAnswer, ReviewCycle, ReviewRequest

    rng = random.Random(seed)
    live = list(
        Measure.objects.filter(
            initiative=initiative,
            is_archived=False,
            status__in=["adopted", "in_progress", "on_hold"],
            owner__isnull=False,
        ).values_list("pk", "owner_id")
    )
    cycles = ReviewCycle.objects.bulk_create(
        ReviewCycle(
            initiative=initiative,
            title=f"{title} {(today + timedelta(days=offset)).year}",
            deadline=today + timedelta(days=offset),
            state=state,
            launched_at=_moment(today + timedelta(days=offset - 28)),
            closed_at=_moment(today + timedelta(days=offset + 14)) if state == "closed" else None,
            created_by=user,
        )
        for title, offset, state, _states in CYCLES
    )
    owners = sorted({owner for _pk, owner in live})
    requests = ReviewRequest.objects.bulk_create(
        (
            ReviewRequest(cycle=cycle, person_id=owner, sent_at=cycle.launched_at)
            for cycle in cycles
            for owner in owners
        ),
        batch_size=5000,
    )
    request_of = {(r.cycle_id, r.person_id): r.pk for r in requests}
    answers = []
    for cycle, (_title, _offset, _state, states) in zip(cycles, CYCLES, strict=True):
        names = [s for s, _w in states]
        weights = [w for _s, w in states]
        for measure_id, owner in live:
            state = rng.choices(names, weights)[0]
            answered = state != "open"
            answer = ReviewAnswer(
                cycle=cycle,
                request_id=request_of[(cycle.pk, owner)],
                measure_id=measure_id,
                state=state,
                submitted_at=cycle.launched_at + timedelta(days=7) if answered else None,
                accepted_at=cycle.launched_at + timedelta(days=9) if state == "accepted" else None,
            )
            if answered:
                # What the owner reported lives in the answer's status update, a draft
                # until the answer is accepted.
                answer.status_update = StatusUpdate(
                    measure_id=measure_id,
                    traffic_light=rng.choice(LIGHTS),
                    progress=rng.randrange(0, 100, 5),
                    achieved="Die Arbeiten laufen.",
                    reported_at=answer.submitted_at,
                    reported_by_id=owner,
                    accepted_at=answer.accepted_at,
                )
            answers.append(answer)
    StatusUpdate.objects.bulk_create(
        [answer.status_update for answer in answers if answer.status_update], batch_size=5000
    )
    ReviewAnswer.objects.bulk_create(answers, batch_size=5000)
    # A closed review keeps its measures as they stood (reviews.services.cycle_close):
    # the comparison and the reports read these snapshots.
    from standort.reviews.services import cycle_snapshot_take

    for cycle in cycles:
        if cycle.state == "closed":
            cycle.snapshot = cycle_snapshot_take(cycle)
            ReviewCycle.objects.filter(pk=cycle.pk).update(snapshot=cycle.snapshot)
    return cycles
