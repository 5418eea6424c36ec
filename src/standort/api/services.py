"""Writes of the API app: making and revoking personal API tokens."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standort.core.services import DomainError, by, log
from standort.core.tenancy import across_initiatives

from .models import SHOWN_LENGTH, TOKEN_PREFIX, ApiToken

# Enough for every tool a person uses; more are a sign of tokens never revoked.
ACTIVE_TOKENS = 20


def digest_of(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, token):
    """Stores `token` (user, initiative, name, scope, expiry set) for `actor` and
    returns the secret, which is shown once and never stored."""
    with across_initiatives():
        active = ApiToken.objects.filter(
            user=actor, revoked_at__isnull=True, expires_on__gte=timezone.localdate()
        ).count()
    if active >= ACTIVE_TOKENS:
        raise DomainError(
            _("You have %(n)s active tokens. Revoke one you no longer use first.") % {"n": active}
        )
    random_part = secrets.token_urlsafe(32)
    secret = TOKEN_PREFIX + random_part
    token.user = actor
    token.shown = random_part[:SHOWN_LENGTH]
    token.digest = digest_of(secret)
    by(actor, token).save()
    return secret


@transaction.atomic
def token_revoke(*, actor, token):
    """Ends the token now; it stays listed, as revoked, so its owner knows what it was."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        by(actor, token).save(update_fields=["revoked_at"])
        log.info("%s revoked API token #%s (%s)", actor, token.pk, token.label)


# A token's last use is written at most this often: a client that asks many times a
# minute would otherwise write a row with each read.
LAST_USE_STEP = 60


def token_used(token, now=None):
    now = now or timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= LAST_USE_STEP:
        with across_initiatives():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
