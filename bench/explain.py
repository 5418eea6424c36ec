"""The PostgreSQL plans of a page's queries (see README.md, "Plans").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/standort_bench_1234 \\
        .venv/bin/python bench/explain.py /bench/measures/ /bench/measures/1/

fetches each page once as the bench user (in this process, through Django's test
client, after one request to warm the caches), then runs every SELECT it made again
under `EXPLAIN (ANALYZE, BUFFERS)` and prints the slowest ones (planning and execution
time) with their plans. The
database is one the bench generated and kept (`bench/run.py --generate-only`).
"""

import argparse
import os
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.databases import configure_environment, is_postgres  # noqa: E402


def explain(path, user, *, top, cold=False, headers=None):
    """(planning + execution ms, sql, plan) of the `top` slowest SELECTs of GET `path`;
    `cold`: with an empty cache, as after a change that invalidates it; `headers`: sent
    with both requests (an API token)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers=headers)
    client.force_login(user)
    client.get(path)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path}: status {response.status_code}")
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            lines = [row[0] for row in cursor.fetchall()]
            # Planning counts as much as executing: Django does not prepare statements,
            # so the server plans every query of every request anew.
            took = sum(
                float(line.split(":")[1].split()[0])
                for line in lines
                if line.startswith(("Planning Time", "Execution Time"))
            )
            plans.append((took, sql, "\n".join(lines)))
    total = sum(took for took, _sql, _plan in plans)
    print(
        f"## GET {path}: {len(captured)} queries, {total:.2f} ms planning and executing "
        "the SELECTs\n"
    )
    return sorted(plans, key=lambda plan: plan[0], reverse=True)[:top]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="pages, such as /bench/measures/")
    parser.add_argument("--top", type=int, default=3, help="slowest queries shown per page")
    parser.add_argument("--cold", action="store_true", help="measure with an empty cache")
    parser.add_argument(
        "--token", action="store_true", help="API paths: with a read token of the bench user"
    )
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not is_postgres(url):
        parser.error("DATABASE_URL must name a PostgreSQL database the bench generated")
    configure_environment(
        url,
        ALLOWED_HOSTS="testserver",
        DEBUG="false",
        LOG_LEVEL="WARNING",
        # No collected static files needed: the plans are what matters here.
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    import django

    django.setup()
    from bench.databases import load_installation
    from standort.core.tenancy import across_initiatives

    # Finding the bench user reads across initiatives; the pages open their own scope.
    with across_initiatives():
        installation = load_installation()
    user, headers = installation.user, None
    if args.token:
        from bench.api import bearer, token

        headers = bearer(token(user, installation.bench))
    for path in args.paths:
        for took, sql, plan in explain(path, user, top=args.top, cold=args.cold, headers=headers):
            print(f"### {took:.2f} ms\n\n```sql\n{sql}\n```\n\n```\n{plan}\n```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
