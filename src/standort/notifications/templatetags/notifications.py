from django import template
from django.urls import reverse

from ..queries import is_following as _is_following
from ..queries import target_field

register = template.Library()


@register.simple_tag(takes_context=True)
def is_following(context, target):
    """Whether the signed-in user follows `target` (one query)."""
    return _is_following(context["request"].user, target)


@register.simple_tag(takes_context=True)
def follow_url(context, target):
    """Where the follow button of `target` posts: under its initiative's address (the
    page's initiative, where it is the target's, spares a query)."""
    initiative = getattr(context.get("request"), "initiative", None)
    if initiative is None or initiative.pk != target.initiative_id:
        initiative = target.initiative
    return reverse("follow_toggle", args=[initiative.slug, target_field(target), target.pk])
