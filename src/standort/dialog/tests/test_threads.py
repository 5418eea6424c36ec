"""An idea's rendered comments are kept for readers who may do the same with them
(rendering.thread_key): what one reader may do, and their CSRF token, never reach
another; any change to the thread shows at once; a reader's comment still within its
edit window is not kept with its "Edit" link."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from standort.dialog import services
from standort.dialog.models import EDIT_WINDOW, Comment
from standort.dialog.rendering import thread_key
from standort.initiatives.models import InitiativeRole
from standort.initiatives.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def aged(comment):
    """Stefan's comment, past its edit window."""
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    return comment


@pytest.fixture
def mia(duisburg):
    return user_with_role(
        duisburg,
        InitiativeRole.Role.MEMBER,
        email="mia@example.org",
        first_name="Mia",
        last_name="Maurer",
    )


def _read(user, target):
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(target.get_absolute_url()).content.decode()
    return page, len(queries)


def _thread(page):
    return page[page.index('<div class="comments">') :]


def test_a_kept_thread_carries_each_readers_own_csrf_token(idea, aged, ben, mia):
    first, first_queries = _read(ben, idea)
    second, second_queries = _read(mia, idea)
    assert second_queries == first_queries - 1  # the comments (replies among them)
    for page in (first, second):
        own = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
        fields = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', _thread(page))
        assert len(fields) == 2  # the reply form and the new comment's
        assert set(fields) == {own}
    tokens = re.compile(r'value="[^"]+"|"X-CSRFToken": "[^"]+"')
    assert tokens.sub("", _thread(first)) == tokens.sub("", _thread(second))


def test_what_one_reader_may_do_does_not_reach_another(idea, aged, stefan, ben, anna, olga):
    delete = f"/duisburg/comments/{aged.pk}/delete/"
    hide = f"/duisburg/comments/{aged.pk}/hide/"
    for reader, may_delete, may_hide in [
        (stefan, True, False),  # his own comment
        (ben, False, False),
        (anna, True, True),  # the office
        (olga, False, False),
        (stefan, True, False),
        (ben, False, False),
    ]:
        page, _queries = _read(reader, idea)
        assert (delete in page, hide in page) == (may_delete, may_hide), reader


def test_a_change_to_the_thread_shows_at_once(idea, aged, ben, anna, olga):
    assert "Das sollten wir im Herbst angehen." in _read(ben, idea)[0]
    services.comment_hide(actor=anna, comment=aged, reason="Doppelt")
    page = _read(ben, idea)[0]
    assert "Das sollten wir im Herbst angehen." not in page
    assert "Doppelt" in page
    reply = Comment(initiative=idea.initiative, parent=aged, text="Schade.")
    services.comment_post(actor=olga, comment=reply)
    assert "Schade." in _read(ben, idea)[0]


def test_an_own_comment_within_its_edit_window_is_not_kept(idea, ben, duisburg):
    def key(minutes_ago):
        return thread_key(
            idea,
            stamp=1,
            my_newest=timezone.now() - datetime.timedelta(minutes=minutes_ago),
            user=ben,
            initiative=duisburg,
            can_comment=True,
        )

    window = EDIT_WINDOW.total_seconds() / 60
    assert key(window - 1) is None
    assert f":{ben.pk}:" in key(window + 1)
    fresh = Comment(initiative=duisburg, idea=idea, text="Noch frisch.")
    services.comment_post(actor=ben, comment=fresh)
    for _round in range(2):
        assert f"/duisburg/comments/{fresh.pk}/edit/" in _read(ben, idea)[0]


def test_a_measures_kept_comments_show_a_change_at_once(measure, ben, anna):
    top = services.comment_post(
        actor=ben, comment=Comment(measure=measure, text="Wann geht es los?")
    )
    Comment.objects.filter(pk=top.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client = Client()
    client.force_login(anna)
    first = client.get(measure.get_absolute_url())
    second = client.get(measure.get_absolute_url())
    assert "dialog/_comment.html" in [t.name for t in first.templates]
    assert "dialog/_comment.html" not in [t.name for t in second.templates]
    assert "Wann geht es los?" in second.content.decode()
    services.comment_hide(actor=anna, comment=top, reason="Doppelt")
    assert "Wann geht es los?" not in _read(ben, measure)[0]
