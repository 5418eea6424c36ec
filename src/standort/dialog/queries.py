"""Reads of the dialogue: querysets and lists with their joins and prefetches done, so a
page's query count does not grow with the number of ideas or comments."""

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from standort.core.history import records

from .models import Comment, Idea, Support


def _count(model, **outer):
    rows = (
        model.objects.filter(**{k: OuterRef(v) for k, v in outer.items()})
        .order_by()
        .values(*outer)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_counts(ideas):
    """Adds `comment_count` (comments not deleted) and `support_count`."""
    comments = (
        Comment.objects.filter(idea=OuterRef("pk"), deleted_at__isnull=True)
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return ideas.annotate(
        comment_count=Coalesce(Subquery(comments, output_field=IntegerField()), Value(0)),
        support_count=_count(Support, idea="pk"),
    )


def ideas_of(body):
    """The body's ideas with author, measure and counts; the list sorts them."""
    return with_counts(
        Idea.objects.filter(body=body).select_related("author", "measure", "initiative")
    )


def newest_ideas(body, limit=3):
    return list(ideas_of(body).order_by("-created_at", "-pk")[:limit])


def ideas_for_page(*, user):
    """The ideas (of the active initiative) with what an idea's page shows: body,
    author, measure, counts and whether `user` backs it; and what tells whether its
    rendered comments can be reused (`comments_stamp`, the newest history record of its
    comments, and `my_newest_comment`, when `user` last commented on it)."""
    ideas = with_counts(Idea.objects.select_related("body", "author", "measure"))
    newest = records(Comment, idea_id=OuterRef("pk")).order_by("-history_id")
    ideas = ideas.annotate(comments_stamp=Subquery(newest.values("history_id")[:1]))
    if user.is_authenticated:
        mine = Comment.objects.filter(idea=OuterRef("pk"), author=user).order_by("-created_at")
        ideas = ideas.annotate(
            supported=Exists(Support.objects.filter(idea=OuterRef("pk"), user=user)),
            my_newest_comment=Subquery(mine.values("created_at")[:1]),
        )
    else:
        ideas = ideas.annotate(
            supported=Value(False), my_newest_comment=Value(None, output_field=DateTimeField())
        )
    return ideas


def ideas_from_measure(measure):
    """The ideas a measure came from ("Aus der Idee …")."""
    return list(measure.ideas.only("pk", "title", "initiative_id", "measure_id"))


def _threads(comments, initiative=None):
    """Top-level comments of `comments`, oldest first, with their replies as the list
    `.reply_list` (oldest first, deleted ones left out): one query however long the
    threads (replies have their parent's target). A deleted comment stays as a
    placeholder while it has replies."""
    threads, by_pk, replies = [], {}, []
    for comment in comments.select_related("author").order_by("created_at", "pk"):
        if initiative is not None:
            # Rules and links of the page ask no query per comment.
            comment.initiative = initiative
        if comment.parent_id is None:
            comment.reply_list = []
            by_pk[comment.pk] = comment
            threads.append(comment)
        elif comment.deleted_at is None:
            replies.append(comment)
    for reply in replies:
        if reply.parent_id in by_pk:
            by_pk[reply.parent_id].reply_list.append(reply)
    return [c for c in threads if c.deleted_at is None or c.reply_list]


def comments_for_measure(measure):
    """The measure's threads; each comment carries `thread_stamp`, the newest history
    record of the measure's comments (rendering.thread_key), in the same query."""
    newest = records(Comment, measure_id=measure.pk).order_by("-history_id")
    comments = Comment.objects.filter(measure=measure).annotate(
        thread_stamp=Subquery(newest.values("history_id")[:1])
    )
    return _threads(comments, measure.initiative)


def comments_for_idea(idea):
    return _threads(Comment.objects.filter(idea=idea), idea.initiative)


def comments_for_agenda(meeting, item=None):
    """{agenda item id: [top-level comments with `.reply_list`]} of a meeting's
    agenda (or of one `item` of it), in one query. Items without comments are
    missing from the dict."""
    by_item = {}
    comments = Comment.objects.filter(agenda_item__meeting=meeting)
    if item is not None:
        comments = comments.filter(agenda_item=item)
    threads = _threads(comments, meeting.initiative)
    for comment in threads:
        by_item.setdefault(comment.agenda_item_id, []).append(comment)
    return by_item


def comments_for_actions():
    """The comments (of the active initiative) with what their actions need to send the
    reader back: the measure's number, the agenda item's meeting, the idea."""
    return Comment.objects.select_related(
        "initiative", "measure", "agenda_item__meeting__initiative", "idea", "parent"
    )


def comment_counts_for_agenda(meeting):
    """{agenda item id: number of comments not deleted} of a meeting, in one query."""
    return dict(
        Comment.objects.filter(agenda_item__meeting=meeting, deleted_at=None)
        .values("agenda_item")
        .annotate(n=Count("pk"))
        .values_list("agenda_item", "n")
    )


def agenda_comments_newest(meeting_ref):
    """The newest history record of the comments on a meeting's agenda, as a subquery
    for `meeting_ref` (an OuterRef to the meeting): a stamp of what its page shows."""
    latest = records(Comment, agenda_item__meeting_id=meeting_ref).order_by("-history_id")
    return Subquery(latest.values("history_id")[:1])
