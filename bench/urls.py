"""Standort's URLs and the bench floor page (bench/server.py)."""

from django.urls import path

from bench.server import floor
from standort.urls import urlpatterns as standort_urlpatterns

urlpatterns = [
    # Before the initiatives' catch-all, with `initiative_slug` like every initiative
    # page, so it passes through InitiativeMiddleware as they do.
    path("<slug:initiative_slug>/bench-floor/", floor, name="bench_floor"),
    *standort_urlpatterns,
]
