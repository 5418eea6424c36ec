"""The API's page for people (`/api/`): what it names of the platform's initiatives and
limits, in German and in English."""

import pytest
from django.urls import reverse

from standort.initiatives.models import DataLicence

pytestmark = pytest.mark.django_db

GUIDE = "/api/"


def test_the_footer_of_every_page_links_to_it(client, duisburg):
    page = client.get("/duisburg/").content.decode()
    assert f'href="{GUIDE}"' in page


def test_it_names_each_public_initiative_with_its_licence_and_open_data(
    client, duisburg, muelheim, internal
):
    muelheim.data_licence = DataLicence.CC_BY
    muelheim.save()
    page = client.get(GUIDE).content.decode()
    for initiative in (duisburg, muelheim):
        assert initiative.name in page
        assert f'href="{reverse("opendata_index", args=[initiative.slug])}"' in page
    assert DataLicence.DL_BY.url in page
    assert DataLicence.CC_BY.url in page
    assert internal.name not in page
    assert "/forum/" not in page


def test_its_examples_use_a_public_initiative_and_the_configured_limits(client, settings, duisburg):
    settings.API_RATE_PUBLIC = "120/m"
    settings.API_RATE_TOKEN = "240/m"
    page = client.get(GUIDE).content.decode()
    assert "http://testserver/api/v1/initiatives/duisburg/measures" in page
    assert "120/m" in page
    assert "240/m" in page
    assert f'href="{reverse("api-v1:openapi-view")}"' in page
    assert f'href="{reverse("api-v1:openapi-json")}"' in page


@pytest.mark.parametrize(
    ("language", "heading"),
    [("de", "Die JSON-API"), ("en", "The JSON API")],
)
def test_it_speaks_the_readers_language(client, duisburg, language, heading):
    page = client.get(GUIDE, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}"' in page
    assert heading in page


def test_without_a_public_initiative_it_still_explains(client, internal):
    response = client.get(GUIDE)
    assert response.status_code == 200
    assert internal.name not in response.content.decode()
