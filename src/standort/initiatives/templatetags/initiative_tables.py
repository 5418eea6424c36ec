"""Rows of the larger tables of an initiative, built in Python: an initiative may have
dozens of bodies, and the template language takes longer to fill in a row than the
database takes to deliver it."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

BODY_ROW = (
    '<tr class="kern-table__row">'
    '<td class="kern-table__cell">{sub}<a class="kern-link" href="{url}">{name}</a></td>'
    '<td class="kern-table__cell">{kind}</td>'
    '<td class="kern-table__cell">{chairs}</td>'
    '<td class="kern-table__cell kern-table__cell--numeric">{members}</td>'
    "</tr>"
)
SUB_BODY = mark_safe('<span aria-hidden="true">↳ </span>')


@register.simple_tag
def body_rows(bodies, bodies_url):
    """The bodies of the initiative's home (see queries.bodies_with_chairs)."""
    return format_html_join(
        "\n",
        BODY_ROW,
        (
            {
                "sub": SUB_BODY if body.parent_id else "",
                "url": f"{bodies_url}{body.pk}/",
                "name": body.name,
                "kind": body.kind_label,
                "chairs": _chairs(body.chairs),
                "members": body.member_count,
            }
            for body in bodies
        ),
    )


def _chairs(chairs):
    if not chairs:
        return "–"
    return format_html_join(
        mark_safe("<br>"),
        "{}{}",
        (
            (chair.name, f" ({chair.organization})" if chair.organization else "")
            for chair in chairs
        ),
    )
