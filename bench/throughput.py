"""The public overview served like production: the production settings (no Server-Timing
middleware), gunicorn with 2 workers, the cache in Redis as `CACHE_URL` sets it in
production, and 4 clients asking at once for as long as `seconds`. Reports requests per
second against the issue's target (see README.md, "Throughput")."""

import http.client
import os
import threading
import time

from bench.pages import free_port, start_server, stop_server

TARGET_PER_SECOND = 150
CLIENTS = 4
# A database of its own on the machine's Redis, emptied before the run: the kept pages
# of an earlier run must not be counted as this one's.
REDIS_URL = "redis://127.0.0.1:6379/14"


def redis_available(url=REDIS_URL):
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.flushdb()
        return True
    except redis.RedisError:
        return False


def _client(port, path, stop_at, counts, errors):
    done = 0
    while time.monotonic() < stop_at:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                errors.append(response.status)
        finally:
            connection.close()
    counts.append(done)


def requests_per_second(port, path, *, seconds, clients=CLIENTS):
    """(answered requests per second, error statuses) of `clients` threads asking for
    `path` one after the other for `seconds`."""
    counts, errors = [], []
    stop_at = time.monotonic() + seconds
    started = time.monotonic()
    threads = [
        threading.Thread(target=_client, args=(port, path, stop_at, counts, errors))
        for _n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started), errors


def time_throughput(installation, *, log_file, seconds=20):
    """Report lines and missed targets, as the in-process timings return them."""
    path = f"/{installation.bench.slug}/"
    if not redis_available():
        line = f"Throughput of the public overview skipped: no Redis at {REDIS_URL}."
        return [line], [line]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "standort.settings",
        "CACHE_URL": REDIS_URL,
    }
    port = free_port()
    server = start_server(port, log_file, environment=environment)
    try:
        # Warm-up: both workers load their templates, the page's part is kept.
        requests_per_second(port, path, seconds=2)
        rate, errors = requests_per_second(port, path, seconds=seconds)
    finally:
        stop_server(server)
    line = (
        f"Public overview `{path}` as a visitor: {rate:.0f} requests/s "
        f"(gunicorn, 2 workers, production settings, cache in Redis, {CLIENTS} clients "
        f"for {seconds} s; target at least {TARGET_PER_SECOND}/s)"
    )
    missed = []
    if errors:
        missed.append(f"public overview throughput: {len(errors)} answers not 200 ({errors[:5]})")
    if rate < TARGET_PER_SECOND:
        missed.append(f"public overview throughput {rate:.0f}/s < {TARGET_PER_SECOND}/s")
    return [line], missed
