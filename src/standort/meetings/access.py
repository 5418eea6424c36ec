from standort.core.access import object_permission

from .models import Meeting


def meeting_permission(perm):
    """`/<slug>/meetings/<pk>/…`: a meeting of the request's initiative."""
    return object_permission(perm, lambda request: Meeting.objects.select_related("body"))
