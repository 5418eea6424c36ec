"""Duisburg's catalogue as the catalogue's tests read it (besides the fixture's measures
1 and 2, see conftest.py):
3 "Führungsnachwuchs gewinnen" – a recommendation in progress, overdue, red, tagged
  "Bildung", priority "hoch";
4 "Glasfaser für alle Gewerbegebiete" – done (its due date passed, not overdue), green;
5 "Alte Kampagne" – archived."""

import datetime

from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import InitiativeOrganization
from standort.initiatives.tests.factories import OrganizationFactory, PersonFactory
from standort.measures import services
from standort.measures.models import Measure, StatusUpdate

from .factories import MeasureFactory, StatusUpdateFactory, TagFactory

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def report(measure, light, progress, *, actor=None, **texts):
    update = StatusUpdateFactory.build(
        measure=measure, traffic_light=light, progress=progress, **texts
    )
    return services.status_update_record(actor=actor, update=update)


def duisburg_catalogue(measures):
    """The `catalogue` fixture: Duisburg's place with measures 3 to 5."""
    place = measures["duisburg"]
    duisburg = place.initiative
    bildung = TagFactory(initiative=duisburg, name="Bildung")
    leader = MeasureFactory(
        initiative=duisburg,
        number=3,
        title="Führungsnachwuchs gewinnen",
        kind=Measure.Kind.RECOMMENDATION,
        status=Measure.Status.IN_PROGRESS,
        body=place.other_group,
        owner=PersonFactory(
            first_name="Ida",
            last_name="Achterberg",
            initiative=duisburg,
            organization=OrganizationFactory(name="Hafen Duisburg AG"),
        ),
        due_on=TODAY() - DAY,
        custom_values={place.field.key: "hoch"},
    )
    leader.tags.add(bildung)
    report(leader, StatusUpdate.Light.RED, 30)
    fibre = MeasureFactory(
        initiative=duisburg,
        number=4,
        title="Glasfaser für alle Gewerbegebiete",
        status=Measure.Status.DONE,
        body=place.group,
        due_on=TODAY() - 10 * DAY,
        custom_values={place.field.key: "mittel"},
    )
    report(fibre, StatusUpdate.Light.GREEN, 100)
    MeasureFactory(initiative=duisburg, number=5, title="Alte Kampagne", is_archived=True)
    # Owners' organisations take part in the initiative, as the person form ensures.
    for measure in Measure.objects.filter(initiative=duisburg).select_related("owner_organization"):
        InitiativeOrganization.objects.get_or_create(
            initiative=duisburg, organization=measure.owner_organization
        )
    place.leader, place.fibre, place.tag = leader, fibre, bildung
    return place


def list_url(slug="duisburg"):
    return reverse("measure_list", args=[slug])


def numbers(client, **params):
    response = client.get(list_url(), params)
    assert response.status_code == 200
    return [m.number for m in response.context["listing"].page.object_list]


def detail(client, number=1, slug="duisburg"):
    return client.get(reverse("measure_detail", args=[slug, number]))
