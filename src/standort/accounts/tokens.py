from enum import Enum

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class TokenState(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"  # tampered, or used: the hash covers the password


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """A signed, expiring link to set a first password. It stops working once a
    password is set and after INVITATION_TIMEOUT_DAYS, and tells which of the two."""

    key_salt = "standort.accounts.InvitationTokenGenerator"

    def state(self, user, token):
        if not (user and token) or "-" not in token:
            return TokenState.INVALID
        ts_b36, _hash = token.split("-", 1)
        try:
            ts = base36_to_int(ts_b36)
        except ValueError:
            return TokenState.INVALID
        genuine = any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        if not genuine:
            return TokenState.INVALID
        age = self._num_seconds(self._now()) - ts
        if age > settings.INVITATION_TIMEOUT_DAYS * 24 * 60 * 60:
            return TokenState.EXPIRED
        return TokenState.VALID


invitation_token = InvitationTokenGenerator()
