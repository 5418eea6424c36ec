"""The open data of a public initiative: a page that says what there is, and the files.

Open data exist only for a public initiative: for a non-public one every address here
is not found, for its members and its office too. The files are the same for everyone
and change only with the data: each is kept in the cache for its edition
(queries.Edition), carries its `ETag` and `Last-Modified` (the moment of the edition)
and answers a repeated request with 304."""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from standort.core.pages import KEPT_SECONDS
from standort.core.throttle import Limit, throttle

from . import files, queries
from .datasets import DATASETS

# Generous for a portal that harvests the dozen files now and then, or a person
# clicking through; a client asking for more is made to wait.
FILE_LIMIT = Limit("opendata-files", "120/10m")
THROTTLED = ("GET", "HEAD")


def public_only(view):
    """Resolves the initiative (InitiativeMiddleware has checked that the caller may
    see it) and refuses, as not found, one that is not public."""

    @functools.wraps(view)
    def wrapped(request, initiative_slug, *args, **kwargs):
        initiative = request.initiative
        if not initiative.is_public:
            raise Http404
        return view(request, initiative, *args, **kwargs)

    return wrapped


def _publication(initiative):
    return files.Publication(initiative, queries.edition(initiative))


@public_only
def index(request, initiative):
    publication = _publication(initiative)
    with translation.override(settings.CONTENT_LANGUAGE):
        attribution = publication.attribution
    return render(
        request,
        "opendata/index.html",
        {
            "initiative": initiative,
            "publication": publication,
            "as_of": publication.edition.as_of,
            "attribution": attribution,
            "datasets": [
                (
                    dataset,
                    [
                        (extension.upper(), publication.file_url(dataset.name, extension))
                        for extension in files.FORMATS
                    ],
                )
                for dataset in DATASETS.values()
            ],
        },
    )


@throttle(FILE_LIMIT, methods=THROTTLED)
@public_only
def data_file(request, initiative, dataset, extension):
    chosen = DATASETS.get(dataset)
    if chosen is None or extension not in files.WRITERS:
        raise Http404
    publication = _publication(initiative)
    response = _kept_file(
        request,
        publication,
        f"{dataset}.{extension}",
        lambda: files.WRITERS[extension](publication, chosen),
        files.CONTENT_TYPES[extension],
    )
    if extension == "csv" and response.status_code == 200:
        # Saved, the file's name says the moment its figures are from: a CSV file has
        # no place of its own for it.
        moment = publication.edition.as_of
        name = f"{initiative.slug}-{dataset}-{_in_file_name(moment)}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@throttle(FILE_LIMIT, methods=THROTTLED)
@public_only
def package(request, initiative):
    publication = _publication(initiative)
    return _kept_file(
        request,
        publication,
        "datapackage.json",
        lambda: files.data_package(publication),
        "application/json",
    )


@throttle(FILE_LIMIT, methods=THROTTLED)
@public_only
def dcat(request, initiative):
    publication = _publication(initiative)
    return _kept_file(
        request,
        publication,
        "dcat.rdf",
        lambda: files.dcat_catalogue(publication),
        "application/rdf+xml; charset=utf-8",
    )


def _in_file_name(moment):
    """20261206-0530: the moment in the local time, for a file's name."""
    return timezone.localtime(moment).strftime("%Y%m%d-%H%M")


def _kept_file(request, publication, what, write, content_type):
    """The file `what` of the publication's edition: kept in the cache while the
    edition holds, written (by `write`, in the content language) when it is not; 304
    where the client has it already."""
    initiative = publication.initiative
    key = ":".join(
        (
            "opendata",
            str(initiative.pk),
            str(initiative.created_at.timestamp()),
            publication.edition.stamp,
            settings.SITE_URL,
            what,
        )
    )
    kept = cache.get(key)
    if kept is None:
        with translation.override(settings.CONTENT_LANGUAGE):
            content = write()
        kept = (f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"', content)
        cache.set(key, kept, KEPT_SECONDS)
    etag, content = kept
    modified = int(publication.edition.as_of.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = f"public, max-age={KEPT_SECONDS}"
    # Open data: a portal's preview or anyone's web page may read them.
    response["Access-Control-Allow-Origin"] = "*"
    return response
