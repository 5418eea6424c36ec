from django.urls import path

from . import views

urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("new/", views.survey_create, name="survey_create"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/delete/", views.survey_delete, name="survey_delete"),
    path("<int:pk>/wave/", views.survey_wave, name="survey_wave"),
    path("<int:pk>/open/", views.survey_state, {"action": "open"}, name="survey_open"),
    path("<int:pk>/close/", views.survey_state, {"action": "close"}, name="survey_close"),
    path("<int:pk>/sections/new/", views.section_create, name="section_create"),
    path("<int:pk>/sections/<int:section_pk>/edit/", views.section_edit, name="section_edit"),
    path(
        "<int:pk>/sections/<int:section_pk>/delete/",
        views.section_delete,
        name="section_delete",
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/questions/new/",
        views.question_create,
        name="question_create",
    ),
    path("<int:pk>/questions/<int:question_pk>/edit/", views.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/recipients/", views.survey_recipients, name="survey_recipients"),
    path(
        "<int:pk>/recipients/<int:recipient_pk>/remove/",
        views.recipient_remove,
        name="recipient_remove",
    ),
    path(
        "<int:pk>/recipients/invite/",
        views.survey_invite,
        {"action": "invite"},
        name="survey_invite",
    ),
    path(
        "<int:pk>/recipients/remind/",
        views.survey_invite,
        {"action": "remind"},
        name="survey_remind",
    ),
    path("<int:pk>/open-link/", views.survey_open_link, name="survey_open_link"),
    path("<int:pk>/results/", views.survey_results, name="survey_results"),
    path("<int:pk>/results.pdf", views.survey_results_pdf, name="survey_results_pdf"),
    path(
        "<int:pk>/answers.<str:file_format>",
        views.survey_answers_export,
        name="survey_answers_export",
    ),
    path("<int:pk>/compare/", views.survey_compare, name="survey_compare"),
    path("<int:pk>/publish/", views.survey_publish, name="survey_publish"),
]
