"""What the dialogue shows on other apps' pages (see core.slots): the comments of a
measure and of an agenda item, the ideas a measure came from, the newest ideas of a
body. Each returns the context of its template, or None for a reader who may not see
the dialogue."""

from django.urls import reverse
from django.utils.translation import ngettext

from standort.core import slots
from standort.meetings import extensions

from . import queries
from .models import Idea
from .rendering import thread_key


def _comments(context, initiative, comments, post_url, target=None):
    """With `target` the rendered threads are kept (rendering.thread_key; `comments`
    then carry `thread_stamp`)."""
    user = context["user"]
    if not user.has_perm("dialog.view_dialog", initiative):
        return None
    can_comment = user.has_perm("dialog.add_comment", initiative)
    threads = comments()
    key = None
    if target is not None and threads:
        mine = [
            comment.created_at
            for thread in threads
            for comment in (thread, *thread.reply_list)
            if user.is_authenticated and comment.author_id == user.pk
        ]
        key = thread_key(
            target,
            stamp=threads[0].thread_stamp,
            my_newest=max(mine, default=None),
            user=user,
            initiative=initiative,
            can_comment=can_comment,
        )
    return {
        "visible": True,
        "initiative": initiative,
        "comments": threads,
        "thread_key": key,
        "post_url": post_url,
        "can_comment": can_comment,
    }


def agenda_item_comments(context, item):
    """The comments of one agenda item on its page, with the form to comment (one
    query; its heading counts them, so they are read anyway and not kept)."""
    initiative = context["initiative"]
    values = _comments(
        context,
        initiative,
        lambda: queries.comments_for_agenda(item.meeting, item=item).get(item.pk, []),
        reverse("agenda_item_comment", args=[initiative.slug, item.meeting_id, item.pk]),
    )
    return values and {**values, "item": item}


def measure_comments(context, measure):
    """The comments of a measure (one query), kept rendered while they do not change:
    rendering them is what costs."""
    initiative = measure.initiative
    return _comments(
        context,
        initiative,
        lambda: queries.comments_for_measure(measure),
        reverse("measure_comment", args=[initiative.slug, measure.number]),
        target=measure,
    )


def measure_ideas(context, measure):
    """The ideas a measure came from ("Aus der Idee …"), as a line of its facts (one
    query)."""
    initiative = measure.initiative
    if not context["user"].has_perm("dialog.view_dialog", initiative):
        return None
    return {"initiative": initiative, "ideas": queries.ideas_from_measure(measure)}


def body_ideas(context, body):
    """The three newest ideas of a body and the way to all of them (one query)."""
    initiative = context["initiative"]
    if not context["user"].has_perm("dialog.view_dialog", initiative):
        return None
    return {
        "visible": True,
        "initiative": initiative,
        "body": body,
        "ideas": queries.newest_ideas(body),
    }


def _comment_count(n):
    return ngettext("%(n)s comment", "%(n)s comments", n) % {"n": n}


def register():
    extensions.register(
        extensions.AgendaPart(
            anchor="comments",
            counts=queries.comment_counts_for_agenda,
            label=_comment_count,
            newest=queries.agenda_comments_newest,
        )
    )
    slots.fill(
        "measure.facts", "dialog/_measure_ideas.html", measure_ideas, order=10, stamped_by=[Idea]
    )
    slots.fill("measure.sections", "dialog/_measure_dialog.html", measure_comments)
    slots.fill("body.sections", "dialog/_body_ideas.html", body_ideas)
    slots.fill("agenda_item.sections", "dialog/_agenda_item_comments.html", agenda_item_comments)
