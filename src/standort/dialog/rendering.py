"""How ideas and comments read (sanitised Markdown, mentions marked) and what a reader
may do with a comment. The markup of a comment is dialog/_comment.html."""

import rules
from django.utils import timezone

from standort.core.markup import render_markdown
from standort.core.memo import remembered

from .mentions import highlight
from .models import EDIT_WINDOW

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
