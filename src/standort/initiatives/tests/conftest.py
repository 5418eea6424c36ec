"""A small world around the personas: every initiative gets an organisation, a person,
a body with a member, a spare participant and a role, with names that tell at a glance
which initiative they belong to, so a test can look for them where they must not be."""

from dataclasses import dataclass

import pytest

from standort.accounts.tests.factories import UserFactory
from standort.initiatives.models import Body, InitiativeRole, Membership, Organization

from .factories import (
    BodyFactory,
    InitiativeOrganizationFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    RoleFactory,
)


@dataclass
class Place:
    """The objects of one initiative that the views address by id."""

    initiative: object
    organization: Organization
    person: object
    spare_person: object
    body: Body
    membership: Membership
    role: InitiativeRole
    names: tuple  # visible names that belong to this initiative only


def populate(initiative, *, organization, person, spare, body, role):
    org = OrganizationFactory(name=organization)
    InitiativeOrganizationFactory(initiative=initiative, organization=org)
    first, last = person
    member = PersonFactory(
        first_name=first, last_name=last, organization=org, initiative=initiative
    )
    spare_first, spare_last = spare
    spare_person = PersonFactory(
        first_name=spare_first, last_name=spare_last, initiative=initiative
    )
    the_body = BodyFactory(initiative=initiative, name=body)
    membership = MembershipFactory(body=the_body, person=member, role=Membership.Role.CHAIR)
    return Place(
        initiative=initiative,
        organization=org,
        person=member,
        spare_person=spare_person,
        body=the_body,
        membership=membership,
        role=role,
        names=(organization, last, spare_last, body),
    )


@pytest.fixture
def world(duisburg, muelheim, internal, anna, stefan, ben, olga, clara, paul, eva):
    """Duisburg, Mülheim and the internal forum, each with their own objects."""
    frieda = UserFactory(email="frieda@example.org", first_name="Frieda", last_name="Forst")
    PersonFactory(first_name="Frieda", last_name="Forst", user=frieda, initiative=internal)
    forum_role = RoleFactory(initiative=internal, user=frieda, role=InitiativeRole.Role.OBSERVER)
    return {
        "duisburg": populate(
            duisburg,
            organization="Hafenlogistik Ruhrort GmbH",
            person=("Dieter", "Duisberg"),
            spare=("Hanna", "Homberg"),
            body="Arbeitskreis Logistik",
            role=InitiativeRole.objects.get(initiative=duisburg, user=ben),
        ),
        "muelheim": populate(
            muelheim,
            organization="Hütte Speldorf GmbH",
            person=("Mara", "Styrum"),
            spare=("Sven", "Saarnberg"),
            body="Arbeitskreis Ruhrufer",
            role=InitiativeRole.objects.get(initiative=muelheim, user=clara),
        ),
        "forum": populate(
            internal,
            organization="Forum Essen e.V.",
            person=("Fritz", "Kettwig"),
            spare=("Greta", "Werden"),
            body="Arbeitskreis Vertraulich",
            role=forum_role,
        ),
    }
