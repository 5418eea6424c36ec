"""One comment as HTML, written in Python: a meeting shows a few hundred of them, and
an included template per comment (three permission tags, dates, links) cost about four
times as much. The markup is that of KERN UX like the templates'."""

from functools import lru_cache

import rules
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .mentions import highlight
from .models import EDIT_WINDOW


def text_html(obj):
    """An idea's or a comment's text: Markdown cleaned by nh3, then its mentions
    marked (after cleaning, so the marks survive and nothing else does)."""
    from standort.core.markup import render_markdown

    return highlight(render_markdown(obj.text), obj.mentions)


def _may(user, perm, comment):
    """user.has_perm() as the rules answer it, without walking the authentication
    backends three times per comment (the platform admin may everything, as there).

    The rules on a comment read only its initiative, whether the reader wrote it,
    whether it is within the edit window, deleted or hidden: the answer is asked once
    per such combination and kept on the user object (which lives for one request)."""
    if user.is_active and user.is_superuser:
        return True
    key = (
        perm,
        comment.initiative_id,
        user.is_authenticated and comment.author_id == user.pk,
        comment.created_at is not None and timezone.now() - comment.created_at <= EDIT_WINDOW,
        comment.deleted_at is not None,
        comment.hidden_at is not None,
    )
    answers = user.__dict__.setdefault("_comment_permissions", {})
    if key not in answers:
        answers[key] = rules.has_perm(perm, user, comment)
    return answers[key]


@lru_cache(maxsize=256)
def _comment_urls(slug):
    """The address of a comment's actions without its id: reversed once per initiative,
    not three times per comment."""
    marker = 999999999
    return {
        name: reverse(name, args=[slug, marker]).split(str(marker))
        for name in (
            "comment_edit",
            "comment_delete",
            "comment_hide",
            "comment_unhide",
            "comment_reply",
        )
    }


def comment_url(name, slug, pk):
    before, after = _comment_urls(slug)[name]
    return f"{before}{pk}{after}"


def _author(comment):
    author = comment.author
    return (author.get_full_name() if author else "") or _("Former user")


def comment_html(comment, *, user, slug, csrf_token):
    removed = comment.deleted_at is not None or comment.hidden_at is not None
    if comment.deleted_at is not None:
        meta = format_html("<span>{}</span>", _("Comment deleted"))
        body = ""
    else:
        created = timezone.localtime(comment.created_at)
        meta = format_html(
            '<strong>{}</strong> · <time datetime="{}">{}</time>{}',
            _author(comment),
            created.isoformat(),
            date_format(created, "SHORT_DATETIME_FORMAT"),
            format_html(' · <span class="comment__edited">{}</span>', _("edited"))
            if comment.edited_at
            else "",
        )
        if comment.hidden_at is not None:
            body = format_html(
                '<p class="kern-body comment__placeholder">{}</p>',
                _("Hidden by the project office: %(reason)s") % {"reason": comment.hidden_reason},
            )
        else:
            body = format_html('<div class="kern-body comment__text">{}</div>', text_html(comment))
    actions = _actions(comment, user=user, slug=slug, csrf_token=csrf_token)
    return format_html(
        '<article class="comment{}" id="comment-{}">'
        '<p class="comment__meta kern-body--small">{}</p>{}{}</article>',
        " comment--removed" if removed else "",
        comment.pk,
        meta,
        body,
        actions,
    )


def _actions(comment, *, user, slug, csrf_token):
    links = []
    whose = format_html(
        '<span class="kern-sr-only"> {}</span>',
        _("the comment of %(name)s") % {"name": comment.author.get_full_name()}
        if comment.author
        else "",
    )
    if _may(user, "dialog.change_comment", comment):
        links.append(
            format_html(
                '<a class="kern-link" href="{}">{}<span class="kern-sr-only"> {}</span></a>',
                comment_url("comment_edit", slug, comment.pk),
                _("Edit"),
                _("your comment"),
            )
        )
    if _may(user, "dialog.delete_comment", comment):
        links.append(
            format_html(
                '<a class="kern-link" href="{}">{}{}</a>',
                comment_url("comment_delete", slug, comment.pk),
                _("Delete"),
                whose,
            )
        )
    if _may(user, "dialog.hide_comment", comment):
        if comment.hidden_at is not None:
            links.append(
                format_html(
                    '<form method="post" action="{}" class="inline-form">'
                    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                    '<button type="submit" class="kern-btn kern-btn--tertiary kern-btn--small">'
                    '<span class="kern-label">{}</span></button></form>',
                    comment_url("comment_unhide", slug, comment.pk),
                    csrf_token,
                    _("Show again"),
                )
            )
        else:
            links.append(
                format_html(
                    '<a class="kern-link" href="{}">{}{}</a>',
                    comment_url("comment_hide", slug, comment.pk),
                    _("Hide"),
                    whose,
                )
            )
    if not links:
        return ""
    return format_html(
        '<div class="comment__actions kern-body--small">{}</div>',
        mark_safe("".join(links)),  # noqa: S308 - each one built with format_html
    )
