from standort.core.access import object_permission

from . import queries


def idea_permission(perm):
    """`/<slug>/ideas/<pk>/…`: an idea of the request's initiative."""
    return object_permission(perm, lambda request: queries.ideas_for_page(user=request.user))


def comment_permission(perm):
    """`/<slug>/comments/<pk>/…`: a comment of the request's initiative."""
    return object_permission(perm, lambda request: queries.comments_for_actions())
