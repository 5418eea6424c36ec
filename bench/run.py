"""`make bench`: generate a large installation, start the production server on it and
measure the main pages of one large initiative against the floor page (see README.md):
on SQLite, and with `DATABASE_URL=postgres://…` also on PostgreSQL, in a scratch
database created for the run and dropped after it.

Each database is measured in a process of its own (`--database URL`), since Django is
set up once per process; this process prints the reports, SQLite first.
The exit code is 0 also when a target is missed: this is a report, not a gate.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.asof_timings import time_plan  # noqa: E402
from bench.databases import (  # noqa: E402
    ROOT,
    SQLITE_URL,
    configure_environment,
    describe,
    is_postgres,
    scratch_postgres,
)
from bench.digest_timings import time_digest  # noqa: E402
from bench.exchange_timings import time_exchange  # noqa: E402
from bench.oparl import time_crawl  # noqa: E402
from bench.pages import (  # noqa: E402
    NEED_PAGE_MS,
    TARGET_FACTOR,
    free_port,
    measure,
    pages_of,
    report,
    server_environment,
    sign_in,
    start_server,
    stop_server,
)
from bench.review_timings import time_reviews  # noqa: E402
from bench.throughput import time_throughput  # noqa: E402


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up requests per page")
    parser.add_argument(
        "--no-generate",
        action="store_true",
        help="reuse var/bench.sqlite3 and the PostgreSQL database DATABASE_URL names, "
        "as they are (one kept with --keep)",
    )
    parser.add_argument(
        "--generate-only", action="store_true", help="generate, measure nothing (implies --keep)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL scratch database")
    parser.add_argument(
        "--only",
        choices=["sqlite", "postgresql"],
        help="one of the two databases (postgresql: the one DATABASE_URL names)",
    )
    parser.add_argument(
        "--pages-only", action="store_true", help="the pages, not the in-process timings"
    )
    # Used by this script for the process that measures one database.
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = arguments(argv)
    # SIGTERM ends the run like Ctrl-C, so servers are stopped and scratch databases
    # dropped either way.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    if args.database:
        return run_database(args)
    return run_all(args)


def run_all(args):
    """SQLite, then PostgreSQL if DATABASE_URL names a server: each in a child process."""
    server_url = os.environ.get("DATABASE_URL", "")
    targets = [("SQLite", SQLITE_URL)] if args.only != "postgresql" else []
    if is_postgres(server_url) and args.only != "sqlite":
        targets.append(("PostgreSQL", server_url))
    elif args.only == "postgresql":
        raise SystemExit("--only postgresql needs DATABASE_URL=postgres://…")
    reports, failed = [], False
    for label, url in targets:
        report_file = ROOT / "var" / f"bench-report-{label.lower()}.md"
        report_file.unlink(missing_ok=True)
        print(f"== {label} ==", flush=True)
        if is_postgres(url) and not args.no_generate:
            with scratch_postgres(url, keep=args.keep or args.generate_only) as scratch:
                code = run_child(scratch, args, report_file)
        else:
            code = run_child(url, args, report_file)
        if code:
            failed = True
            reports.append((label, f"The run on {label} failed (exit {code}), see above."))
        elif report_file.exists():
            reports.append((label, report_file.read_text()))
    for label, text in reports:
        print(f"\n## {label}\n\n{text}", flush=True)
    return 1 if failed else 0


def run_child(url, args, report_file):
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--database",
        url,
        "--report",
        str(report_file),
        "--requests",
        str(args.requests),
        "--warmup",
        str(args.warmup),
    ]
    command += ["--no-generate"] if args.no_generate else []
    command += ["--generate-only"] if args.generate_only else []
    command += ["--pages-only"] if args.pages_only else []
    child = subprocess.Popen(command, cwd=ROOT)
    try:
        return child.wait()
    except KeyboardInterrupt:
        # Ctrl-C reached the child too: let it stop its server, then stop the run.
        _wait_or_kill(child, 30)
        raise
    finally:
        if child.poll() is None:
            child.terminate()
            _wait_or_kill(child, 30)


def _wait_or_kill(child, seconds):
    try:
        return child.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def run_database(args):
    """Generate (or reuse) the installation in `args.database`, measure its pages
    through the server and the in-process timings; write the report."""
    configure_environment(args.database, **server_environment())
    import django

    django.setup()
    from standort.core.tenancy import across_initiatives

    # The bench reads and writes all initiatives' data, as a maintenance command would.
    with across_initiatives():
        return _run_database(args)


def _run_database(args):
    import django
    from django.core.management import call_command
    from django.db import connections

    from bench.databases import fresh_database, load_installation

    started = time.perf_counter()
    if args.no_generate:
        django.setup()
        installation = load_installation()
    else:
        installation = fresh_database()
    if args.generate_only:
        return 0
    call_command("collectstatic", interactive=False, verbosity=0)
    session_key = sign_in(installation.user)
    pages = pages_of(installation)
    heading = describe(args.database)
    summary = installation_summary(installation)
    connections.close_all()
    print(f"Prepared in {time.perf_counter() - started:.1f} s.", flush=True)

    label = "postgresql" if is_postgres(args.database) else "sqlite"
    log_file = ROOT / "var" / f"bench-server-{label}.log"
    port = free_port()
    server = start_server(port, log_file)
    try:
        print(
            f"Server: gunicorn, 2 workers, 127.0.0.1:{port}, DEBUG=false "
            f"(log {log_file.relative_to(ROOT)}). {args.requests} requests per page "
            f"after {args.warmup} warm-up, round-robin:",
            flush=True,
        )
        measure(
            port, session_key, pages, requests=args.requests, warmup=args.warmup, small_requests=5
        )
        print("OParl, a full crawl:", flush=True)
        crawl_lines, crawl_missed = time_crawl(port, installation)
    finally:
        stop_server(server)

    print("Throughput of the public overview:", flush=True)
    lines, missed = time_throughput(
        installation, log_file=ROOT / "var" / f"bench-throughput-{label}.log"
    )
    sections = [lines, crawl_lines]
    missed += crawl_missed
    timings = [
        ("Exchange, in this process (not through the server):", time_exchange),
        ("Status reviews, in this process:", time_reviews),
        ("Daily digest, in this process:", time_digest),
        ("The plan as of a date, in this process:", time_plan),
    ]
    for title, timing in [] if args.pages_only else timings:
        print(title, flush=True)
        try:
            lines, section_missed = timing(installation)
        except Exception as error:  # a report, not a gate: the page figures still count
            lines = [f"{title.split(',')[0]} failed: {type(error).__name__}: {error}"]
            section_missed = [lines[0]]
        sections.append(lines)
        missed += section_missed

    table, verdicts = report(pages, pages[0], label)
    bench, small = installation.bench.slug, installation.small.slug
    out = [
        heading,
        "",
        summary,
        "Times from the Server-Timing header: inside Django, all middleware included; "
        "CPU = the worker thread's CPU time.",
        "",
        *table,
        "",
        f"Targets: median at most {TARGET_FACTOR:g}× the floor's median (3× for the public "
        "pages and the comparison); the query count "
        f"on the large `{bench}` not higher than on the small `{small}` initiative. The "
        f"transfer platform's need page, which ranks all offers for the need: median under "
        f"{NEED_PAGE_MS} ms on PostgreSQL, no relative target.",
    ]
    for lines in sections:
        out += ["", *lines]
    out.append("")
    for page, verdict in verdicts:
        if verdict.startswith("MISSED"):
            out.append(f"MISSED {page.name}: {verdict.removeprefix('MISSED: ')}")
    out += [f"MISSED {line}" for line in missed]
    if not any(line.startswith("MISSED") for line in out):
        out.append("All targets met.")
    text = "\n".join(out) + "\n"
    if args.report:
        args.report.write_text(text)
    else:
        print(f"\n{text}", flush=True)
    return 0


def installation_summary(installation):
    from standort.initiatives.models import Body, Membership, Person
    from standort.measures.models import Measure, Milestone
    from standort.transfer.models import Need, Offer, Talk

    bench, small = installation.bench, installation.small
    offers = Offer.objects.filter(initiative=bench)
    return (
        f"Installation: {Person.objects.count()} persons, {Body.objects.count()} bodies, "
        f"{Membership.objects.count()} memberships. Bench initiative `{bench.slug}`: "
        f"{bench.people.count()} persons, {bench.bodies.count()} bodies; the measured body "
        f"has {installation.bench_body.memberships.count()} members. Small initiative "
        f"`{small.slug}`: {small.people.count()} persons, {small.bodies.count()} bodies. "
        f"Measures on `{bench.slug}`: {Measure.objects.filter(initiative=bench).count()}, "
        f"milestones {Milestone.objects.filter(measure__initiative=bench).count()}; on "
        f"`{small.slug}`: {Measure.objects.filter(initiative=small).count()}. Transfer "
        f"platform on `{bench.slug}`: {offers.filter(state='published').count()} published "
        f"offers of {offers.values('institution').distinct().count()} institutions, "
        f"{Need.objects.filter(initiative=bench).count()} needs, "
        f"{Talk.objects.filter(initiative=bench).count()} matching talks."
    )


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        sys.exit(130)
