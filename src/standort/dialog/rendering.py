"""How ideas and comments read (sanitised Markdown, mentions marked) and what a reader
may do with a comment. The markup of a comment is dialog/_comment.html."""

import rules
from django.utils import timezone
from django.utils.translation import get_language

from standort.core.markup import render_markdown
from standort.core.memo import remembered

from .mentions import highlight
from .models import EDIT_WINDOW
from .rules import reader_facts

COMMENT_PERMISSIONS = {
    "change": "dialog.change_comment",
    "delete": "dialog.delete_comment",
    "hide": "dialog.hide_comment",
}
PERMISSIONS = tuple(COMMENT_PERMISSIONS.items())


def text_html(obj):
    """An idea's or a comment's text: Markdown cleaned by nh3, then its mentions
    marked (after cleaning, so the marks survive and nothing else does)."""
    return highlight(render_markdown(obj.text), obj.mentions)


def comment_permissions(user, comment):
    """{"change", "delete", "hide": whether `user` may} for one comment, as the rules
    answer them, without walking the authentication backends three times per comment
    (the platform admin may everything, as there).

    The rules on a comment read only its initiative, whether the reader wrote it,
    whether it is within the edit window, deleted or hidden: the answers are asked once
    per such kind of comment and kept for the request (core.memo)."""
    if user.is_active and user.is_superuser:
        return dict.fromkeys(COMMENT_PERMISSIONS, True)
    key = (
        "comment-permissions",
        user.pk,
        comment.initiative_id,
        user.is_authenticated and comment.author_id == user.pk,
        comment.created_at is not None and timezone.now() - comment.created_at <= EDIT_WINDOW,
        comment.deleted_at is not None,
        comment.hidden_at is not None,
    )

    def ask():
        return {name: rules.has_perm(perm, user, comment) for name, perm in PERMISSIONS}

    return remembered(key, ask)


# A thread rendered for a reader is kept this long at most (and only while it holds).
THREAD_SECONDS = 300


def thread_key(target, *, stamp, my_newest, user, initiative, can_comment):
    """The cache key of a target's rendered comments for this reader (dialog/_thread.html),
    or None when they are to be rendered anew.

    The key holds what the threads can depend on: the initiative's address, the target
    (its creation time too, as a test database hands out the same ids again), `stamp`
    (the newest history record of its comments: a new, edited, deleted, hidden or shown
    comment changes it), what the rules read of the reader (rules.reader_facts),
    whether the reader may answer, language and time zone; and the reader's id if they
    wrote in the thread, as their own comments offer more. While one of these is within
    its edit window (`my_newest`, when they last commented) its "Edit" link lapses with
    time: not kept then. An author's changed name shows after THREAD_SECONDS."""
    if my_newest is not None and timezone.now() - my_newest <= EDIT_WINDOW:
        return None
    return ":".join(
        str(part)
        for part in (
            "dialog-thread",
            initiative.slug,
            target._meta.label_lower,
            target.pk,
            target.created_at.timestamp(),
            stamp,
            user.pk if my_newest is not None else "-",
            *reader_facts(user, initiative),
            can_comment,
            get_language(),
            timezone.get_current_timezone_name(),
        )
    )
