"""The databases the bench runs on (see README.md): the SQLite file var/bench.sqlite3,
and with `DATABASE_URL=postgres://…` a scratch PostgreSQL database on that server,
created for the run and dropped after it.

One process serves one database: `configure_environment(url)` before Django is set up,
then `fresh_database()` (migrate and generate) or `load_installation()` (reuse)."""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from bench.generate import BENCH_EMAIL, BENCH_SLUG, SMALL_SLUG, Installation, Sizes, generate

ROOT = Path(__file__).resolve().parent.parent
SQLITE_FILE = ROOT / "var" / "bench.sqlite3"
SQLITE_URL = f"sqlite:///{SQLITE_FILE}"
SCRATCH_PREFIX = "standort_bench_"


def is_postgres(url):
    return urlsplit(url or "").scheme in ("postgres", "postgresql", "pgsql", "psql")


def database_name(url):
    """The database's name: the file of SQLite, the database of PostgreSQL."""
    path = urlsplit(url).path.lstrip("/")
    return path if is_postgres(url) else f"/{path}"


def configure_environment(url=SQLITE_URL, **extra):
    """The environment for Django in this process and for the bench server."""
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("SITE_URL", "http://127.0.0.1")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.update(extra)
    for path in (str(ROOT / "src"), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)


def _connect(url, dbname=None):
    """A psycopg connection in autocommit mode to the server of `url`, to `dbname` or
    to the database the URL names."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or None,
        port=parts.port or None,
        user=parts.username or None,
        password=parts.password or None,
        dbname=dbname or parts.path.lstrip("/") or "postgres",
        autocommit=True,
    )


def with_database(url, name):
    """`url` naming the database `name` instead."""
    return urlsplit(url)._replace(path=f"/{name}").geturl()


@contextmanager
def scratch_postgres(server_url, *, keep=False):
    """Creates the database standort_bench_<pid> on the server of `server_url` (which
    names any database we may connect to, such as `postgres`), yields its URL, and
    drops it afterwards unless `keep`."""
    from psycopg import sql

    name = f"{SCRATCH_PREFIX}{os.getpid()}"
    with _connect(server_url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(server_url, name)
    finally:
        if keep:
            print(f"Kept the PostgreSQL database {name}.", flush=True)
        else:
            with _connect(server_url) as connection:
                # FORCE ends connections a stopped server may have left behind.
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def describe(url):
    """The database for the report's heading."""
    if not is_postgres(url):
        path = Path(database_name(url))
        return f"SQLite, {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
    with _connect(url) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
    return f"PostgreSQL {version.split()[0]}, database {database_name(url)}"


def fresh_database(sizes=None, verbose=True):
    """Migrate the configured database anew (SQLite: delete the file first; PostgreSQL:
    the scratch database is new) and generate. Sets Django up."""
    import django
    from django.core.management import call_command

    url = os.environ["DATABASE_URL"]
    if not is_postgres(url):
        path = Path(database_name(url))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    django.setup()
    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter()
    installation = generate(sizes or Sizes())
    if is_postgres(url):
        _analyze()
    if verbose:
        print(
            f"Generated {describe(url)} (migrate {migrated - start:.1f} s, data "
            f"{time.perf_counter() - migrated:.1f} s): "
            + ", ".join(f"{name} {count}" for name, count in installation.counts.items()),
            flush=True,
        )
    return installation


def _analyze():
    """Statistics for the planner: autovacuum would gather them a while after the bulk
    inserts, a production database has them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def load_installation():
    """The Installation of an already generated database (for `run.py --no-generate`)."""
    from django.contrib.auth import get_user_model

    from bench.evidence import measured_goal, measured_indicator, measured_survey
    from bench.measures import measured_public_measure
    from bench.transfer import measured_transfer
    from standort.initiatives.models import Body, Initiative
    from standort.measures.models import Measure

    def measured(initiative):
        bodies = Body.objects.filter(initiative=initiative).order_by("position", "pk")
        return bodies.filter(kind=Body.Kind.WORKING_GROUP).first() or bodies.first()

    def measured_measure(initiative):
        parents = Measure.objects.filter(initiative=initiative, children__isnull=False)
        return parents.order_by("number").values_list("number", flat=True).first()

    def measured_meeting(initiative):
        from standort.meetings.models import Meeting

        meetings = Meeting.objects.filter(initiative=initiative, title__startswith="Große")
        return meetings.values_list("pk", flat=True).first() or 0

    def measured_idea(initiative):
        from django.db.models import Count

        from standort.dialog.models import Idea

        ideas = Idea.objects.filter(body__initiative=initiative).annotate(n=Count("comments"))
        return ideas.order_by("-n", "pk").values_list("pk", flat=True).first() or 0

    def closed_reviews(initiative):
        from standort.reviews.models import ReviewCycle

        closed = ReviewCycle.objects.filter(initiative=initiative, state=ReviewCycle.State.CLOSED)
        return tuple(closed.order_by("closed_at").values_list("pk", flat=True)[:2])

    bench = Initiative.objects.get(slug=BENCH_SLUG)
    small = Initiative.objects.get(slug=SMALL_SLUG)
    bench_topic, bench_need = measured_transfer(bench)
    small_topic, small_need = measured_transfer(small)
    return Installation(
        bench=bench,
        small=small,
        bench_body=measured(bench),
        small_body=measured(small),
        user=get_user_model().objects.get(email=BENCH_EMAIL),
        bench_measure=measured_measure(bench),
        small_measure=measured_measure(small),
        bench_public_measure=measured_public_measure(bench),
        small_public_measure=measured_public_measure(small),
        bench_meeting=measured_meeting(bench),
        small_meeting=measured_meeting(small),
        bench_idea=measured_idea(bench),
        small_idea=measured_idea(small),
        bench_reviews=closed_reviews(bench),
        small_reviews=closed_reviews(small),
        bench_goal=measured_goal(bench),
        small_goal=measured_goal(small),
        bench_indicator=measured_indicator(bench),
        small_indicator=measured_indicator(small),
        bench_survey=measured_survey(bench),
        small_survey=measured_survey(small),
        bench_transfer_topic=bench_topic,
        small_transfer_topic=small_topic,
        bench_need=bench_need,
        small_need=small_need,
    )
