from django.urls import path

from . import views

urlpatterns = [
    path("goals/", views.goal_list, name="goal_list"),
    path("goals/new/", views.goal_create, name="goal_create"),
    path("goals/<int:pk>/", views.goal_detail, name="goal_detail"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("goals/<int:pk>/history/", views.goal_history, name="goal_history"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/import/", views.observations_import, name="observations_import"),
    path(
        "indicators/import/vorlage.csv",
        views.observations_template,
        name="observations_template",
    ),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path("indicators/<int:pk>/history/", views.indicator_history, name="indicator_history"),
    path("indicators/<int:pk>/values/new/", views.observation_create, name="observation_create"),
    path(
        "indicators/<int:pk>/values/<int:value_pk>/edit/",
        views.observation_edit,
        name="observation_edit",
    ),
    path(
        "indicators/<int:pk>/values/<int:value_pk>/delete/",
        views.observation_delete,
        name="observation_delete",
    ),
    path("areas/", views.site_list, name="site_list"),
    path("areas/new/", views.site_create, name="site_create"),
    path("areas/import/", views.sites_import, name="sites_import"),
    path("areas/<int:pk>/", views.site_detail, name="site_detail"),
    path("areas/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path("areas/<int:pk>/delete/", views.site_delete, name="site_delete"),
    path("areas/<int:pk>/history/", views.site_history, name="site_history"),
]
