"""Reads for the review pages, with their joins done."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from simple_history.models import to_historic

from standort.core.history import history_entries, records
from standort.measures.asof import MeasureState, catalogue_as_of
from standort.measures.models import SnapshotRow, StatusUpdate

from .models import REPORTED, ReviewAnswer, ReviewCycle, ReviewRequest

Answer = ReviewAnswer.State


def cycles_of(initiative):
    """The initiative's reviews, newest first, with their answer counts."""
    return ReviewCycle.objects.filter(initiative=initiative).annotate(
        answer_count=Count("answers"),
        answered_count=Count(
            "answers", filter=Q(answers__state__in=[Answer.SUBMITTED, Answer.ACCEPTED])
        ),
    )


def answer_counts(cycle):
    """{state: count} of the review's answers, every state present."""
    counts = dict.fromkeys(Answer.values, 0)
    counts.update(
        cycle.answers.order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    counts["total"] = sum(counts[s] for s in Answer.values)
    counts["answered"] = counts[Answer.SUBMITTED] + counts[Answer.ACCEPTED]
    counts["share"] = round(100 * counts["answered"] / counts["total"]) if counts["total"] else 0
    return counts


# How far an owner has got, for the follow-up table and its filter.
PROGRESS_FILTERS = {
    "bounced": Q(bounced_at__isnull=False),
    "answered": Q(submitted_at__isnull=False, bounced_at=None),
    "drafted": Q(submitted_at=None, bounced_at=None, answers__state=Answer.DRAFT),
    "returned": Q(submitted_at=None, bounced_at=None, answers__state=Answer.RETURNED),
    "opened": Q(submitted_at=None, bounced_at=None, opened_at__isnull=False),
    "unopened": Q(submitted_at=None, bounced_at=None, opened_at=None),
}


def requests_of(cycle, progress=None):
    requests = ReviewRequest.objects.filter(cycle=cycle)
    if progress in PROGRESS_FILTERS:
        requests = requests.filter(PROGRESS_FILTERS[progress]).distinct()
    return requests.select_related("person__organization").prefetch_related(
        Prefetch(
            "answers",
            queryset=ReviewAnswer.objects.select_related(
                "measure", "entered_by", "status_update"
            ).order_by("measure__number"),
        )
    )


def progress_of(request):
    """The state of one owner's answer, as the follow-up table names it."""
    if request.bounced_at:
        return "bounced"
    if request.submitted_at:
        return "answered"
    states = {answer.state for answer in request.answers.all()}
    if Answer.RETURNED in states:
        return "returned"
    if Answer.DRAFT in states or Answer.SUBMITTED in states:
        return "drafted"
    return "opened" if request.opened_at else "unopened"


# The states in which an owner may still answer (ReviewAnswer.is_editable_by_owner).
PENDING = [Answer.OPEN, Answer.DRAFT, Answer.RETURNED]


def pending_answers_of(initiative, user, measure=None):
    """The signed-in owner's answers that running reviews still wait for from them
    ("Meine offenen Sachstände"), soonest deadline first; of one measure if given."""
    if not user.is_authenticated:
        return ReviewAnswer.objects.none()
    answers = open_answers_of(initiative, user).filter(state__in=PENDING)
    return answers if measure is None else answers.filter(measure=measure)


def open_answers_of(initiative, user):
    """The signed-in owner's answers that running reviews still wait for."""
    return (
        ReviewAnswer.objects.filter(
            cycle__initiative=initiative,
            cycle__state=ReviewCycle.State.RUNNING,
            request__person__user=user,
        )
        .select_related("cycle", "measure")
        .order_by("cycle__deadline", "measure__number")
    )


def review_states(cycle):
    """[asof.MeasureState] of the measures the closed review `cycle` asked about, as its
    reports show them: kept in its snapshot since it closed. A review closed before
    reviews kept one reads the change history as of its close."""
    if cycle.snapshot_id is not None:
        rows = SnapshotRow.objects.filter(snapshot_id=cycle.snapshot_id)
        return [MeasureState.of_row(row) for row in rows]
    return answered_states(cycle, catalogue_as_of(cycle.initiative, cycle.closed_at))


def answered_states(cycle, catalogue):
    """The states of `catalogue` (asof.MeasureState) that `cycle` asked about, each with
    what its owner reported in it where the answer counts."""
    answers = {
        answer.measure_id: answer
        for answer in cycle.answers.select_related("status_update").only(
            "measure_id",
            "state",
            "completed",
            "submitted_at",
            "entered_by_id",
            *(f"status_update__{name}" for name in REPORTED),
        )
    }
    states = []
    for state in catalogue:
        answer = answers.get(state.measure_id)
        if answer is None:
            continue
        state.answered = answer.counts
        if answer.counts:
            report = answer.status_update or StatusUpdate()  # submitted without a word
            state.traffic_light = report.traffic_light
            state.progress = answer.reported_progress
            state.achieved = report.achieved
            state.next_steps = report.next_steps
            state.support_needed = report.support_needed
            state.reported_at = answer.submitted_at
            state.on_behalf = answer.entered_by_id is not None
        else:
            state.traffic_light = ""
            state.achieved = state.next_steps = state.support_needed = ""
            state.reported_at = None
        states.append(state)
    return states


def report_of(answer):
    """The status update with what the owner reported in `answer` (None before their
    first save), as it stood then where `answer` is a version from its change history
    (a form's merge compares with the version its user saw)."""
    if answer.status_update_id is None:
        return None
    record = to_historic(answer)
    if record is None:
        return answer.status_update
    return (
        records(StatusUpdate, id=answer.status_update_id, history_date__lte=record.history_date)
        .order_by("-history_date", "-history_id")
        .first()
    )


def report_changes(answer, since):
    """[history.Change] of what the owner reported in `answer` after the moment
    `since`, the oldest first: the answer's own history no longer holds them."""
    if answer.status_update_id is None:
        return []
    later = records(StatusUpdate, id=answer.status_update_id, history_date__gt=since)
    return [change for entry in reversed(history_entries(later)) for change in entry.changes]


def asked_elsewhere(cycle):
    """The answers of `cycle` whose measure another running review of the initiative
    asks about already, in number order, each with `other_title`: the review that
    asks. One query."""
    running = ReviewAnswer.objects.filter(
        measure=OuterRef("measure"),
        cycle__initiative_id=cycle.initiative_id,
        cycle__state=ReviewCycle.State.RUNNING,
    ).exclude(cycle=cycle)
    return list(
        cycle.answers.annotate(other_title=Subquery(running.values("cycle__title")[:1]))
        .filter(Exists(running))
        .select_related("measure")
        .order_by("measure__number")
    )
