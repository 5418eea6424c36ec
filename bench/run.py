"""`make bench`: generate a large installation, start the production server on it and
measure the main pages of one large initiative against the floor page (see README.md).

The exit code is 0 also when a target is missed: this is a report, not a gate.
"""

import argparse
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
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.digest_timings import time_digest  # noqa: E402
from bench.generate import DEFAULT_DATABASE, ROOT, configure_environment  # noqa: E402
from bench.review_timings import time_reviews  # noqa: E402

TARGET_FACTOR = 4.0
EXCHANGE_TARGET_S = 5.0
IMPORT_ROWS = 1_000
SEARCH = "glasfaser"
LOG_FILE = ROOT / "var" / "bench-server.log"
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


def fetch(port, path, session_key):
    """One GET on a fresh connection (gunicorn's sync workers do not keep connections
    alive), without a session when `session_key` is None. Returns (total ms, cpu ms,
    db ms, queries, client ms) from Server-Timing."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": f"sessionid={session_key}"} if session_key else {}
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


def start_server(port):
    LOG_FILE.parent.mkdir(parents=True, exist_ok=True)
    log = LOG_FILE.open("w")
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
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {server.returncode}); see {LOG_FILE}")
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
    raise RuntimeError(f"the server did not answer within 30 s; see {LOG_FILE}")


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


def measure(port, session_key, pages, *, requests, warmup, small_requests):
    """Round-robin over the pages, one request each per round, so that whatever else
    runs on the machine disturbs every page alike."""
    for page in pages:
        key = None if page.anonymous else session_key
        for _n in range(warmup):
            fetch(port, page.path, key)
            fetch(port, page.small_path, key)
        for _n in range(small_requests):
            page.small_queries.append(fetch(port, page.small_path, key)[3])
    for round_ in range(requests):
        for page in pages:
            key = None if page.anonymous else session_key
            total, cpu, db, queries, client = fetch(port, page.path, key)
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


def report(pages, floor):
    lines = [
        "| page | median ms | p95 ms | CPU median ms | SQL median ms | queries "
        "| queries (small) | × floor median | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    verdicts = []
    for page in pages:
        factor = page.median / floor.median
        problems, notes = [], []
        if page is not floor and factor > TARGET_FACTOR:
            problems.append(f"{factor:.1f}× floor > {TARGET_FACTOR:g}×")
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


def renumbered_export(initiative, count, first_number):
    """An XLSX of `count` measures of `initiative` as the export writes them, renumbered
    from `first_number` on, so importing it creates `count` new measures."""
    import io

    from openpyxl import load_workbook

    from standort.measures import exchange, queries

    measures = queries.measures_for(initiative).filter(parent=None).order_by("number")
    content = exchange.write_xlsx(initiative, measures[:count])
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    for offset, row in enumerate(sheet.iter_rows(min_row=2, max_col=1)):
        row[0].value = first_number + offset
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def time_exchange(installation, import_rows=IMPORT_ROWS):
    """Export of the whole catalogue to XLSX, and read + apply of an import of
    `import_rows` new measures, timed here in-process. Returns (lines, missed)."""
    from django.db import transaction
    from django.db.models import Max

    from standort.measures import exchange, queries
    from standort.measures.models import Measure

    bench = installation.bench
    measures = queries.measures_for(bench)
    count = measures.count()
    start = time.perf_counter()
    content = exchange.write_xlsx(bench, measures)
    export_s = time.perf_counter() - start
    print(f"  export: {count} rows, {len(content) // 1024} KiB, {export_s:.2f} s", flush=True)

    top = Measure.objects.filter(initiative=bench).aggregate(n=Max("number"))["n"]
    upload = renumbered_export(bench, import_rows, top + 1)
    # Rolled back afterwards, so `--no-generate` measures the same catalogue again.
    with transaction.atomic():
        start = time.perf_counter()
        plan = exchange.read(bench, "massnahmen.xlsx", upload)
        read_s = time.perf_counter() - start
        if plan.errors:
            raise RuntimeError(f"the import file has errors: {plan.errors[:5]}")
        start = time.perf_counter()
        exchange.apply(installation.user, bench, plan)
        apply_s = time.perf_counter() - start
        created = Measure.objects.filter(initiative=bench, number__gt=top).count()
        transaction.set_rollback(True)
    print(
        f"  import: {len(plan.creates)} new rows, read {read_s:.2f} s, apply {apply_s:.2f} s",
        flush=True,
    )
    rows = [
        (f"XLSX export, {count} rows", export_s),
        (f"XLSX import, {created} new rows (read + apply)", read_s + apply_s),
    ]
    lines = ["| exchange (in-process) | seconds | target | verdict |", "|---|---:|---:|---|"]
    missed = []
    for name, seconds in rows:
        verdict = "OK" if seconds < EXCHANGE_TARGET_S else "MISSED"
        if verdict == "MISSED":
            missed.append(f"{name}: {seconds:.2f} s ≥ {EXCHANGE_TARGET_S:g} s")
        lines.append(f"| {name} | {seconds:.2f} | < {EXCHANGE_TARGET_S:g} | {verdict} |")
    if created != import_rows:
        missed.append(f"the import created {created} measures, not {import_rows}")
    return lines, missed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up requests per page")
    parser.add_argument(
        "--no-generate", action="store_true", help="reuse var/bench.sqlite3 as it is"
    )
    args = parser.parse_args(argv)

    # SIGTERM ends the run like Ctrl-C, so the server is stopped either way.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))

    configure_environment(DEFAULT_DATABASE, **server_environment())
    import django
    from django.core.management import call_command
    from django.db import connections

    from bench.generate import fresh_database, load_installation

    started = time.perf_counter()
    if args.no_generate:
        django.setup()
        installation = load_installation()
    else:
        installation = fresh_database(DEFAULT_DATABASE)
    call_command("collectstatic", interactive=False, verbosity=0)
    from standort.initiatives.models import Body, Membership, Person
    from standort.measures.models import Measure, Milestone

    session_key = sign_in(installation.user)
    bench, small = installation.bench.slug, installation.small.slug
    pages = [
        Page("floor", f"/{bench}/bench-floor/", f"/{small}/bench-floor/"),
        Page("dashboard", f"/{bench}/", f"/{small}/"),
        Page("public page", f"/{bench}/", f"/{small}/", anonymous=True),
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
    ]
    summary = (
        f"Installation: {Person.objects.count()} persons, {Body.objects.count()} bodies, "
        f"{Membership.objects.count()} memberships. Bench initiative `{bench}`: "
        f"{installation.bench.people.count()} persons, {installation.bench.bodies.count()} "
        f"bodies; the measured body has {installation.bench_body.memberships.count()} members. "
        f"Small initiative `{small}`: {installation.small.people.count()} persons, "
        f"{installation.small.bodies.count()} bodies. Measures on `{bench}`: "
        f"{Measure.objects.filter(initiative=installation.bench).count()}, milestones "
        f"{Milestone.objects.filter(measure__initiative=installation.bench).count()}; "
        f"on `{small}`: {Measure.objects.filter(initiative=installation.small).count()}."
    )
    connections.close_all()
    print(f"Prepared in {time.perf_counter() - started:.1f} s.", flush=True)

    port = free_port()
    server = start_server(port)
    try:
        print(
            f"Server: gunicorn, 2 workers, 127.0.0.1:{port}, DEBUG=false "
            f"(log {LOG_FILE.relative_to(ROOT)}). {args.requests} requests per page "
            f"after {args.warmup} warm-up, round-robin:",
            flush=True,
        )
        measure(
            port,
            session_key,
            pages,
            requests=args.requests,
            warmup=args.warmup,
            small_requests=5,
        )
    finally:
        stop_server(server)

    print("Exchange, in this process (not through the server):", flush=True)
    try:
        exchange_lines, exchange_missed = time_exchange(installation)
    except Exception as error:  # a report, not a gate: the page figures still count
        exchange_lines = [f"Exchange timing failed: {type(error).__name__}: {error}"]
        exchange_missed = ["exchange: " + exchange_lines[0]]

    print("Status reviews, in this process:", flush=True)
    try:
        review_lines, review_missed = time_reviews(installation)
    except Exception as error:  # a report, not a gate: the page figures still count
        review_lines = [f"Review timing failed: {type(error).__name__}: {error}"]
        review_missed = ["reviews: " + review_lines[0]]

    print("Daily digest, in this process:", flush=True)
    try:
        digest_lines, digest_missed = time_digest(installation)
    except Exception as error:  # a report, not a gate: the page figures still count
        digest_lines = [f"Digest timing failed: {type(error).__name__}: {error}"]
        digest_missed = ["digest: " + digest_lines[0]]

    floor = pages[0]
    lines, verdicts = report(pages, floor)
    print()
    print(summary)
    print(
        "Times from the Server-Timing header: inside Django, all middleware included; "
        "CPU = the worker thread's CPU time."
    )
    print()
    print("\n".join(lines))
    print()
    print(
        f"Targets: median at most {TARGET_FACTOR:g}× the floor's median; the query count "
        f"on the large `{bench}` not higher than on the small `{small}` initiative."
    )
    print()
    print("\n".join(exchange_lines))
    print()
    print("\n".join(review_lines))
    print()
    print("\n".join(digest_lines))
    print()
    missed = [(page, verdict) for page, verdict in verdicts if verdict.startswith("MISSED")]
    for page, verdict in missed:
        print(f"MISSED {page.name}: {verdict.removeprefix('MISSED: ')}")
    for line in exchange_missed + review_missed + digest_missed:
        print(f"MISSED {line}")
    if not missed and not exchange_missed and not review_missed and not digest_missed:
        print("All targets met.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        sys.exit(130)
