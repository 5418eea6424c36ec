"""Personal links (`/link/<token>/`): a person acts without an account.

A link is single purpose (its model says what for), expires, can be revoked, and is
stored only as a SHA-256 hash: whoever reads the database cannot use the links in it.
The token itself is an HMAC of the row and its generation under SECRET_KEY, so a
reminder can carry the same link again without the token being stored; issuing a
new one (resend) raises the generation and the old link stops working. The first
character of a token names the purpose, so one indexed lookup finds it."""

import hashlib
import re
from enum import Enum

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from .tenancy import across_initiatives


class LinkState(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    USED = "used"


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


class PersonalLink(models.Model):
    """What every personal link stores. A model using it sets `link_prefix` (one
    letter, unique among link models) and may define `link_used`."""

    link_prefix = None

    # NULL until issued: unique, and many rows have none yet.
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    link_expires_at = models.DateTimeField(_("link valid until"), null=True, blank=True)
    link_revoked_at = models.DateTimeField(_("link revoked at"), null=True, blank=True)
    link_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def issue_token(self, expires_at):
        """A fresh token; the previous one stops working. The caller saves the row."""
        self.link_generation += 1
        token = self.token()
        self.token_hash = token_hash(token)
        self.link_expires_at = expires_at
        self.link_revoked_at = None
        return token

    def token(self):
        """The current token, computed again (the row needs a primary key)."""
        return make_token(self._meta.label_lower, self.link_prefix, self.pk, self.link_generation)

    def link_placeholder(self):
        """What a stored mail holds instead of the link: the outbox fills in the link
        when it sends, so no usable token is kept in the database."""
        return placeholder(self._meta.label_lower, self.link_prefix, self.pk, self.link_generation)

    def revoke_link(self):
        self.link_revoked_at = timezone.now()

    @property
    def link_used(self):
        return False

    def link_initiative(self):
        """The initiative whose scope the link's page opens (core.tenancy), or None for
        a link that reads across initiatives (a calendar feed)."""
        return None

    def link_contact(self):
        """Whom the polite page of a link that no longer works names: a dict with
        "name" and "email", or None."""
        return None

    def link_state(self, now=None):
        now = now or timezone.now()
        if self.link_revoked_at is not None:
            return LinkState.REVOKED
        if self.link_used:
            return LinkState.USED
        if self.link_expires_at is not None and self.link_expires_at < now:
            return LinkState.EXPIRED
        return LinkState.VALID


def make_token(label, prefix, pk, generation):
    digest = salted_hmac(
        f"standort.links.{label}", f"{pk}:{generation}", algorithm="sha256"
    ).hexdigest()
    return f"{prefix}{digest[:40]}"


PLACEHOLDER = re.compile(r"\[\[link ([\w.]+) (\w) (\d+) (\d+) (\w+)\]\]")


def _placeholder_signature(label, prefix, pk, generation):
    return salted_hmac(
        "standort.links.placeholder", f"{label}:{prefix}:{pk}:{generation}", algorithm="sha256"
    ).hexdigest()[:20]


def placeholder(label, prefix, pk, generation):
    """The placeholder of a link, signed: mails hold text that others wrote (a message
    through a contact form, a talk's place), and such text that looks like a
    placeholder must not become somebody else's working link when the mail is sent."""
    signature = _placeholder_signature(label, prefix, pk, generation)
    return f"[[link {label} {prefix} {pk} {generation} {signature}]]"


def fill_links(text):
    """A stored mail's text with its (genuine) link placeholders turned into links."""

    def link(m):
        label, prefix, pk, generation, signature = m.groups()
        expected = _placeholder_signature(label, prefix, pk, generation)
        if not constant_time_compare(signature, expected):
            return m[0]
        return f"{settings.SITE_URL}/link/{make_token(label, prefix, pk, generation)}/"

    return PLACEHOLDER.sub(link, text)


# prefix -> (model, view). A view is called as view(request, obj, token, **kwargs).
_registry = {}


def register(model, view):
    prefix = model.link_prefix
    if prefix in _registry and _registry[prefix][0] is not model:
        raise ValueError(f"Link prefix {prefix!r} is taken by {_registry[prefix][0].__name__}")
    _registry[prefix] = (model, view)


def resolve(token):
    """(object, view) for a token, or (None, None) when no link has that token."""
    if not token or len(token) > 100 or token[0] not in _registry:
        return None, None
    model, view = _registry[token[0]]
    # The token, not an initiative, names the link: its page opens the link's scope.
    with across_initiatives():
        target = model.objects.filter(token_hash=token_hash(token)).first()
    return target, view
