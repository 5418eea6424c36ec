"""Every list page with a search box takes whatever a query string holds."""

import pytest
from django.urls import reverse

from standort.initiatives.tests.factories import BodyFactory

LISTS = [
    "measure_list",
    "body_list",
    "person_list",
    "organization_list",
    "meeting_list",
    "review_list",
    "idea_list",
]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("query", ["\x00", "Hafen\x00", "\x00\x1f\t"])
def test_a_search_with_control_characters_is_a_page_not_an_error(
    client, anna, duisburg, name, query
):
    """Issue 14, 8: PostgreSQL refused the NUL of `?q=%00` with a server error."""
    args = (
        ["duisburg", BodyFactory(initiative=duisburg).pk] if name == "idea_list" else ["duisburg"]
    )
    client.force_login(anna)
    response = client.get(reverse(name, args=args), {"q": query})
    assert response.status_code == 200
