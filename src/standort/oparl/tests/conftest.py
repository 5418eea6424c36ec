"""The demo, loaded once per test module that asks for it (`demo`): loading it is the
expensive part of the crawl. It is written in a transaction that stays open for the
module and is rolled back at its end; each test runs in a savepoint inside it, so no
test sees another's changes and no other module sees the demo. A module that uses it
is marked `django_db`, so that its test database exists before the demo is loaded."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

from standort.core.services import save
from standort.core.tenancy import across_initiatives
from standort.initiatives.models import Body, Initiative
from standort.meetings.models import Meeting


def publish_demo_meetings():
    """Public: the meetings of Duisburg's steering committee (as the demo makes those of
    the bodies that decide) and every meeting of Mülheim, its working groups' too;
    Duisburg's working groups stay internal (the crawl checks that they never show)."""
    steering = Q(initiative__slug="duisburg", body__kind=Body.Kind.STEERING_COMMITTEE)
    chosen = Q(initiative__slug="muelheim") | steering
    for meeting in Meeting.objects.filter(chosen, is_public=False):
        meeting.is_public = True
        save(None, meeting)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), across_initiatives(), transaction.atomic():
        # Through the command: the demo's loader lives in the home app, beside this one.
        call_command("load_demo", stdout=StringIO())
        publish_demo_meetings()
        yield {i.slug: i for i in Initiative.objects.all()}
        transaction.set_rollback(True)
