"""OParl on the bench (see README.md): the paper list of the bench initiative's 5,000
measures as pages measured like the others (`pages`), and a harvester's full crawl of
the bench initiative through the running server, timed (`time_crawl`): the system,
the body, then every list of the body page by page, as a harvester reads it (each
object is in its list; reading each by its own URL as well would only repeat it)."""

import http.client
import json
import time
from urllib.parse import urlsplit

# The crawl's pages hold this many objects (the server's most).
CRAWL_LIMIT = 100


def pages(installation, page_class):
    """The OParl pages of the bench table: the first page of the paper list, and its
    last (the deepest offset a harvester reads)."""
    bench, small = installation.bench.pk, installation.small.pk
    last = _last_page(installation.bench)
    return [
        page_class(
            "OParl paper list",
            f"/oparl/v1/body/{bench}/paper",
            f"/oparl/v1/body/{small}/paper",
            anonymous=True,
            target=3,
        ),
        page_class(
            "OParl paper list, last page",
            f"/oparl/v1/body/{bench}/paper?page={last}",
            f"/oparl/v1/body/{small}/paper",
            anonymous=True,
            target=3,
        ),
    ]


def _last_page(initiative):
    from standort.core.tenancy import initiative_scope
    from standort.oparl.lists import PAGE_SIZE
    from standort.oparl.queries import PAPER

    with initiative_scope(initiative):
        count = PAPER.public(initiative).count()
    return max(1, -(-count // PAGE_SIZE))


def _get(port, url):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: status {response.status}")
    return json.loads(body)


def crawl(port, body_pk):
    """(requests, {list: objects}) of a harvester's crawl of one body."""
    requests = 0
    _get(port, "/oparl/v1/system")
    body = _get(port, f"/oparl/v1/body/{body_pk}")
    requests += 2
    counts = {}
    for name in (
        "organization",
        "person",
        "membership",
        "meeting",
        "agendaItem",
        "paper",
        "consultation",
        "file",
        "locationList",
    ):
        url = f"{body[name]}?limit={CRAWL_LIMIT}"
        counts[name] = 0
        while url:
            page = _get(port, url)
            requests += 1
            counts[name] += len(page["data"])
            url = page["links"].get("next")
    return requests, counts


def time_crawl(port, installation):
    """The report's lines of the full crawl of the bench initiative."""
    started = time.perf_counter()
    requests, counts = crawl(port, installation.bench.pk)
    seconds = time.perf_counter() - started
    objects = sum(counts.values())
    listed = ", ".join(f"{name} {n}" for name, n in counts.items())
    return [
        f"OParl: full crawl of `{installation.bench.slug}` through the server: "
        f"{requests} requests, {objects} objects ({listed}) in {seconds:.1f} s "
        f"({seconds / requests * 1000:.0f} ms a request)."
    ], []
