from django.urls import path

from . import views

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("feed/", views.calendar_feed, name="meeting_calendar_feed"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>.ics", views.meeting_calendar, name="meeting_calendar"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/invite/", views.meeting_invite, name="meeting_invite"),
    path("<int:pk>/remind/", views.meeting_remind, name="meeting_remind"),
    path("<int:pk>/answer/", views.meeting_answer, name="meeting_answer"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/attendance/", views.attendance_edit, name="meeting_attendance"),
    path("<int:pk>/minutes/circulate/", views.minutes_circulate, name="minutes_circulate"),
    path("<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("<int:pk>/minutes.pdf", views.minutes_download, name="minutes_download"),
    path("<int:pk>/agenda/new/", views.agenda_item_create, name="agenda_item_create"),
    path("<int:pk>/agenda/<int:item_pk>/", views.agenda_item_detail, name="agenda_item_detail"),
    path("<int:pk>/agenda/<int:item_pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path(
        "<int:pk>/agenda/<int:item_pk>/delete/",
        views.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path("<int:pk>/agenda/<int:item_pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path(
        "<int:pk>/agenda/<int:item_pk>/files/new/",
        views.agenda_attachment_upload,
        name="agenda_attachment_upload",
    ),
    path(
        "<int:pk>/agenda/<int:item_pk>/decisions/new/",
        views.decision_create,
        name="decision_create",
    ),
    path(
        "<int:pk>/agenda/<int:item_pk>/actions/new/",
        views.action_item_create,
        name="action_item_create",
    ),
    path(
        "<int:pk>/files/<int:attachment_pk>/",
        views.agenda_attachment_download,
        name="agenda_attachment_download",
    ),
    path(
        "<int:pk>/files/<int:attachment_pk>/delete/",
        views.agenda_attachment_delete,
        name="agenda_attachment_delete",
    ),
    path(
        "<int:pk>/decisions/<int:decision_pk>/delete/",
        views.decision_delete,
        name="decision_delete",
    ),
    path(
        "<int:pk>/decisions/<int:decision_pk>/measure/",
        views.decision_to_measure,
        name="decision_to_measure",
    ),
    path(
        "<int:pk>/actions/<int:action_pk>/delete/",
        views.action_item_delete,
        name="action_item_delete",
    ),
    path("<int:pk>/actions/<int:action_pk>/done/", views.action_item_done, name="action_item_done"),
]
