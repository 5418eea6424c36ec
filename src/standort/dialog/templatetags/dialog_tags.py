"""The dialogue on other apps' pages: the comments of a measure, the newest ideas of a
body; and how ideas and comments read (sanitised Markdown, mentions marked)."""

from django import template
from django.urls import reverse

from .. import queries
from ..rendering import comment_html, comment_url, text_html

register = template.Library()


@register.filter
def dialog_text(obj):
    """An idea's or a comment's text as safe HTML (see rendering.text_html)."""
    return text_html(obj)


@register.simple_tag(takes_context=True)
def dialog_comment(context, comment):
    """One comment: author, date, text or placeholder, and what the reader may do."""
    return comment_html(
        comment,
        user=context["user"],
        slug=context["initiative"].slug,
        csrf_token=context.get("csrf_token", ""),
    )


@register.simple_tag(takes_context=True)
def reply_url(context, comment):
    """Where a reply to `comment` is posted (without a URL reversal per thread)."""
    return comment_url("comment_reply", context["initiative"].slug, comment.pk)


@register.filter
def for_item(comments_by_item, item):
    """`comments_by_item|for_item:item`: the threads of one agenda item from
    queries.comments_for_agenda (an item or its id)."""
    return comments_by_item.get(getattr(item, "pk", item), [])


@register.inclusion_tag("dialog/_agenda_item_comments.html", takes_context=True)
def agenda_item_comments(context, comments_by_item, item):
    """The comments of one agenda item on the meeting page, under an h4, with the
    form to comment: `{% agenda_item_comments agenda_comments item %}`, where
    `agenda_comments` is queries.comments_for_agenda(meeting) (two queries for the
    whole agenda)."""
    user = context["user"]
    initiative = context["initiative"]
    if not user.has_perm("dialog.view_dialog", initiative):
        return {"visible": False}
    return {
        "visible": True,
        "initiative": initiative,
        "user": user,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "item": item,
        "comments": for_item(comments_by_item, item),
        "post_url": reverse(
            "agenda_item_comment", args=[initiative.slug, item.meeting_id, item.pk]
        ),
        "can_comment": user.has_perm("dialog.add_comment", initiative),
    }


@register.inclusion_tag("dialog/_measure_ideas.html", takes_context=True)
def measure_ideas(context, measure):
    """The ideas a measure came from ("Aus der Idee …"), as a line of its facts (one
    query)."""
    initiative = measure.initiative
    if not context["user"].has_perm("dialog.view_dialog", initiative):
        return {"ideas": []}
    return {"initiative": initiative, "ideas": queries.ideas_from_measure(measure)}


@register.inclusion_tag("dialog/_measure_dialog.html", takes_context=True)
def measure_dialog(context, measure):
    """The comments of a measure (one query, and one for the replies if there are
    comments)."""
    user = context["user"]
    initiative = measure.initiative
    if not user.has_perm("dialog.view_dialog", initiative):
        return {"visible": False}
    return {
        "visible": True,
        "initiative": initiative,
        "user": user,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "comments": queries.comments_for_measure(measure),
        "post_url": reverse("measure_comment", args=[initiative.slug, measure.number]),
        "can_comment": user.has_perm("dialog.add_comment", initiative),
    }


@register.inclusion_tag("dialog/_body_ideas.html", takes_context=True)
def body_ideas(context, body):
    """The three newest ideas of a body and the way to all of them (one query)."""
    user = context["user"]
    initiative = context["initiative"]
    if not user.has_perm("dialog.view_dialog", initiative):
        return {"visible": False}
    return {
        "visible": True,
        "initiative": initiative,
        "body": body,
        "ideas": queries.newest_ideas(body),
    }
