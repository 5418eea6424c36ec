"""The notification pages: everyone signed in has their own list and settings and sees
nobody else's; the follow button; the counter in the header; query guards."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standort.conftest import PERSONAS
from standort.core.testing import assert_access
from standort.notifications import queries, services
from standort.notifications.models import Choice, Kind, Notification

pytestmark = pytest.mark.django_db
SIGNED_IN = {p for p in PERSONAS if p != "anonymous"}


def notify(user, initiative, text="Anna hat Maßnahme 7 kommentiert.", url="/duisburg/measures/7/"):
    services.notify(
        kind=Kind.COMMENT,
        users=[user],
        initiative=initiative,
        actor=None,
        message="plain",
        params={"text": text},
        url=url,
    )
    return Notification.objects.filter(recipient=user).first()


VIEWS = [
    ("notification_list", "get"),
    ("notification_settings", "get"),
    ("notification_read_all", "post"),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method"), VIEWS, ids=[v[0] for v in VIEWS])
def test_every_signed_in_user_has_their_own_pages(as_persona, persona, name, method):
    response = getattr(as_persona(persona), method)(reverse(name))
    assert_access(response, persona, SIGNED_IN)


def test_a_user_sees_only_their_own_notifications(duisburg, ben, stefan, as_persona):
    notify(ben, duisburg, "Für Ben")
    theirs = notify(stefan, duisburg, "Für Stefan")
    client = as_persona("ben")
    page = client.get(reverse("notification_list")).content.decode()
    assert "Für Ben" in page and "Für Stefan" not in page
    # Opening another's notification is not found, and leaves it unread.
    assert client.get(reverse("notification_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_says_each_notification_in_the_readers_language(duisburg, ben, as_persona):
    """Written while Ben read German; he switches to English and reads it in English,
    the measure's German title marked as German."""
    services.notify(
        kind=Kind.STATUS,
        users=[ben],
        initiative=duisburg,
        actor=None,
        message="measure_status",
        params={"number": 7, "title": "Gewerbeflächen", "status": "done"},
        url="/duisburg/measures/7/",
    )
    client = as_persona("ben")
    assert "Maßnahme 7 „Gewerbeflächen“ ist jetzt „abgeschlossen“." in (
        client.get(reverse("notification_list")).content.decode()
    )
    ben.language = "en"
    ben.save()
    page = client.get(reverse("notification_list")).content.decode()
    assert 'Measure 7 “<span lang="de">Gewerbeflächen</span>” is now “done”.' in page


def test_opening_marks_read_and_goes_to_the_target(duisburg, ben, as_persona):
    notification = notify(ben, duisburg)
    client = as_persona("ben")
    page = client.get(reverse("notification_list")).content.decode()
    assert "ungelesen" in page and 'Benachrichtigungen<span aria-hidden="true"> (1)' in page

    response = client.get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/duisburg/measures/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "(0)" in client.get(reverse("notification_list")).content.decode()


def test_a_target_elsewhere_is_not_followed(duisburg, ben, as_persona):
    notification = notify(ben, duisburg, url="https://evil.example/")
    response = as_persona("ben").get(reverse("notification_open", args=[notification.pk]))
    assert response["Location"] == reverse("notification_list")


def test_mark_all_as_read(duisburg, ben, stefan, as_persona):
    notify(ben, duisburg, "Eins")
    notify(ben, duisburg, "Zwei")
    notify(stefan, duisburg, "Stefans")
    as_persona("ben").post(reverse("notification_read_all"))
    assert queries.unread_count(ben) == 0
    assert queries.unread_count(stefan) == 1


def test_settings_store_a_choice_per_kind(ben, as_persona):
    client = as_persona("ben")
    form = client.get(reverse("notification_settings")).context["form"]
    assert form["comment"].value() == Choice.DAILY
    data = {kind.value: Choice.NEVER for kind in Kind} | {"mention": Choice.DAILY}
    response = client.post(reverse("notification_settings"), data)
    assert response.status_code == 302
    assert queries.preferences_of(ben) == {
        Kind.INVITATION: Choice.NEVER,
        Kind.COMMENT: Choice.NEVER,
        Kind.MENTION: Choice.DAILY,
        Kind.STATUS: Choice.NEVER,
    }
    # A choice that is not offered is an error on the form.
    response = client.post(reverse("notification_settings"), data | {"comment": "hourly"})
    assert response.status_code == 200 and response.context["form"].errors["comment"]


def test_follow_and_unfollow_from_the_measure_page(measure, anna, as_persona):
    client = as_persona("anna")
    url = measure.get_absolute_url()
    assert '<span class="kern-label">Folgen</span>' in client.get(url).content.decode()
    toggle = reverse("follow_toggle", args=["duisburg", "measure", measure.pk])
    response = client.post(toggle, {"follow": "1", "next": url})
    assert response["Location"] == url
    assert queries.is_following(anna, measure)
    assert "Nicht mehr folgen" in client.get(url).content.decode()
    settings_page = client.get(reverse("notification_settings")).content.decode()
    assert "Maßnahme 7 „Gewerbeflächen“" in settings_page

    client.post(toggle, {"next": url})
    assert not queries.is_following(anna, measure)


def test_follow_from_the_body_page(group, anna, as_persona):
    client = as_persona("anna")
    client.post(reverse("follow_toggle", args=["duisburg", "body", group.pk]), {"follow": "1"})
    assert queries.is_following(anna, group)
    assert "Nicht mehr folgen" in client.get(group.get_absolute_url()).content.decode()


@pytest.mark.parametrize("persona", ["clara", "eva"])
def test_what_one_may_not_see_cannot_be_followed(measure, group, as_persona, persona):
    client = as_persona(persona)
    for target, obj in (("measure", measure), ("body", group)):
        url = reverse("follow_toggle", args=["duisburg", target, obj.pk])
        assert client.post(url, {"follow": "1"}).status_code == 404
    assert not measure.follows.exists() and not group.follows.exists()


def test_follow_needs_sign_in_and_post(measure, as_persona):
    url = reverse("follow_toggle", args=["duisburg", "measure", measure.pk])
    assert as_persona("anonymous").post(url)["Location"].startswith("/accounts/login/")
    assert as_persona("anna").get(url).status_code == 405
    assert (
        as_persona("anna")
        .post(reverse("follow_toggle", args=["duisburg", "meeting", 1]))
        .status_code
        == 404
    )


# The list: the session, the user, the header's count, the page's count and its rows
# with their initiatives.
LIST_QUERIES = 5


def test_the_list_costs_the_same_with_30_notifications_as_with_3(duisburg, muelheim, ben, client):
    client.force_login(ben)

    def queries_for():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("notification_list")).status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    for n in range(3):
        notify(ben, duisburg if n % 2 else muelheim, f"Meldung {n}")
    few = queries_for()
    for n in range(27):
        notify(ben, duisburg if n % 2 else muelheim, f"Weitere {n}")
    many = queries_for()
    assert len(few) == len(many) == LIST_QUERIES, "\n".join(many)
