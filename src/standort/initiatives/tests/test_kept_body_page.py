"""A body's page is kept in the cache while its stamp holds (queries.body_head,
core.pages.kept_key): each kind of change it shows appears on the next visit, and a
page kept for the office never shows a member the office's links."""

import re

import pytest
from django.urls import reverse

from .factories import BodyFactory, MembershipFactory, OrganizationFactory


@pytest.fixture
def body(duisburg):
    return BodyFactory(initiative=duisburg, name="Arbeitskreis Häfen")


def page_of(client, body):
    """The page without its CSRF tokens, which each response masks anew."""
    response = client.get(reverse("body_detail", args=["duisburg", body.pk]))
    assert response.status_code == 200
    return re.sub(
        r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", response.content.decode()
    )


def _member(body):
    MembershipFactory(body=body, person__last_name="Quadflieg")
    return "Quadflieg"


def _renamed(body):
    body.name = "Arbeitskreis Häfen und Logistik"
    body.save()
    return "Arbeitskreis Häfen und Logistik"


def _sub_group(body):
    BodyFactory(initiative=body.initiative, parent=body, name="Unterarbeitskreis Binnenhafen")
    return "Unterarbeitskreis Binnenhafen"


def _managing_organization(body):
    body.managing_organization = OrganizationFactory(name="Hafenverband Ruhr")
    body.save()
    return "Hafenverband Ruhr"


@pytest.mark.parametrize(
    "change",
    [_member, _renamed, _sub_group, _managing_organization],
    ids=lambda change: change.__name__.strip("_"),
)
def test_the_kept_page_shows_each_change_on_the_next_visit(client, body, ben, change):
    client.force_login(ben)
    before = page_of(client, body)
    assert page_of(client, body) == before
    expected = change(body)
    assert expected not in before
    assert expected in page_of(client, body)


def test_a_page_kept_for_the_office_shows_a_member_no_management_links(client, body, anna, ben):
    add_member = reverse("membership_create", args=["duisburg", body.pk])
    client.force_login(anna)
    assert add_member in page_of(client, body)
    client.force_login(ben)
    page = page_of(client, body)
    assert body.name in page
    assert add_member not in page
