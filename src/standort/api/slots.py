"""What the API app shows on pages of the apps below it."""

from standort.core import slots

from .queries import tokens_of


def _profile_tokens(page_context, user):
    return {"active": sum(1 for token in tokens_of(user) if token.is_active)}


def register():
    slots.fill("profile.sections", "api/_profile_tokens.html", _profile_tokens)
