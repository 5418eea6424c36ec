import pytest

from standort.initiatives.tests.factories import BodyFactory, MembershipFactory
from standort.measures.tests.factories import MeasureFactory, PartnershipFactory


@pytest.fixture
def measure(duisburg, ben, stefan):
    """Measure 7 of Duisburg: Ben owns it, Stefan is a partner."""
    measure = MeasureFactory(
        initiative=duisburg, number=7, title="Gewerbeflächen", owner=ben.person
    )
    PartnershipFactory(measure=measure, person=stefan.person)
    return measure


@pytest.fixture
def group(duisburg, olga):
    """Arbeitskreis Mittelstand of Duisburg, with Olga as a member."""
    body = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand", kind="working_group")
    MembershipFactory(body=body, person=olga.person)
    return body
