"""Tenancy below the views: an initiative's objects can be read only inside that
initiative's scope (django-scopes, as pretix does). Every initiative-owned model's
default manager is a `TenantManager`, which refuses to query when no scope is active
and filters by the active initiative when one is.

* `InitiativeMiddleware` opens the scope of `/<slug>/` for the request; every other
  request starts with no initiative at all, so a lookup that forgot its initiative
  fails in the tests instead of showing another initiative's data.
* Tasks, commands, the demo and the digest open the scope of the initiative they work
  on with `initiative_scope()`.
* What reads across initiatives on purpose (a user's roles everywhere, the start page,
  a personal link before its initiative is known, the calendar feed, the admin) says
  so with `across_initiatives()`.
"""

from contextlib import contextmanager

from django.apps import apps
from django.db import models
from django_scopes import ScopedManager, scopes_disabled
from django_scopes.exceptions import ScopeError
from django_scopes.state import state

__all__ = [
    "ScopeError",
    "TenantManager",
    "across_initiatives",
    "initiative_scope",
    "is_tenant_model",
    "no_initiative",
    "tenant_models",
]


def TenantManager(path="initiative", manager=models.Manager):  # noqa: N802 - a manager class
    """The default manager of a model owned by an initiative; `path` leads from the
    model to its initiative (e.g. "measure__initiative")."""
    scoped = ScopedManager(_manager_class=manager, initiative=path)
    scoped.initiative_path = path
    return scoped


def is_tenant_model(model):
    return hasattr(model._default_manager, "initiative_path")


def tenant_models():
    """The models whose default manager is a TenantManager."""
    return [model for model in apps.get_models() if is_tenant_model(model)]


@contextmanager
def _exactly(scope_state):
    """Replaces the active scope (whatever it was) for the block."""
    token = state.set(scope_state)
    try:
        yield
    finally:
        state.reset(token)


def initiative_scope(initiative):
    """Only `initiative`'s objects, whatever scope was active before."""
    return _exactly({"_enabled": True, "initiative": initiative})


def no_initiative():
    """No initiative's objects: a tenant query fails until a scope is opened."""
    return _exactly({"_enabled": True})


def enter_initiative_scope(initiative):
    """Opens `initiative`'s scope for the rest of the current context (the request:
    the middleware's `no_initiative()` around it closes it again)."""
    state.set({"_enabled": True, "initiative": initiative})


across_initiatives = scopes_disabled
