"""Tenancy is enforced below the views, across all apps (so the test lives in the top
app): an initiative-owned model cannot be read
outside an initiative's scope, and inside one it reads that initiative only."""

import pytest
from django.apps import apps
from django.db import models

from standort.core.tenancy import (
    ScopeError,
    across_initiatives,
    initiative_scope,
    no_initiative,
    tenant_models,
)
from standort.initiatives.models import Initiative

pytestmark = pytest.mark.django_db

# Owned by a user, not by an initiative: they are read across initiatives on purpose.
USER_OWNED = {
    "notifications.Notification",
    "notifications.Follow",
    "notifications.Preference",
    "meetings.CalendarFeed",
}


def _reaches_initiative(model, seen=()):
    """Whether a chain of foreign keys leads from `model` to Initiative."""
    for field in model._meta.get_fields():
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            continue
        target = field.related_model
        if target is Initiative:
            return True
        if target not in seen and _reaches_initiative(target, (*seen, model)):
            return True
    return False


def _ours():
    return [m for m in apps.get_models() if m.__module__.startswith("standort.")]


def test_every_model_owned_by_an_initiative_is_scoped():
    owned = {
        m._meta.label
        for m in _ours()
        if _reaches_initiative(m)
        and not m._meta.label.startswith("Historical")
        and "Historical" not in m.__name__
    }
    scoped = {m._meta.label for m in tenant_models()}
    assert owned - USER_OWNED == scoped


@pytest.mark.parametrize("model", tenant_models(), ids=lambda m: m._meta.label)
def test_an_unscoped_query_raises(model):
    with no_initiative(), pytest.raises(ScopeError):
        list(model.objects.all())
    with no_initiative(), pytest.raises(ScopeError):
        model.objects.filter(pk=1).exists()


@pytest.mark.parametrize("model", tenant_models(), ids=lambda m: m._meta.label)
def test_a_scoped_query_reads_its_initiative_only(model, duisburg, muelheim):
    path = model.objects.initiative_path
    with across_initiatives():
        in_muelheim = set(model.objects.filter(**{path: muelheim}).values_list("pk", flat=True))
    with initiative_scope(duisburg):
        query = str(model.objects.all().query)
        seen = set(model.objects.values_list("pk", flat=True))
    assert "initiative_id" in query
    assert not seen & in_muelheim


def test_another_initiatives_measure_is_not_found_in_this_ones_scope(duisburg, muelheim):
    from standort.measures.models import Measure
    from standort.measures.tests.factories import MeasureFactory

    theirs = MeasureFactory(initiative=muelheim, number=7)
    with initiative_scope(duisburg):
        assert not Measure.objects.filter(pk=theirs.pk).exists()
        assert not Measure.objects.filter(number=7).exists()
    with initiative_scope(muelheim):
        assert Measure.objects.get(number=7) == theirs


def test_models_are_plain_managers_for_related_lookups():
    """Forward relations (measure.initiative, milestone.measure) use the base manager,
    so an object already in hand can reach what it belongs to in any scope."""
    for model in tenant_models():
        assert type(model._base_manager) is models.Manager
