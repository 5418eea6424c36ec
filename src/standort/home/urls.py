from django.urls import path

from . import legal_urls, views

urlpatterns = [
    path("", views.initiative_home, name="initiative_home"),
    path("history/", views.initiative_history, name="initiative_history"),
    path("embed/", views.initiative_embed, name="initiative_embed"),
    *legal_urls.initiative_urlpatterns,
]
