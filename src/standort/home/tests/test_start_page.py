"""The start page tells each visitor what is true for them (issue 14, item 18: it said
"Noch keine Initiative veröffentlicht" to a member of the only public initiative)."""

import pytest

pytestmark = pytest.mark.django_db
NONE_PUBLISHED = "Noch keine Initiative veröffentlicht"


def test_a_member_of_the_only_public_initiative_is_not_told_none_is_published(client, anna):
    client.force_login(anna)
    page = client.get("/", headers={"accept-language": "de"}).content.decode()
    assert "Masterplan Wirtschaft Duisburg" in page
    assert NONE_PUBLISHED not in page
    assert "keine weiteren öffentlichen Initiativen" in page


def test_a_visitor_sees_the_public_initiatives(client, duisburg, internal):
    page = client.get("/", headers={"accept-language": "de"}).content.decode()
    assert "Masterplan Wirtschaft Duisburg" in page
    assert "Internes Forum" not in page
    assert NONE_PUBLISHED not in page


def test_a_user_without_initiative_learns_how_to_join(client, eva, internal):
    client.force_login(eva)
    page = client.get("/", headers={"accept-language": "de"}).content.decode()
    assert NONE_PUBLISHED in page
    assert "Projektgeschäftsstelle lädt Sie per E-Mail ein" in page
