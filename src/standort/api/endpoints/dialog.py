"""The dialogue: ideas and comments, for those taking part in the initiative (the
dialogue has no public side)."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from standort.dialog.models import Comment, Idea
from standort.dialog.queries import with_counts

from .. import schemas
from ..access import initiative_for, require
from ..http import respond
from ..problems import ApiProblem
from ..schemas import Id
from .common import READ, CursorPagination, Rows, absolute, answers, paginated

router = Router(tags=["dialogue"])


def _idea(initiative, idea):
    return {
        "id": idea.pk,
        "title": idea.title,
        "text": idea.text,
        "body": {"id": idea.body_id, "name": idea.body.name} if idea.body_id else None,
        "author": str(idea.author) if idea.author_id else "",
        "measure_number": idea.measure_number,
        "created_at": idea.created_at,
        "comment_count": idea.comment_count,
        "support_count": idea.support_count,
        "url": absolute(reverse("idea_detail", args=[initiative.slug, idea.pk])),
    }


def _ideas(request, initiative):
    require(request, "dialog.view_dialog", initiative)
    return with_counts(
        Idea.objects.filter(initiative=initiative).select_related("body", "author")
    ).annotate(measure_number=F("measure__number"))


@router.get(
    "/{slug}/ideas", response=answers(list[schemas.Idea], 403), auth=READ, summary="The ideas"
)
@paginate(CursorPagination, **paginated(("pk",)))
def idea_list(request, slug: str, body: Id | None = None):
    initiative = initiative_for(request, slug)
    ideas = _ideas(request, initiative)
    if body is not None:
        ideas = ideas.filter(body_id=body)
    return Rows(ideas, lambda idea: _idea(initiative, idea))


@router.get("/{slug}/ideas/{pk}", response=answers(schemas.Idea, 403), auth=READ, summary="An idea")
def idea_detail(request, slug: str, pk: Id):
    initiative = initiative_for(request, slug)
    idea = _ideas(request, initiative).filter(pk=pk).first()
    if idea is None or not request.user.has_perm("dialog.view_idea", idea):
        raise ApiProblem("not-found", _("There is nothing at this address."))
    return respond(request, schemas.Idea, _idea(initiative, idea))


def _comment(comment):
    hidden = comment.hidden_at is not None
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "measure_number": comment.measure_number,
        "idea_id": comment.idea_id,
        "agenda_item_id": comment.agenda_item_id,
        "author": str(comment.author) if comment.author_id else "",
        "text": None if hidden else comment.text,
        "hidden": hidden,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
    }


@router.get(
    "/{slug}/comments",
    response=answers(list[schemas.Comment], 403),
    auth=READ,
    summary="The comments",
)
@paginate(CursorPagination, **paginated(("pk",)))
def comment_list(
    request,
    slug: str,
    measure: Id | None = None,
    idea: Id | None = None,
    agenda_item: Id | None = None,
):
    """The comments on measures, ideas and agenda items, the oldest first (deleted ones
    left out); `measure` (its number), `idea` or `agenda_item` narrow to one thread."""
    initiative = initiative_for(request, slug)
    require(request, "dialog.view_dialog", initiative)
    comments = (
        Comment.objects.filter(initiative=initiative, deleted_at__isnull=True)
        .select_related("author")
        .annotate(measure_number=F("measure__number"))
    )
    if measure is not None:
        comments = comments.filter(measure__number=measure)
    if idea is not None:
        comments = comments.filter(idea_id=idea)
    if agenda_item is not None:
        comments = comments.filter(agenda_item_id=agenda_item)
    return Rows(comments, _comment)
