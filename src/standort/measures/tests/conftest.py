"""Measures around the personas.

Carl is a member of Duisburg and chairs its "Arbeitskreis Mittelstand": he keeps the
measures of that group (number 1), not those of other groups (number 2). Ben owns
measure 1, Stefan is its partner. Mülheim's measures are numbered from 101 and the
forum's from 201, so addressing them through /duisburg/ must give 404."""

import datetime
from dataclasses import dataclass

import pytest

from standort.initiatives.models import InitiativeRole, Membership
from standort.initiatives.tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    user_with_role,
)
from standort.measures import services

from .catalogue import duisburg_catalogue
from .factories import (
    CustomFieldFactory,
    MeasureFactory,
    MilestoneFactory,
    PartnershipFactory,
    TopicFactory,
)


@dataclass
class MeasurePlace:
    initiative: object
    group: object  # the working group Carl chairs (in Duisburg)
    other_group: object
    measure: object  # in `group`
    other_measure: object  # in `other_group`
    milestone: object
    partnership: object
    topic: object
    field: object  # a choice field of the initiative's own


def _place(initiative, first_number, names, *, owner=None, partner=None):
    org = OrganizationFactory(name=names["org"])
    group = BodyFactory(initiative=initiative, name=names["group"])
    other_group = BodyFactory(initiative=initiative, name=names["other_group"])
    topic = TopicFactory(initiative=initiative, name=names["topic"])
    owner = owner or PersonFactory(
        first_name="Olaf", last_name=names["owner"], organization=org, initiative=initiative
    )
    measure = MeasureFactory(
        initiative=initiative,
        number=first_number,
        title=names["measure"],
        body=group,
        topic=topic,
        owner=owner,
        owner_organization=owner.organization or org,
    )
    other = MeasureFactory(
        initiative=initiative, number=first_number + 1, title=names["other"], body=other_group
    )
    partner = partner or PersonFactory(initiative=initiative, organization=org)
    field = CustomFieldFactory(
        initiative=initiative,
        label="Priorität",
        kind="choice",
        choices="hoch\nmittel\nniedrig",
    )
    return MeasurePlace(
        initiative=initiative,
        group=group,
        other_group=other_group,
        measure=measure,
        other_measure=other,
        milestone=MilestoneFactory(measure=measure, title=names["milestone"]),
        partnership=PartnershipFactory(measure=measure, person=partner, organization=org),
        topic=topic,
        field=field,
    )


@pytest.fixture
def carl(duisburg):
    return user_with_role(
        duisburg,
        InitiativeRole.Role.MEMBER,
        email="carl@example.org",
        first_name="Carl",
        last_name="Chef",
    )


@pytest.fixture
def measures(duisburg, muelheim, internal, anna, stefan, ben, olga, clara, paul, eva, carl):
    """Duisburg, Mülheim and the forum, each with their measures."""
    places = {
        "duisburg": _place(
            duisburg,
            1,
            {
                "org": "Glasfaser Rhein-Ruhr GmbH",
                "group": "Arbeitskreis Mittelstand",
                "other_group": "Arbeitskreis Image",
                "topic": "Digitalisierung",
                "owner": "Duisberg",
                "measure": "Breitband bis 2020",
                "other": "Beirat Imageentwicklung",
                "milestone": "Ausschreibung Glasfaser",
            },
            owner=ben.person_record,
            partner=stefan.person_record,
        ),
        "muelheim": _place(
            muelheim,
            101,
            {
                "org": "Hütte Speldorf GmbH",
                "group": "Arbeitskreis Ruhrufer",
                "other_group": "Arbeitskreis Styrum",
                "topic": "Flächen",
                "owner": "Styrum",
                "measure": "Fahrplan Industrieflächen",
                "other": "Lotse in Ausbildung",
                "milestone": "Flächenkataster Saarn",
            },
        ),
        "forum": _place(
            internal,
            201,
            {
                "org": "Forum Essen e.V.",
                "group": "Arbeitskreis Vertraulich",
                "other_group": "Arbeitskreis Geheim",
                "topic": "Vertrauliches",
                "owner": "Kettwig",
                "measure": "Vertrauliche Maßnahme",
                "other": "Geheime Maßnahme",
                "milestone": "Geheimer Meilenstein",
            },
        ),
    }
    MembershipFactory(
        body=places["duisburg"].group, person=carl.person_record, role=Membership.Role.CHAIR
    )
    return places


@pytest.fixture
def catalogue(measures):
    """Duisburg with measures 3 to 5 besides its two (see catalogue.py)."""
    return duisburg_catalogue(measures)


@pytest.fixture
def as_ben(client, ben):
    client.force_login(ben)
    return client


@pytest.fixture
def as_anna(client, anna):
    client.force_login(anna)
    return client


@pytest.fixture
def place(measures):
    """Duisburg with its two measures, measure 1 fully filled in, and a field of its own
    of every kind besides the choice field "Priorität"."""
    place = measures["duisburg"]
    d = place.initiative
    place.amount = CustomFieldFactory(initiative=d, label="Kosten", kind="amount", position=1)
    place.count = CustomFieldFactory(initiative=d, label="Anzahl", kind="number", position=2)
    place.date = CustomFieldFactory(initiative=d, label="Stichtag", kind="date", position=3)
    place.flag = CustomFieldFactory(initiative=d, label="Gefördert", kind="boolean", position=4)
    place.text = CustomFieldFactory(initiative=d, label="Programm", kind="text", position=5)
    m = place.measure
    m.starts_on = datetime.date(2017, 3, 16)
    m.due_on = datetime.date(2020, 12, 31)
    m.description = "Glasfaser für alle Gewerbegebiete; auch „Hafen“.\nZweite Zeile."
    m.custom_values = {
        place.field.key: "hoch",
        place.amount.key: "1500.50",
        place.count.key: "12.5",
        place.date.key: "2018-02-28",
        place.flag.key: True,
        place.text.key: "EFRE",
    }
    m.save()
    services.set_tags(m, ["Digitalisierung", "Infrastruktur"])
    return place
