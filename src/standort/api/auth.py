"""Who asks: the bearer of a personal token, or anyone (the public data). Also the
rate limits, since they count per token or per client, and the language of the
answer."""

import math

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from ninja.errors import AuthenticationError, Throttled
from ninja.security import HttpBearer

from standort.core.throttle import Limit, wait_for

from .queries import active_token
from .services import token_used

# Checking a token is checking a secret: failed checks are counted per client.
FAILED_CHECKS = Limit("api-token-failures", "30/10m")


class Anonymous:
    """What `request.auth` is for a request without a token (truthy, so ninja lets it
    through to the public data)."""

    def __bool__(self):
        return True


ANONYMOUS = Anonymous()


def _limit(request, limit):
    wait = wait_for(request, limit)
    if wait:
        raise Throttled(wait=wait)


def _token_key(group, request):
    return str(request.api_token.pk)


class BearerToken(HttpBearer):
    """`Authorization: Bearer std_…`. With `optional`, a request without the header
    reads as the public does; a header with an unknown, expired or revoked token is a
    401 either way, so that a client never takes the public answer for its own."""

    def __init__(self, *, optional):
        self.optional = optional
        super().__init__()

    def __call__(self, request):
        request.api_token = None
        request.user = AnonymousUser()
        header = request.headers.get("Authorization", "")
        if not header:
            _activate_language(request, None)
            if not self.optional:
                raise AuthenticationError()
            _limit(request, Limit("api-client", settings.API_RATE_PUBLIC))
            return ANONYMOUS
        scheme, _space, secret = header.partition(" ")
        waiting = wait_for(request, FAILED_CHECKS, count=False)
        if waiting:
            raise Throttled(wait=waiting)
        token = active_token(secret.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            wait_for(request, FAILED_CHECKS)
            _activate_language(request, None)
            raise AuthenticationError()
        request.api_token = token
        request.user = token.user
        _activate_language(request, token.user)
        _limit(request, Limit("api-token", settings.API_RATE_TOKEN, _token_key))
        token_used(token)
        return token

    def authenticate(self, request, token):  # pragma: no cover - __call__ does it all
        raise NotImplementedError


def _activate_language(request, user):
    """The language the client asks for (Accept-Language), else the token owner's,
    else German; a browser's signed-in session does not count here."""
    if "Accept-Language" in request.headers or user is None:
        language = translation.get_language_from_request(request)
    else:
        language = user.language
    translation.activate(language)
    request.LANGUAGE_CODE = language


def retry_after(exc):
    return str(max(1, math.ceil(exc.wait or 1)))
