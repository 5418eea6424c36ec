from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context, listing, key, label):
    """A column header that sorts the list, keeping the search and dropping the page.
    Written here, not by an included template: a list has up to nine of them."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params["sort"] = listing.sort_link(key)
    aria_sort, arrow = "", ""
    if listing.sort == key:
        aria_sort, arrow = ' aria-sort="ascending"', " ▲"
    elif listing.sort == f"-{key}":
        aria_sort, arrow = ' aria-sort="descending"', " ▼"
    return format_html(
        '<th scope="col" class="kern-table__header"{}>'
        '<a class="kern-link" href="?{}">{}{}</a></th>',
        mark_safe(aria_sort),  # noqa: S308 - a constant of the two above
        params.urlencode(),
        label,
        arrow,
    )


@register.filter
def markdown(text):
    """Formatted text as safe HTML (see core.markup)."""
    from standort.core.markup import render_markdown

    return render_markdown(text)


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
