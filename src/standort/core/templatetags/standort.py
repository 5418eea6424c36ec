from django import template
from django.utils.safestring import mark_safe

from .. import slots
from ..markup import MINUTES_LIMIT, render_markdown

register = template.Library()


@register.inclusion_tag("core/sort_header.html", takes_context=True)
def sort_header(context, listing, key, label):
    """A column header that sorts the list, keeping the search and dropping the page."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params["sort"] = listing.sort_link(key)
    direction = ""
    if listing.sort == key:
        direction = "ascending"
    elif listing.sort == f"-{key}":
        direction = "descending"
    return {"query": params.urlencode(), "label": label, "direction": direction}


@register.filter
def markdown(text):
    """Formatted text as safe HTML (see core.markup); texts as long as minutes."""
    return render_markdown(text, limit=MINUTES_LIMIT)


@register.simple_tag(takes_context=True)
def slot(context, name, obj):
    """What the apps above show at this place of the page (see core.slots)."""
    engine = context.template.engine
    parts = []
    for entry in slots.fills(name):
        values = entry.context(context, obj)
        if values is None:
            continue
        with context.push(values):
            parts.append(engine.get_template(entry.template).render(context))
    return mark_safe("".join(parts))  # noqa: S308 - rendered templates, escaped there
