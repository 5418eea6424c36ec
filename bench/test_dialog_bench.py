"""The dialogue's bench generator runs (small sizes) and its pages read the result in
as many queries as the tests of the app expect."""

import datetime

from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.dialog import LONG_THREAD, generate_agenda_comments, generate_dialog
from standort.accounts.tests.factories import UserFactory
from standort.dialog.models import Comment, Idea, Support
from standort.initiatives.models import InitiativeRole
from standort.initiatives.tests.factories import BodyFactory, InitiativeFactory, PersonFactory
from standort.meetings.models import AgendaItem, Meeting


def test_generators_fill_the_dialogue(db, client):
    initiative = InitiativeFactory(slug="bench")
    body = BodyFactory(initiative=initiative)
    users = [UserFactory() for _ in range(5)]
    for user in users:
        InitiativeRole.objects.create(initiative=initiative, user=user, role="office")
    persons = [PersonFactory(initiative=initiative) for _ in range(5)]

    result = generate_dialog(initiative, body, persons, users, seed=1, ideas=30)

    assert Idea.objects.filter(body=body).count() == result.ideas == 30
    assert Comment.objects.count() == result.comments >= 2 * LONG_THREAD
    assert Support.objects.count() == result.supports
    assert not Support.objects.filter(user=F("idea__author")).exists()
    thread = Comment.objects.filter(idea_id=result.idea)
    assert thread.filter(parent__isnull=True).count() == LONG_THREAD
    # Replies hang on top-level comments of the same idea.
    assert not Comment.objects.filter(parent__parent__isnull=False).exists()
    assert not Comment.objects.exclude(parent=None).exclude(idea=F("parent__idea")).exists()

    start = timezone.now() + datetime.timedelta(days=3)
    meeting = Meeting.objects.create(
        initiative=initiative,
        body=body,
        title="Sitzung",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    items = [AgendaItem.objects.create(meeting=meeting, title=f"TOP {n}") for n in range(4)]
    comments = generate_agenda_comments(items, users, count=30, seed=2)
    assert len(comments) == Comment.objects.filter(agenda_item__meeting=meeting).count() == 30
    assert Comment.objects.filter(agenda_item__isnull=False, parent__isnull=False).count() == 10

    client.force_login(users[0])
    for url in [
        reverse("idea_list", args=["bench", result.body]),
        reverse("idea_detail", args=["bench", result.idea]),
    ]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) < 15
