"""The JSON API under /api/: its version 1 and the page for people. A signed-in
user's token pages are under /accounts/ (see accounts_urlpatterns)."""

from django.urls import path

from . import views
from .v1 import api

urlpatterns = [
    path("", views.api_guide, name="api_guide"),
    path("v1/", api.urls),
]

accounts_urlpatterns = [
    path("api-tokens/", views.token_list, name="api_tokens"),
    path("api-tokens/new/", views.token_create, name="api_token_create"),
    path("api-tokens/<int:pk>/revoke/", views.token_revoke, name="api_token_revoke"),
]
