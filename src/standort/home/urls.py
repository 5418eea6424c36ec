from django.urls import path

from . import views

urlpatterns = [
    path("", views.initiative_home, name="initiative_home"),
    path("history/", views.initiative_history, name="initiative_history"),
    path("embed/", views.initiative_embed, name="initiative_embed"),
]
