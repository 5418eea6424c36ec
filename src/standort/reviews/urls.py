from django.urls import path

from . import views

urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("new/", views.review_create, name="review_create"),
    path("<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("<int:pk>/delete/", views.review_delete, name="review_delete"),
    path("<int:pk>/launch/", views.review_launch, name="review_launch"),
    path("<int:pk>/close/", views.review_close, name="review_close"),
    path("<int:pk>/accept/", views.review_accept_all, name="review_accept_all"),
    path("<int:pk>/requests/<int:request_pk>/resend/", views.request_resend, name="request_resend"),
    path("<int:pk>/requests/<int:request_pk>/revoke/", views.request_revoke, name="request_revoke"),
    path("<int:pk>/answers/<int:answer_pk>/", views.answer_detail, name="answer_detail"),
    path("<int:pk>/answers/<int:answer_pk>/edit/", views.answer_edit, name="answer_edit"),
    path("<int:pk>/answers/<int:answer_pk>/return/", views.answer_return, name="answer_return"),
    path("<int:pk>/answers/<int:answer_pk>/accept/", views.answer_accept, name="answer_accept"),
]
