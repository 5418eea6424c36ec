from django.urls import path

from .views import agenda, links, meetings, minutes

urlpatterns = [
    path("", meetings.meeting_list, name="meeting_list"),
    path("new/", meetings.meeting_create, name="meeting_create"),
    path("feed/", links.calendar_feed, name="meeting_calendar_feed"),
    path("<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("<int:pk>.ics", meetings.meeting_calendar, name="meeting_calendar"),
    path("<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("<int:pk>/invite/", meetings.meeting_invite, name="meeting_invite"),
    path("<int:pk>/remind/", meetings.meeting_remind, name="meeting_remind"),
    path("<int:pk>/answer/", meetings.meeting_answer, name="meeting_answer"),
    path("<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/attendance/", minutes.attendance_edit, name="meeting_attendance"),
    path("<int:pk>/minutes/circulate/", minutes.minutes_circulate, name="minutes_circulate"),
    path("<int:pk>/minutes/approve/", minutes.minutes_approve, name="minutes_approve"),
    path("<int:pk>/minutes.pdf", minutes.minutes_download, name="minutes_download"),
    path(
        "<int:pk>/public-minutes.pdf",
        minutes.public_minutes_download,
        name="public_minutes_download",
    ),
    path("<int:pk>/agenda/new/", agenda.agenda_item_create, name="agenda_item_create"),
    path("<int:pk>/agenda/<int:item_pk>/", meetings.agenda_item_detail, name="agenda_item_detail"),
    path("<int:pk>/agenda/<int:item_pk>/edit/", agenda.agenda_item_edit, name="agenda_item_edit"),
    path(
        "<int:pk>/agenda/<int:item_pk>/delete/",
        agenda.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path("<int:pk>/agenda/<int:item_pk>/minutes/", minutes.minutes_edit, name="minutes_edit"),
    path(
        "<int:pk>/agenda/<int:item_pk>/files/new/",
        agenda.agenda_attachment_upload,
        name="agenda_attachment_upload",
    ),
    path(
        "<int:pk>/agenda/<int:item_pk>/decisions/new/",
        minutes.decision_create,
        name="decision_create",
    ),
    path(
        "<int:pk>/agenda/<int:item_pk>/actions/new/",
        minutes.action_item_create,
        name="action_item_create",
    ),
    path(
        "<int:pk>/files/<int:attachment_pk>/",
        agenda.agenda_attachment_download,
        name="agenda_attachment_download",
    ),
    path(
        "<int:pk>/files/<int:attachment_pk>/delete/",
        agenda.agenda_attachment_delete,
        name="agenda_attachment_delete",
    ),
    path(
        "<int:pk>/decisions/<int:decision_pk>/delete/",
        minutes.decision_delete,
        name="decision_delete",
    ),
    path(
        "<int:pk>/decisions/<int:decision_pk>/measure/",
        minutes.decision_to_measure,
        name="decision_to_measure",
    ),
    path(
        "<int:pk>/actions/<int:action_pk>/delete/",
        minutes.action_item_delete,
        name="action_item_delete",
    ),
    path(
        "<int:pk>/actions/<int:action_pk>/done/", minutes.action_item_done, name="action_item_done"
    ),
]
