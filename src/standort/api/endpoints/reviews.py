"""Status reviews, for those who follow them (the office and the steering committee),
and an owner's status report for the running review of their measure."""

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from standort.reviews import queries, services
from standort.reviews.forms import AnswerForm
from standort.reviews.models import ReviewAnswer, ReviewCycle

from .. import schemas
from ..access import initiative_for, require, require_writing_token
from ..forms_bridge import validated
from ..problems import ApiProblem
from ..schemas import Id
from .common import READ, WRITE, CursorPagination, Rows, absolute, answers, paginated
from .measures import measure_detail_response, measure_to_read

router = Router(tags=["status reviews"])

FOLLOW = "reviews.follow_review"
MANAGE = "reviews.manage_reviews"


def _review(initiative, cycle):
    return {
        "id": cycle.pk,
        "title": cycle.title,
        "state": cycle.state,
        "deadline": cycle.deadline,
        "launched_at": cycle.launched_at,
        "closed_at": cycle.closed_at,
        "answer_count": cycle.answer_count,
        "answered_count": cycle.answered_count,
        "url": absolute(reverse("review_detail", args=[initiative.slug, cycle.pk])),
    }


@router.get(
    "/{slug}/reviews",
    response=answers(list[schemas.Review], 403),
    auth=READ,
    summary="The status reviews",
)
@paginate(CursorPagination, **paginated(("-pk",)))
def review_list(request, slug: str):
    """The status reviews with how many answers they have, the newest first: for the
    office and the steering committee, who follow them."""
    initiative = initiative_for(request, slug)
    require(request, FOLLOW, initiative)
    return Rows(queries.cycles_of(initiative), lambda cycle: _review(initiative, cycle))


@router.post(
    "/{slug}/measures/{number}/status-report",
    response=answers(schemas.Measure, 403, 409),
    auth=WRITE,
    summary="Report the status of a measure",
)
def status_report(request, slug: str, number: Id, sent: schemas.StatusReport):
    """The owner's answer to the running status review of the measure (as their
    personal link's form), or the office's on the owner's behalf; `submit: false`
    keeps it as a draft. The office accepts it on the review's page; only then is it
    part of the measure's record."""
    initiative = initiative_for(request, slug)
    measure = measure_to_read(request, initiative, number)
    require_writing_token(request)
    answer = (
        ReviewAnswer.objects.filter(
            cycle__initiative=initiative,
            cycle__state=ReviewCycle.State.RUNNING,
            measure=measure,
        )
        .select_related("cycle", "request__person", "measure__latest_update", "status_update")
        .order_by("-cycle__launched_at", "-pk")
        .first()
    )
    if answer is None:
        raise ApiProblem("conflict", _("No status review is running for this measure."))
    is_owner = request.user.has_perm("reviews.answer", answer)
    if not is_owner:
        require(request, MANAGE, initiative)
    editable = answer.is_editable_by_owner or (
        not is_owner and answer.state != ReviewAnswer.State.ACCEPTED
    )
    if not editable:
        raise ApiProblem("conflict", _("This answer can no longer be changed."))
    data = sent.dict()
    submit = data.pop("submit")
    form = validated(AnswerForm(data, instance=answer, submit=submit))
    form.save()
    services.answer_save(
        actor=request.user,
        answer=form.instance,
        report=form.report(),
        submit=submit,
        on_behalf=not is_owner,
        expected_version=answer.version,
    )
    return measure_detail_response(request, initiative, number)
