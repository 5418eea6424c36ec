"""How ideas and comments read (sanitised Markdown, mentions marked) and what a
comment offers its reader."""

from django import template

from ..rendering import comment_permissions, text_html

register = template.Library()


@register.filter
def dialog_text(obj):
    """An idea's or a comment's text as safe HTML (see rendering.text_html)."""
    return text_html(obj)


@register.inclusion_tag("dialog/_comment.html", takes_context=True)
def dialog_comment(context, comment):
    """One comment: author, date, text or placeholder, and what the reader may do."""
    return {
        "comment": comment,
        "initiative": context["initiative"],
        "may": comment_permissions(context["user"], comment),
    }


@register.filter
def for_item(comments_by_item, item):
    """`comments_by_item|for_item:item`: the threads of one agenda item from
    queries.comments_for_agenda (an item or its id)."""
    return comments_by_item.get(getattr(item, "pk", item), [])
