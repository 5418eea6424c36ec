from django.urls import path

from . import feeds, legal_urls, views

urlpatterns = [
    path("", views.initiative_home, name="initiative_home"),
    path("history/", views.initiative_history, name="initiative_history"),
    path("embed/", views.initiative_embed, name="initiative_embed"),
    path("feed/", feeds.initiative_feed, name="initiative_feed"),
    *legal_urls.initiative_urlpatterns,
]
