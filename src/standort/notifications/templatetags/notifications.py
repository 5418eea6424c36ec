from django import template
from django.urls import reverse

from ..queries import is_following as _is_following
from ..queries import target_field

register = template.Library()


@register.simple_tag(takes_context=True)
def is_following(context, target):
    """Whether the signed-in user follows `target` (one query)."""
    return _is_following(context["request"].user, target)


@register.simple_tag
def follow_url(target):
    return reverse("follow_toggle", args=[target_field(target), target.pk])
