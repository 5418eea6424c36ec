"""A comment's actions are decided by the rules; the rendering asks them once per kind
of comment and keeps the answer for the request. The kept answers must be the rules'
answers for every reader and every state of a comment."""

import datetime

import pytest
import rules
from django.template import Context, Template
from django.utils import timezone

from standort.core.memo import RequestMemoMiddleware
from standort.dialog.rendering import COMMENT_PERMISSIONS, comment_permissions

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


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

    def check(_request):
        for _round in range(2):  # the second round answers from what was kept
            for comment in comments:
                answers = comment_permissions(user, comment)
                for name, perm in COMMENT_PERMISSIONS.items():
                    assert answers[name] == rules.has_perm(perm, user, comment), (
                        reader,
                        perm,
                        comment.pk,
                    )

    RequestMemoMiddleware(check)(None)  # within a request's memo


def _render(comment, user, initiative):
    template = Template("{% load dialog_tags %}{% dialog_comment comment %}")
    context = {"comment": comment, "user": user, "initiative": initiative, "csrf_token": "t"}
    return template.render(Context(context))


def test_the_actions_link_to_the_comment(comments, anna, idea):
    html = _render(comments[1], anna, idea.initiative)
    pk = comments[1].pk
    assert f'href="/duisburg/comments/{pk}/delete/"' in html
    assert f'href="/duisburg/comments/{pk}/hide/"' in html
    hidden = _render(comments[3], anna, idea.initiative)
    assert f'action="/duisburg/comments/{comments[3].pk}/unhide/"' in hidden
