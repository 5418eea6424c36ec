"""Settings of the bench server (`make bench`): Standort's settings, plus the
Server-Timing middleware outermost and the URLs with the floor page (bench/server.py).
Production never loads this module."""

from standort.settings import *  # noqa: F403
from standort.settings import BASE_DIR, MIDDLEWARE, TEMPLATES

MIDDLEWARE = ["bench.server.ServerTimingMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "bench.urls"
TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]},
    *TEMPLATES[1:],
]
