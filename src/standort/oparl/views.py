"""OParl 1.1 over HTTP: the system, each public initiative as a body with its lists,
and every object at its own URL. JSON in UTF-8, stateless (no session, no cookie),
`Access-Control-Allow-Origin: *` on every answer, errors as the specification's
error object. OParl is not under `/<slug>/`: each view opens the scope of the public
initiative its URL names, and a non-public one answers as if it did not exist."""

import functools
import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from standort.core.pages import KEPT_SECONDS
from standort.core.tenancy import initiative_scope

from . import lists, objects, queries
from .objects import Context, parse_key

log = logging.getLogger("django.request")

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class NotFound(Exception):
    """An object that is not (or is not any more, nor was ever) in a public record."""


def _encoded(values):
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()


def _answer(values, status=200):
    """`values` as JSON; given as bytes, they are JSON already (a kept list page)."""
    content = values if isinstance(values, bytes) else _encoded(values)
    response = HttpResponse(content, content_type="application/json; charset=utf-8", status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status, message, debug=""):
    return _answer(
        {"type": objects.SCHEMA + "Error", "message": message, "debug": debug}, status=status
    )


def oparl_view(view):
    """JSON for every answer, errors included, in the language of the record's
    content (German), with the CORS header; only reading methods."""

    @functools.wraps(view)
    @csrf_exempt  # nothing is written; a POST is answered 405 as JSON, not 403 as HTML
    @never_cache
    def wrapped(request, *args, **kwargs):
        with translation.override(settings.CONTENT_LANGUAGE):
            if request.method not in SAFE_METHODS:
                response = _error(405, _("OParl can only be read."), request.method)
                response["Allow"] = ", ".join(SAFE_METHODS)
                return response
            if request.method == "OPTIONS":
                response = _answer({})
                response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                return response
            try:
                return _answer(view(request, *args, **kwargs))
            except NotFound:
                return _error(404, _("There is no such object."), request.path)
            except lists.NoSuchPage:
                return _error(404, _("The list has no such page."), request.get_full_path())
            except lists.BadRequest as error:
                return _error(400, str(error), request.get_full_path())
            except Exception:
                # Logged as Django logs a server error; the client still reads JSON
                # it may read across origins.
                log.exception("OParl failed to answer %s", request.get_full_path())
                return _error(500, _("The server could not answer."))

    return wrapped


def _initiative(body):
    key = parse_key("body", body)
    initiative = queries.public_initiative(key) if key else None
    if initiative is None:
        raise NotFound
    return initiative


@oparl_view
def system(request):
    created, modified = queries.system_times()
    return objects.system(objects.base_url(), created, modified)


@oparl_view
def body_list(request):
    query = lists.parse(request.GET)
    ctx = Context(objects.base_url(), omit_internal=query.omit_internal)
    rows = lists.narrowed(queries.BODY.rows(None), query).order_by("id")
    page = lists.page_of(rows, query, f"{ctx.base}/body")
    found = {
        initiative.pk: initiative
        for initiative in queries.BODY.timed(
            queries.BODY.public().filter(pk__in=[row[0] for row in page.rows]), None
        )
    }
    data = [objects.body(Context(ctx.base, found[row[0]]), found[row[0]]) for row in page.rows]
    return {"data": data, "pagination": page.pagination, "links": page.links}


@oparl_view
def body_detail(request, body):
    initiative = _initiative(body)
    return objects.body(Context(objects.base_url(), initiative), initiative)


def _kind(name):
    kind = queries.KINDS.get(name)
    if kind is None:
        raise NotFound
    return kind


@oparl_view
def object_list(request, body, kind):
    kind = _kind(kind)
    initiative = _initiative(body)
    query = lists.parse(request.GET)
    # A list page is kept while the record's history stamp holds: a harvester reads
    # the same pages again and again, mostly unchanged.
    key = ":".join(
        str(part)
        for part in (
            "oparl",
            initiative.pk,
            initiative.created_at.timestamp(),
            initiative.stamp,
            kind.name,
            query.link("", query.page),
        )
    )
    kept = cache.get(key)
    if kept is None:
        kept = _encoded(_list_page(kind, initiative, query))
        cache.set(key, kept, KEPT_SECONDS)
    return kept


def _list_page(kind, initiative, query):
    ctx = Context(objects.base_url(), initiative, omit_internal=query.omit_internal)
    with initiative_scope(initiative):
        rows = lists.narrowed(kind.rows(initiative, timed=bool(query.moments)), query)
        if query.with_deleted:
            # A compound query's parts are not ordered; the whole is, below.
            tombstones = lists.narrowed(kind.tombstones(initiative), query).order_by()
            rows = rows.order_by().union(tombstones, all=True)
        counted = None if query.moments else kind.public(initiative)
        page = lists.page_of(rows.order_by("id"), query, ctx.list_url(kind.name), counted=counted)
        found = kind.objects(
            initiative, [key for key, *_times, deleted in page.rows if not deleted]
        )
        data = [
            _tombstone(ctx, kind, key, created, modified)
            if deleted
            else objects.RENDER[kind.name](ctx, found[key])
            for key, created, modified, deleted in page.rows
        ]
    return {"data": data, "pagination": page.pagination, "links": page.links}


@oparl_view
def object_detail(request, body, kind, key):
    kind = _kind(kind)
    initiative = _initiative(body)
    pk = parse_key(kind.name, key)
    if pk is None:
        raise NotFound
    ctx = Context(objects.base_url(), initiative)
    with initiative_scope(initiative):
        found = kind.objects(initiative, [pk]).get(pk)
        if found is not None:
            return objects.RENDER[kind.name](ctx, found)
        gone = kind.tombstone(initiative, pk)
    if gone is None:
        raise NotFound
    return _tombstone(ctx, kind, pk, *gone)


def _tombstone(ctx, kind, pk, created, modified):
    url = ctx.url(kind.name, objects.key_of(kind.name, pk))
    return objects.tombstone(url, objects.TYPES[kind.name], created, modified)


def not_found(request, path=""):
    """Anything else under /oparl/v1/: a path with a trailing slash moves to its
    canonical URL without (specification 2.3: 301), the rest is a 404."""
    if path.endswith("/") and path.strip("/"):
        canonical = request.path.rstrip("/")
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponsePermanentRedirect(canonical + (f"?{query}" if query else ""))
        response["Access-Control-Allow-Origin"] = "*"
        return response
    return _nothing(request)


@oparl_view
def _nothing(request):
    raise NotFound
