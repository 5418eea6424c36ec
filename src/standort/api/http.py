"""The API's HTTP manners, the same for every endpoint: ETags on what it reads
(`If-None-Match` gives 304), `If-Match` before a change (412 when the object changed,
428 without it), problem details for errors, and an OpenAPI description that says
what a client without a token may read."""

import hashlib

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import parse_etags, patch_vary_headers
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from . import problems
from .auth import retry_after

PUBLIC_OR_TOKEN = "PublicOrBearerToken"
TOKEN = "BearerToken"


def etag_of(content):
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


# One renderer for the API's answers and for the representations ETags are made of.
RENDERER = JSONRenderer()
# Umlauts as they are: the answers are UTF-8.
RENDERER.json_dumps_params = {"ensure_ascii": False}
CONTENT_TYPE = f"{RENDERER.media_type}; charset={RENDERER.charset}"


class StandortAPI(NinjaAPI):
    def __init__(self, **kwargs):
        super().__init__(renderer=RENDERER, **kwargs)

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return conditional(request, response)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return describe_public_access(schema)


def representation(request, schema, obj):
    """The bytes an endpoint answers with for `obj` read as `schema`."""
    data = schema.model_validate(obj, from_attributes=True).model_dump(mode="json", by_alias=True)
    content = RENDERER.render(request, data, response_status=200)
    return content.encode() if isinstance(content, str) else content


def respond(request, schema, obj, status=200):
    """`obj` as `schema`, with its ETag: for a single object that can be changed, whose
    ETag is what `If-Match` is compared with."""
    response = HttpResponse(
        representation(request, schema, obj), status=status, content_type=CONTENT_TYPE
    )
    response["ETag"] = etag_of(response.content)
    return conditional(request, response)


def check_version(request, schema, obj):
    """A change of `obj` needs the ETag the client read it with, in `If-Match`; if `obj`
    reads differently now, someone else changed it in between."""
    sent = request.headers.get("If-Match")
    if not sent:
        raise problems.ApiProblem(
            "precondition-required",
            _(
                "Send the ETag you read the object with as “If-Match”, so that no change "
                "made in the meantime is overwritten."
            ),
        )
    current = etag_of(representation(request, schema, obj))
    if sent.strip() != "*" and current not in parse_etags(sent):
        raise problems.ApiProblem(
            "precondition-failed",
            _(
                "It has been changed since you read it. Read it again and send your change "
                "with its new ETag."
            ),
        )


def conditional(request, response):
    """ETag, caching headers and 304 for a successful read."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if not response.has_header("ETag"):
        response["ETag"] = etag_of(response.content)
    # Every reader revalidates: what a token's user sees may change with their role.
    response["Cache-Control"] = (
        "private, no-cache" if getattr(request, "api_token", None) else "public, no-cache"
    )
    patch_vary_headers(response, ["Authorization", "Accept-Language"])
    sent = request.headers.get("If-None-Match")
    if sent and (sent.strip() == "*" or response["ETag"] in parse_etags(sent)):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary"):
            not_modified[header] = response[header]
        return not_modified
    return response


def describe_public_access(schema):
    """Reads need no token (they answer what the public sees), writes do: OpenAPI says
    so with an empty alternative among an operation's security requirements. Errors are
    problem details (application/problem+json)."""
    schemes = schema.get("components", {}).get("securitySchemes", {})
    if PUBLIC_OR_TOKEN in schemes:
        schemes.setdefault(TOKEN, schemes.pop(PUBLIC_OR_TOKEN))
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if operation.get("security") == [{PUBLIC_OR_TOKEN: []}]:
                operation["security"] = [{TOKEN: []}, {}]
            if method == "get":
                operation["responses"]["304"] = {
                    "description": "Not Modified: the ETag sent in If-None-Match still holds."
                }
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {})
                if str(status) >= "400" and "application/json" in content:
                    content[problems.MEDIA_TYPE] = content.pop("application/json")
    return schema


def register_problems(api):
    problems.register(api)
    throttled = api._exception_handlers[problems.Throttled]

    def with_retry_after(request, exc):
        response = throttled(request, exc)
        response["Retry-After"] = retry_after(exc)
        return response

    api.add_exception_handler(problems.Throttled, with_retry_after)
