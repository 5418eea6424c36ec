"""What the reviews show on other apps' pages (see core.slots)."""

from standort.core import slots

from . import queries


def pending_on_measure(context, measure):
    """The reader's own answers that a running review waits for on this measure: a
    button to answer, where otherwise only the mail would lead (one query)."""
    answers = list(queries.pending_answers_of(measure.initiative, context["user"], measure))
    if not answers:
        return None
    return {"initiative": measure.initiative, "pending_answers": answers}


def register():
    slots.fill(
        "measure.actions", "reviews/_measure_pending_answer.html", pending_on_measure, order=10
    )
