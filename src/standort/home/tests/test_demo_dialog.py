"""The demo dialogue: ideas in every Duisburg Arbeitskreis by its members, threads with
replies, supports, one idea that became a measure, comments on measures, a couple of
ideas in Mülheim."""

import pytest
from django.db.models import F

from standort.dialog.models import Comment, Idea, Support
from standort.home.demo import load_demo
from standort.initiatives.models import Body, Membership

pytestmark = pytest.mark.django_db


def test_the_demo_dialogue():
    load_demo()
    for group in Body.objects.filter(initiative__slug="duisburg", kind="working_group"):
        ideas = Idea.objects.filter(body=group)
        assert 2 <= ideas.count() <= 4, group
        members = set(Membership.objects.filter(body=group).values_list("person__user", flat=True))
        authors = set(ideas.values_list("author", flat=True))
        authors |= set(Comment.objects.filter(idea__body=group).values_list("author", flat=True))
        assert authors <= members, group
    duisburg = Comment.objects.filter(initiative__slug="duisburg")
    assert duisburg.filter(parent__isnull=False).count() >= 5
    assert duisburg.filter(measure__isnull=False).count() >= 3
    assert Support.objects.filter(idea__initiative__slug="duisburg").count() >= 10
    (became,) = Idea.objects.filter(measure__isnull=False)
    assert became.measure.body == became.body and became.measure.status == "proposed"
    assert duisburg.exclude(mentions=[]).exists()
    assert Idea.objects.filter(initiative__slug="muelheim").count() == 2
    # Nobody backs their own idea.
    assert not Support.objects.filter(user=F("idea__author")).exists()
