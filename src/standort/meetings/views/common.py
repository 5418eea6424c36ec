"""What the meeting views share: the permission to plan a meeting, an agenda item
looked up through its meeting, and the way back after a change."""

from django.shortcuts import get_object_or_404, redirect

CHANGE = "meetings.change_meeting"


def agenda_item_of(meeting, item_pk):
    return get_object_or_404(meeting.agenda.select_related("meeting"), pk=item_pk)


def back_to(meeting, item=None):
    """To the agenda item's page, or to the meeting's."""
    if item is None:
        return redirect(meeting)
    item.meeting = meeting
    return redirect(item)
