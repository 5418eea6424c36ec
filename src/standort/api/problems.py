"""Errors of the API as problem details (RFC 9457), in the reader's language: a type
(a link to its explanation on the API's page), a title, the status, what went wrong
for this request, and for invalid input the fields at fault."""

import json
import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from standort.core.concurrency import ConcurrentEditError
from standort.core.services import DomainError

log = logging.getLogger("standort.api")

MEDIA_TYPE = "application/problem+json"


class FieldProblem(Schema):
    field: str
    detail: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[FieldProblem] = []


# The kinds of problem, each with its status and title; the type is the anchor of its
# explanation on the API's page for people.
KINDS = {
    "unauthorized": (401, gettext_lazy("Token not valid")),
    "forbidden": (403, gettext_lazy("Not permitted")),
    "not-found": (404, gettext_lazy("Not found")),
    "conflict": (409, gettext_lazy("Not possible in this state")),
    "precondition-failed": (412, gettext_lazy("Changed in the meantime")),
    "invalid": (422, gettext_lazy("Invalid input")),
    "precondition-required": (428, gettext_lazy("Version missing")),
    "too-many-requests": (429, gettext_lazy("Too many requests")),
    "server-error": (500, gettext_lazy("Internal error")),
}


class ApiProblem(Exception):
    """Raised by an endpoint: answered as the problem of `kind`."""

    def __init__(self, kind, detail="", errors=()):
        super().__init__(detail)
        self.kind = kind
        self.detail = str(detail)
        self.errors = list(errors)


def problem_response(request, kind, detail="", errors=()):
    status, title = KINDS[kind]
    body = {
        "type": f"{settings.SITE_URL}/api/#problem-{kind}",
        "title": str(title),
        "status": status,
        "detail": str(detail),
        "instance": request.get_full_path(),
        "errors": [{"field": field, "detail": str(text)} for field, text in errors],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=MEDIA_TYPE
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


# pydantic's messages for the usual kinds of invalid input, in the reader's language
# (pydantic speaks English only); other kinds keep pydantic's message.
INPUT_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "bool_type": gettext_lazy("Enter true or false."),
    "string_type": gettext_lazy("Enter a text."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as 2026-11-24."),
    "date_parsing": gettext_lazy("Enter a date as 2026-11-24."),
    "date_type": gettext_lazy("Enter a date as 2026-11-24."),
    "less_than_equal": gettext_lazy("Enter at most %(le)s."),
    "greater_than_equal": gettext_lazy("Enter at least %(ge)s."),
    "string_too_long": gettext_lazy("Enter at most %(max_length)s characters."),
    "too_long": gettext_lazy("Enter at most %(max_length)s entries."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "json_invalid": gettext_lazy("The body is not valid JSON."),
    "model_attributes_type": gettext_lazy("Send a JSON object."),
    "dict_type": gettext_lazy("Send a JSON object."),
    "list_type": gettext_lazy("Send a list."),
}


# The names of the endpoints' parameters that group fields (a query's filters, a body).
PARAMETER_GROUPS = {"filters", "sent", "ninja_pagination"}


def _validation_errors(exc):
    for error in exc.errors:
        # (source, [the operation's parameter group,] field, …): the field is what the
        # client knows.
        if "loc" not in error and len(error) == 1:
            # ninja's own checks (its cursor) name the field as the error's only key.
            ((field, text),) = error.items()
            yield field, str(text)
            continue
        location = [str(part) for part in error.get("loc", ())[1:]]
        if location and location[0] in PARAMETER_GROUPS:
            location = location[1:]
        message = INPUT_MESSAGES.get(error.get("type"))
        if message is None:
            text = error.get("msg", "")
        else:
            try:
                text = str(message) % error.get("ctx", {})
            except (KeyError, TypeError, ValueError):
                text = error.get("msg", "")
        yield ".".join(location) or "-", text


def register(api):
    """Answers every error of `api` as a problem."""

    def handler(kind, detail):
        return lambda request, exc: problem_response(request, kind, detail(exc))

    api.add_exception_handler(
        ApiProblem,
        lambda request, exc: problem_response(request, exc.kind, exc.detail, exc.errors),
    )
    api.add_exception_handler(
        AuthenticationError,
        handler(
            "unauthorized",
            lambda exc: _(
                "The token is unknown, expired or revoked. Send a valid one as "
                "“Authorization: Bearer …”, or none for the public data."
            ),
        ),
    )
    api.add_exception_handler(
        PermissionDenied,
        handler("forbidden", lambda exc: str(exc) or _("Your role does not permit this.")),
    )
    for missing in (Http404, ObjectDoesNotExist):
        api.add_exception_handler(
            missing, handler("not-found", lambda exc: _("There is nothing at this address."))
        )
    api.add_exception_handler(DomainError, handler("conflict", str))
    api.add_exception_handler(
        ConcurrentEditError,
        handler(
            "precondition-failed",
            lambda exc: _(
                "Someone else has changed it since you read it. Read it again "
                "and send your change with its new ETag."
            ),
        ),
    )
    api.add_exception_handler(
        ValidationError,
        lambda request, exc: problem_response(
            request,
            "invalid",
            _("The request has invalid values; see “errors”."),
            _validation_errors(exc),
        ),
    )
    api.add_exception_handler(
        Throttled,
        handler(
            "too-many-requests",
            lambda exc: _("Too many requests. Try again after the seconds in “Retry-After”."),
        ),
    )

    def http_error(request, exc):
        if exc.status_code == 400:
            # ninja's answer to a body it cannot read as JSON.
            return problem_response(
                request,
                "invalid",
                _("The request has invalid values; see “errors”."),
                [("-", INPUT_MESSAGES["json_invalid"])],
            )
        kind = next((k for k, (status, _t) in KINDS.items() if status == exc.status_code), None)
        if kind is None:
            return HttpResponse(status=exc.status_code)
        return problem_response(request, kind, str(exc))

    api.add_exception_handler(HttpError, http_error)

    def server_error(request, exc):
        log.exception("API error on %s", request.path, exc_info=exc)
        return problem_response(request, "server-error", _("Something went wrong on our side."))

    api.add_exception_handler(Exception, server_error)
