"""The pages of one large initiative measured through the production server (see
README.md, "How it measures"): gunicorn with the bench's settings, one request at a
time, the figures read from each response's Server-Timing header."""

import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bench import api, oparl
from bench.databases import ROOT
from bench.transfer import FILTER_KIND
from bench.transfer import SEARCH as TRANSFER_SEARCH

TARGET_FACTOR = 4.0
SEARCH = "glasfaser"
# The transfer platform's need page, which ranks all offers for the need: its median
# on PostgreSQL, in absolute terms (issue 17).
NEED_PAGE_MS = 200
STATIC_ROOT = ROOT / "var" / "bench-static"

TIMING = re.compile(r"total;dur=([\d.]+), cpu;dur=([\d.]+)")
DB = re.compile(r'db;dur=([\d.]+);desc="(\d+) queries"')


@dataclass
class Page:
    name: str
    path: str
    small_path: str
    # Fetched without the bench user's session, as a visitor would.
    anonymous: bool = False
    # Sent with each request on the bench and on the small initiative (an API token).
    headers: dict = field(default_factory=dict)
    small_headers: dict = field(default_factory=dict)
    # The most its median may be, as a multiple of the floor's (some issues ask less);
    # None: no relative target.
    target: float | None = TARGET_FACTOR
    # The most its median may be in milliseconds, per database ("sqlite",
    # "postgresql"), where an issue asks that in absolute terms.
    ceilings: dict = field(default_factory=dict)
    totals: list = field(default_factory=list)
    cpu: list = field(default_factory=list)
    db: list = field(default_factory=list)
    queries: list = field(default_factory=list)
    client: list = field(default_factory=list)
    small_queries: list = field(default_factory=list)

    @property
    def median(self):
        return statistics.median(self.totals)

    @property
    def p95(self):
        return statistics.quantiles(self.totals, n=20, method="inclusive")[18]


def server_environment():
    env = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SITE_URL": "http://127.0.0.1",
        "STATIC_ROOT": str(STATIC_ROOT),
        "EMAIL_URL": "consolemail://",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "LOG_LEVEL": "WARNING",
    }
    # The production static storage (manifest + compression), whatever the caller set.
    os.environ.pop("STATICFILES_BACKEND", None)
    return env


def sign_in(user):
    """A session for `user`, as a successful sign-in would store it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path, session_key, headers=None):
    """One GET on a fresh connection (gunicorn's sync workers do not keep connections
    alive), without a session when `session_key` is None, with `headers`. Returns
    (total ms, cpu ms, db ms, queries, client ms) from Server-Timing."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = dict(headers or {})
    if session_key:
        headers["Cookie"] = f"sessionid={session_key}"
    try:
        start = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        client_ms = (time.perf_counter() - start) * 1000
    finally:
        connection.close()
    header = response.getheader("Server-Timing") or ""
    total, db = TIMING.search(header), DB.search(header)
    if response.status != 200 or not total or not db:
        raise RuntimeError(
            f"GET {path}: status {response.status}, Server-Timing {header!r} "
            f"(is the session valid, the server on bench.settings?)"
        )
    return (
        float(total.group(1)),
        float(total.group(2)),
        float(db.group(1)),
        int(db.group(2)),
        client_ms,
    )


def start_server(port, log_file, environment=None):
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log = log_file.open("w")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "standort.wsgi",
        "--pythonpath",
        "src,.",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
    ]
    if _gunicorn_has_option("--no-control-socket"):
        # Newer gunicorns listen on a control socket in ~/.gunicorn; the bench server
        # must not take it from another server on the machine.
        command.append("--no-control-socket")
    # Its own session: Ctrl-C reaches only this script, which then stops the server.
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=os.environ.copy() if environment is None else environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {server.returncode}); see {log_file}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                return server
            connection.close()
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"the server did not answer within 30 s; see {log_file}")


def _gunicorn_has_option(option):
    from gunicorn.config import KNOWN_SETTINGS

    return any(option in (setting.cli or []) for setting in KNOWN_SETTINGS)


