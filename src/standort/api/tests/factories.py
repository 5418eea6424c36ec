"""Personal API tokens as the tests make them (through the service, so that only the
digest is stored, and the secret handed back for the `Authorization` header), and
requests sent with them."""

import datetime
import json

from django.utils import timezone

from standort.api import services
from standort.api.models import ApiToken

READ = ApiToken.Scope.READ
READ_WRITE = ApiToken.Scope.READ_WRITE


def token_for(user, initiative, scope=READ, *, name="Projektliste", days=90):
    """The secret of a new token of `user` in `initiative`."""
    token = ApiToken(
        initiative=initiative,
        name=name,
        scope=scope,
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
    )
    return services.token_create(actor=user, token=token)


def bearer(secret):
    """The Django test client's keyword for the `Authorization` header."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}


def send(client, method, url, body=None, secret=None, **headers):
    """`method` on `url` with `body` as JSON, as the bearer of `secret`."""
    return client.generic(
        method,
        url,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        **bearer(secret),
        **headers,
    )
