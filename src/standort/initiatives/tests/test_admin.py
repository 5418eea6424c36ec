"""Paul manages the platform in /admin/, in German."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from .factories import BodyFactory, MembershipFactory

MODELS = list(admin.site._registry)


@pytest.mark.parametrize(
    "model", MODELS, ids=[f"{m._meta.app_label}.{m._meta.model_name}" for m in MODELS]
)
def test_every_changelist_loads_in_german(client, duisburg, muelheim, anna, clara, paul, model):
    MembershipFactory(body=BodyFactory(initiative=duisburg))
    client.force_login(paul)
    opts = model._meta

    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    if opts.app_label in ("accounts", "initiatives"):
        add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert add.status_code == 200
    assert '<html lang="de"' in changelist.content.decode()
    assert str(opts.verbose_name_plural) in changelist.content.decode()
    # "… zur Änderung auswählen", or "zum Ansehen" for read-only models.
    assert re.search(r"zu[rm] \w+ auswählen", changelist.content.decode())


def test_the_admin_index_is_german(client, paul):
    client.force_login(paul)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Plattform-Administration" in page
    assert "Initiativen" in page
    assert "Benutzer" in page
