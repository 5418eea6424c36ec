from django.urls import path

from . import views

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("read/", views.notification_read_all, name="notification_read_all"),
    path("<int:pk>/", views.notification_open, name="notification_open"),
    path("settings/", views.notification_settings, name="notification_settings"),
]

# Under /<initiative_slug>/: what is followed is found in the initiative's scope.
initiative_urlpatterns = [
    path("follow/<str:target>/<int:pk>/", views.follow_toggle, name="follow_toggle"),
]
