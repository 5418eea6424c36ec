"""How ideas and comments read (sanitised Markdown, mentions marked) and what a
comment offers its reader. (What the dialogue shows on other apps' pages: slots.py.)"""

from django import template

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
