"""How ideas and comments read (sanitised Markdown, mentions marked) and what a
comment offers its reader. (What the dialogue shows on other apps' pages: slots.py.)"""

from django import template
from django.core.cache import cache
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import mark_safe

from ..rendering import THREAD_SECONDS, comment_permissions, text_html

register = template.Library()

# A kept thread must not carry its first reader's CSRF token: it is rendered with this
# stand-in, which each reader's own token replaces. Nothing else in a thread can be the
# stand-in's form field: texts are cleaned of such tags, names and reasons escaped.
CSRF_STAND_IN = "csrf-token-of-the-reader"
_STAND_IN_FIELD = CsrfTokenNode().render(template.Context({"csrf_token": CSRF_STAND_IN}))


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


@register.simple_tag(takes_context=True)
def comment_thread(context):
    """dialog/_thread.html in the context of dialog/_comments.html: kept in the cache
    under `thread_key` (rendering.thread_key) for a while, so an unchanged thread read
    again is neither read from the database (`comments` is lazy then) nor rendered."""
    thread = context.template.engine.get_template("dialog/_thread.html")
    key = context.get("thread_key")
    if key is None:
        return thread.render(context)
    html = cache.get(key)
    if html is None:
        with context.push(csrf_token=CSRF_STAND_IN):
            html = thread.render(context)
        cache.set(key, html, THREAD_SECONDS)
    own = CsrfTokenNode().render(context)
    return mark_safe(html.replace(_STAND_IN_FIELD, own))  # noqa: S308 - the template's output
