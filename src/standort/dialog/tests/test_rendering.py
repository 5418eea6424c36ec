"""A comment's actions are decided by the rules; the rendering asks them once per kind
of comment and keeps the answer for the request. The kept answers must be the rules'
answers for every reader and every state of a comment."""

import datetime

import pytest
import rules
from django.utils import timezone

from standort.dialog.rendering import _may, comment_html

from .factories import CommentFactory

pytestmark = pytest.mark.django_db
PERMS = ["dialog.change_comment", "dialog.delete_comment", "dialog.hide_comment"]


@pytest.fixture
def comments(idea, ben, stefan):
    old = timezone.now() - datetime.timedelta(hours=2)
    made = [
        CommentFactory(idea=idea, author=ben),  # Ben's, fresh
        CommentFactory(idea=idea, author=stefan),  # Stefan's, fresh
        CommentFactory(idea=idea, author=ben, deleted_at=old),
        CommentFactory(idea=idea, author=stefan, hidden_at=old, hidden_reason="Doppelt"),
    ]
    aged = CommentFactory(idea=idea, author=ben)
    type(aged).objects.filter(pk=aged.pk).update(created_at=old)
    aged.refresh_from_db()
    return [*made, aged]


@pytest.mark.parametrize("reader", ["ben", "stefan", "anna", "olga", "clara"])
def test_the_kept_answers_are_the_rules_answers(comments, reader, request):
    user = request.getfixturevalue(reader)
    for _round in range(2):  # the second round answers from what was kept
        for comment in comments:
            for perm in PERMS:
                assert _may(user, perm, comment) == rules.has_perm(perm, user, comment), (
                    reader,
                    perm,
                    comment.pk,
                )


def test_the_actions_link_to_the_comment(comments, anna):
    html = comment_html(comments[1], user=anna, slug="duisburg", csrf_token="t")
    pk = comments[1].pk
    assert f'href="/duisburg/comments/{pk}/delete/"' in html
    assert f'href="/duisburg/comments/{pk}/hide/"' in html
    hidden = comment_html(comments[3], user=anna, slug="duisburg", csrf_token="t")
    assert f'action="/duisburg/comments/{comments[3].pk}/unhide/"' in hidden
