"""Included at the initiative's root (`/<slug>/`): the ideas hang on their body, the
comment forms on their measure, agenda item or idea."""

from django.urls import path

from . import views

urlpatterns = [
    path("bodies/<int:body_pk>/ideas/", views.idea_list, name="idea_list"),
    path("bodies/<int:body_pk>/ideas/new/", views.idea_create, name="idea_create"),
    path("ideas/<int:pk>/", views.idea_detail, name="idea_detail"),
    path("ideas/<int:pk>/edit/", views.idea_edit, name="idea_edit"),
    path("ideas/<int:pk>/support/", views.idea_support, name="idea_support"),
    path("ideas/<int:pk>/measure/", views.idea_to_measure, name="idea_to_measure"),
    path("ideas/<int:pk>/comments/", views.idea_comment, name="idea_comment"),
    path("measures/<int:number>/comments/", views.measure_comment, name="measure_comment"),
    path(
        "meetings/<int:meeting_pk>/agenda/<int:item_pk>/comments/",
        views.agenda_item_comment,
        name="agenda_item_comment",
    ),
    path("comments/<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="comment_hide"),
    path("comments/<int:pk>/unhide/", views.comment_unhide, name="comment_unhide"),
]
