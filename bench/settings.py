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

# The bench asks each page hundreds of times a minute from one client.
API_RATE_PUBLIC = "100000/m"
API_RATE_TOKEN = "100000/m"