def stop_server(server):
    if server.poll() is None:
        server.terminate()  # gunicorn: graceful shutdown of master and workers
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _side_by_side(port, path, session_key, headers):
    """The query counts of two GETs at once: while one of the server's two workers
    answers the first, the other takes the second. So each keeps a page in its own
    cache (a process's memory) before the measuring, not just the one that happened to
    be free during the warm-up."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = pool.map(lambda _n: fetch(port, path, session_key, headers), range(2))
        return [queries for _total, _cpu, _db, queries, _client in answers]


def measure(port, session_key, pages, *, requests, warmup, small_requests):
    """Round-robin over the pages, one request each per round, so that whatever else
    runs on the machine disturbs every page alike."""
    for page in pages:
        key = None if page.anonymous else session_key
        for _n in range(warmup):
            _side_by_side(port, page.path, key, page.headers)
            # Counted too: a page that keeps a part in the cache renders it on its first
            # visit, and so again on the large initiative whenever the part expires.
            page.small_queries.extend(_side_by_side(port, page.small_path, key, page.small_headers))
        for _n in range(small_requests):
            page.small_queries.append(fetch(port, page.small_path, key, page.small_headers)[3])
    for round_ in range(requests):
        for page in pages:
            key = None if page.anonymous else session_key
            total, cpu, db, queries, client = fetch(port, page.path, key, page.headers)
            page.totals.append(total)
            page.cpu.append(cpu)
            page.db.append(db)
            page.queries.append(queries)
            page.client.append(client)
        if (round_ + 1) % 50 == 0:
            print(f"  {round_ + 1} of {requests} rounds", flush=True)


def _count(values):
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}–{high}"


def report(pages, floor, database):
    """The table's lines and each page's verdict; `database` ("sqlite" or
    "postgresql") picks the pages' absolute targets."""
    lines = [
        "| page | median ms | p95 ms | CPU median ms | SQL median ms | queries "
        "| queries (small) | × floor median | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    verdicts = []
    for page in pages:
        factor = page.median / floor.median
        problems, notes = [], []
        if page is not floor and page.target is not None and factor > page.target:
            problems.append(f"{factor:.1f}× floor > {page.target:g}×")
        ceiling = page.ceilings.get(database)
        if ceiling is not None and page.median > ceiling:
            problems.append(f"median {page.median:.0f} ms > {ceiling:g} ms")
        elif ceiling is None and page.target is None:
            notes.append(
                "no target here; "
                + ", ".join(f"under {ms:g} ms on {name}" for name, ms in page.ceilings.items())
            )
        large, small = _count(page.queries), _count(page.small_queries)
        if max(page.queries) > max(page.small_queries):
            problems.append(f"queries grow with data ({small} small → {large} large)")
        elif large != small:
            notes.append(f"queries differ, but do not grow ({small} small, {large} large)")
        if problems:
            verdict = "MISSED: " + "; ".join(problems + notes)
        else:
            verdict = "; ".join(["floor" if page is floor else "OK"] + notes)
        verdicts.append((page, verdict))
        lines.append(
            f"| {page.name} `{page.path}` | {page.median:.2f} | {page.p95:.2f} "
            f"| {statistics.median(page.cpu):.2f} | {statistics.median(page.db):.2f} "
            f"| {large} | {small} | {factor:.2f} | {verdict} |"
        )
    return lines, verdicts


def pages_of(installation):
    """The measured pages, the floor first: each on the bench and the small initiative."""
    bench, small = installation.bench.slug, installation.small.slug
    return [
        Page("floor", f"/{bench}/bench-floor/", f"/{small}/bench-floor/"),
        Page("dashboard", f"/{bench}/", f"/{small}/"),
        Page("public page", f"/{bench}/", f"/{small}/", anonymous=True, target=3),
        Page(
            "public page, filtered",
            f"/{bench}/?status=in_progress&q={SEARCH}",
            f"/{small}/?status=in_progress&q={SEARCH}",
            anonymous=True,
        ),
        Page(
            "public measure page",
            f"/{bench}/measures/{installation.bench_public_measure}/",
            f"/{small}/measures/{installation.small_public_measure}/",
            anonymous=True,
        ),
        Page(
            "body",
            f"/{bench}/bodies/{installation.bench_body.pk}/",
            f"/{small}/bodies/{installation.small_body.pk}/",
        ),
        Page("people", f"/{bench}/people/", f"/{small}/people/"),
        Page("organisations", f"/{bench}/organizations/", f"/{small}/organizations/"),
        Page("measures", f"/{bench}/measures/", f"/{small}/measures/"),
        Page(
            "measures, text search",
            f"/{bench}/measures/?q={SEARCH}",
            f"/{small}/measures/?q={SEARCH}",
        ),
        Page(
            "measure",
            f"/{bench}/measures/{installation.bench_measure}/",
            f"/{small}/measures/{installation.small_measure}/",
        ),
        Page("meetings, past", f"/{bench}/meetings/?when=past", f"/{small}/meetings/?when=past"),
        Page(
            "meeting",
            f"/{bench}/meetings/{installation.bench_meeting}/",
            f"/{small}/meetings/{installation.small_meeting}/",
        ),
        Page(
            "ideas",
            f"/{bench}/bodies/{installation.bench_body.pk}/ideas/",
            f"/{small}/bodies/{installation.small_body.pk}/ideas/",
        ),
        Page(
            "idea",
            f"/{bench}/ideas/{installation.bench_idea}/",
            f"/{small}/ideas/{installation.small_idea}/",
        ),
        Page("indicators", f"/{bench}/indicators/", f"/{small}/indicators/"),
        Page(
            "indicator, 200 values",
            f"/{bench}/indicators/{installation.bench_indicator}/",
            f"/{small}/indicators/{installation.small_indicator}/",
        ),
        Page(
            "goal",
            f"/{bench}/goals/{installation.bench_goal}/",
            f"/{small}/goals/{installation.small_goal}/",
        ),
        Page("industrial areas, map", f"/{bench}/areas/", f"/{small}/areas/"),
        Page(
            "survey results, 10,000 answers",
            f"/{bench}/surveys/{installation.bench_survey}/results/",
            f"/{small}/surveys/{installation.small_survey}/results/",
        ),
        Page(
            "survey results of a group",
            f"/{bench}/surveys/{installation.bench_survey}/results/?sector=C&size=small",
            f"/{small}/surveys/{installation.small_survey}/results/?sector=C&size=small",
        ),
        Page("reports", f"/{bench}/reports/", f"/{small}/reports/"),
        Page(
            "comparison of two reviews",
            _compare(bench, installation.bench_reviews[0], installation.bench_reviews[1]),
            _compare(small, installation.small_reviews[0], installation.small_reviews[1]),
            target=3,
        ),
        Page(
            "comparison, review and today",
            _compare(bench, installation.bench_reviews[1], None),
            _compare(small, installation.small_reviews[1], None),
            target=3,
        ),
        Page("transfer catalogue", f"/{bench}/transfer/", f"/{small}/transfer/"),
        Page(
            "transfer catalogue, filtered",
            f"/{bench}/transfer/?topic={installation.bench_transfer_topic}&kind={FILTER_KIND}",
            f"/{small}/transfer/?topic={installation.small_transfer_topic}&kind={FILTER_KIND}",
        ),
        Page(
            "transfer catalogue, text search",
            f"/{bench}/transfer/?q={TRANSFER_SEARCH}",
            f"/{small}/transfer/?q={TRANSFER_SEARCH}",
        ),
        Page(
            "need with suggestions among 20,000 offers",
            f"/{bench}/transfer/needs/{installation.bench_need}/",
            f"/{small}/transfer/needs/{installation.small_need}/",
            target=None,
            ceilings={"postgresql": NEED_PAGE_MS},
        ),
        # OParl's paper list and the API's measures: at most 3× the floor's median
        # (issue 18).
        *oparl.pages(installation, Page),
        *api.api_pages(installation, Page),
    ]


def _compare(slug, before, after):
    later = f"review-{after}" if after else "now"
    return f"/{slug}/reports/compare/?before=review-{before}&after={later}"
