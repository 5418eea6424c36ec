"""Reads of the API app: a user's tokens, and the token a request names."""

from django.utils import timezone

from standort.core.tenancy import across_initiatives
from standort.initiatives.queries import initiatives_of

from .models import TOKEN_PREFIX, ApiToken
from .services import digest_of


def tokens_of(user):
    """The user's tokens in every initiative, the newest first, revoked and expired
    ones too (the list says so)."""
    with across_initiatives():
        return list(
            ApiToken.objects.filter(user=user)
            .select_related("initiative")
            .order_by("-created_at", "-pk")
        )


def token_of(user, pk):
    with across_initiatives():
        return ApiToken.objects.filter(user=user, pk=pk).select_related("initiative").first()


def initiatives_for_tokens(user):
    """The initiatives a user may make a token for: those they take part in."""
    return initiatives_of(user)


def active_token(secret, today=None):
    """The token `secret` names if it may be used now, else None: unknown, revoked and
    expired tokens alike (the answer does not tell which)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    with across_initiatives():
        token = (
            ApiToken.objects.filter(digest=digest_of(secret), revoked_at__isnull=True)
            .select_related("user", "initiative")
            .first()
        )
    if token is None or token.is_expired(today or timezone.localdate()):
        return None
    if not token.user.is_active:
        return None
    return token
