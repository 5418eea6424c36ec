from django.urls import path

from . import views

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>.ics", views.meeting_calendar, name="meeting_calendar"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/invite/", views.meeting_invite, name="meeting_invite"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/agenda/new/", views.agenda_item_create, name="agenda_item_create"),
    path(
        "<int:pk>/agenda/<int:item_pk>/delete/",
        views.agenda_item_delete,
        name="agenda_item_delete",
    ),
]
