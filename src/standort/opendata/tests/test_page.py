"""The page that describes a public initiative's open data: what there is, each data
set with its files and columns, the licence with the attribution to use, the field
description and the DCAT-AP.de entry, and the moment the data are from. The office
picks the licence on the initiative's settings."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import DataLicence

from ..datasets import DATASETS
from ..queries import edition
from .test_files import address


def test_the_page_lists_the_files_licence_and_moment(client, duisburg):
    response = client.get(address())
    assert response.templates[0].name == "opendata/index.html"
    page = response.content.decode()
    assert '<h1 class="kern-heading-large">Offene Daten</h1>' in page
    for name in DATASETS:
        for extension in ("csv", "json"):
            assert f'href="http://testserver/duisburg/opendata/{name}.{extension}"' in page
    assert 'href="http://testserver/duisburg/opendata/datapackage.json"' in page
    assert 'href="http://testserver/duisburg/opendata/dcat.rdf"' in page
    assert 'href="https://www.govdata.de/dl-de/by-2-0" rel="license"' in page
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page
    assert "Quelle: Masterplan Wirtschaft Duisburg, http://testserver/duisburg/opendata/" in page
    as_of = timezone.localtime(edition(duisburg).as_of)
    assert f"Stand: {as_of:%d.%m.%Y}, {as_of:%H:%M} Uhr" in page
    # Every column described, as the data package describes it.
    assert "<code>responsible_organisation</code>" in page
    assert "Die für die Maßnahme verantwortliche Organisation." in page


def test_the_page_in_english_keeps_the_attribution_german(client, duisburg):
    client.cookies["django_language"] = "en"
    page = client.get(address(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h1 class="kern-heading-large">Open data</h1>' in page
    assert '<code lang="de">Quelle: Masterplan Wirtschaft Duisburg' in page


def test_under_a_zero_licence_the_source_is_not_required(client, duisburg):
    duisburg.data_licence = DataLicence.DL_ZERO
    duisburg.save()
    page = client.get(address()).content.decode()
    assert "Datenlizenz Deutschland – Zero – Version 2.0" in page
    assert "Die Lizenz verlangt keine Quellenangabe." in page


@pytest.fixture
def settings_form(duisburg):
    return {
        "name": duisburg.name,
        "city": duisburg.city,
        "is_public": "on",
        "update_interval_months": 6,
        "embed_origins": "",
    }


def test_the_office_picks_the_licence(client, anna, duisburg, settings_form):
    client.force_login(anna)
    form = client.get(reverse("initiative_edit", args=["duisburg"])).content.decode()
    assert 'name="data_licence"' in form
    response = client.post(
        reverse("initiative_edit", args=["duisburg"]),
        {**settings_form, "data_licence": DataLicence.CC_BY},
    )
    assert response.status_code == 302
    duisburg.refresh_from_db()
    assert duisburg.data_licence == DataLicence.CC_BY
    content = json.loads(client.get(address("measures.json")).content)
    assert content["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_no_other_licence_can_be_picked(client, anna, duisburg, settings_form):
    client.force_login(anna)
    response = client.post(
        reverse("initiative_edit", args=["duisburg"]),
        {**settings_form, "data_licence": "proprietary"},
    )
    assert response.status_code == 200
    duisburg.refresh_from_db()
    assert duisburg.data_licence == DataLicence.DL_BY
