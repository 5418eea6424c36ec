import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from standort.initiatives.tests.factories import OrganizationFactory, PersonFactory
from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory, MilestoneFactory
from standort.reviews import services
from standort.reviews.models import ReviewCycle


@pytest.fixture
def owners(duisburg, ben):
    """Two owners in Duisburg: Greta (no account) and Ben (a member, signed in)."""
    greta = PersonFactory(
        first_name="Greta",
        last_name="Größe",
        email="greta@example.org",
        organization=OrganizationFactory(name="Wirtschaftsförderung Duisburg"),
        initiative=duisburg,
    )
    ben_person = ben.person
    ben_person.organization = OrganizationFactory(name="Hafen AG")
    ben_person.save()
    return greta, ben_person


@pytest.fixture
def catalogue(duisburg, owners):
    """Three live measures (two of Greta's, one of Ben's), one proposed, one without
    an owner."""
    greta, ben_person = owners
    made = [
        MeasureFactory(
            initiative=duisburg,
            number=1,
            title="Gründerzentrum Außenstelle",
            owner=greta,
            owner_organization=greta.organization,
        ),
        MeasureFactory(
            initiative=duisburg,
            number=2,
            title="Flächenpool Logistik",
            owner=greta,
            owner_organization=greta.organization,
            status=Measure.Status.IN_PROGRESS,
        ),
        MeasureFactory(
            initiative=duisburg,
            number=3,
            title="Breitband Hafen",
            owner=ben_person,
            owner_organization=ben_person.organization,
        ),
        MeasureFactory(
            initiative=duisburg,
            number=4,
            title="Idee Stadtmarketing",
            owner=greta,
            status=Measure.Status.PROPOSED,
        ),
        MeasureFactory(
            initiative=duisburg,
            number=5,
            title="Ohne Verantwortliche",
            owner=None,
            owner_organization=None,
        ),
    ]
    MilestoneFactory(
        measure=made[0],
        title="Mietvertrag",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    return made


@pytest.fixture
def draft(duisburg, anna, catalogue):
    cycle = ReviewCycle(
        initiative=duisburg,
        title="Sachstandsabfrage Frühjahr 2018",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        message="Bitte kurz und konkret.",
    )
    services.cycle_create(
        actor=anna,
        cycle=cycle,
        measures=Measure.objects.filter(initiative=duisburg, status__in=["adopted", "in_progress"]),
    )
    return cycle


@pytest.fixture
def running(draft, anna, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_launch(actor=anna, cycle=draft)
    draft.refresh_from_db()
    return draft


def link_of(mail):
    """The personal link path in a mail body."""
    for line in mail.body.splitlines():
        if "/link/" in line:
            return urlsplit(line.strip()).path
    raise AssertionError("no link in the mail")
