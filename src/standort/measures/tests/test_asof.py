"""The catalogue as of a moment, read from the change history, is the catalogue as it
stood then: after any sequence of edits through the services, the state read at each
step from the tables equals the state read afterwards from the history for that step's
moment."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from standort.core.services import save
from standort.initiatives.tests.factories import BodyFactory, OrganizationFactory, PersonFactory
from standort.measures import services
from standort.measures.asof import catalogue_as_of, catalogue_now
from standort.measures.models import Measure, Milestone, StatusUpdate

pytestmark = pytest.mark.django_db

STATUSES = list(Measure.Status.values)
LIGHTS = list(StatusUpdate.Light.values)
DAY = datetime.date(2026, 6, 30)

# One edit: (kind, which measure, a value to use). Each kind picks what it needs.
EDITS = st.tuples(
    st.sampled_from(
        [
            "create",
            "title",
            "status",
            "archive",
            "internal",
            "owner",
            "body",
            "rename_body",
            "rename_owner",
            "update",
            "milestone",
            "complete_milestone",
            "delete_milestone",
            "parent",
            "delete",
        ]
    ),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=0, max_value=100),
)


class Place:
    def __init__(self, initiative, actor):
        self.initiative = initiative
        self.actor = actor
        self.bodies = [BodyFactory(initiative=initiative, name=f"AK {n}") for n in range(2)]
        organization = OrganizationFactory(name="Stadt")
        self.people = [
            PersonFactory(initiative=initiative, last_name=f"Owner {n}", organization=organization)
            for n in range(2)
        ]
        self.made = 0

    def measures(self):
        return list(Measure.objects.filter(initiative=self.initiative).order_by("number"))

    def create(self, value):
        self.made += 1
        measure = Measure(
            initiative=self.initiative,
            number=self.made,
            title=f"Maßnahme {self.made}",
            status=STATUSES[value % len(STATUSES)],
            body=self.bodies[value % 2],
            owner=self.people[value % 2] if value % 3 else None,
        )
        services.measure_save(actor=self.actor, measure=measure)

    def edit(self, kind, index, value):
        if kind == "create":
            return self.create(value)
        if kind == "rename_body":
            body = self.bodies[index % 2]
            body.name = f"AK {index} ({value})"
            return save(self.actor, body)
        if kind == "rename_owner":
            person = self.people[index % 2]
            person.first_name = f"Vorname {value}"
            return save(self.actor, person)
        measures = self.measures()
        if not measures:
            return self.create(value)
        measure = measures[index % len(measures)]
        if kind == "title":
            measure.title = f"Titel {value}"
        elif kind == "status":
            measure.status = STATUSES[value % len(STATUSES)]
        elif kind == "archive":
            measure.is_archived = not measure.is_archived
        elif kind == "internal":
            measure.is_internal = not measure.is_internal
        elif kind == "owner":
            measure.owner = self.people[value % 2] if value % 3 else None
        elif kind == "body":
            measure.body = self.bodies[value % 2] if value % 3 else None
        elif kind == "parent":
            others = [m for m in measures if m.pk != measure.pk and m.parent_id is None]
            measure.parent = others[value % len(others)] if others and value % 2 else None
            measure.weight = 1 + value % 3
            if measure.children.exists():
                measure.parent = None
        elif kind == "update":
            update = StatusUpdate(
                measure=measure,
                traffic_light=LIGHTS[value % 3],
                progress=value,
                achieved=f"Erreicht {value}",
            )
            return services.status_update_record(actor=self.actor, update=update)
        elif kind == "milestone":
            milestone = Milestone(
                measure=measure,
                title=f"Meilenstein {value}",
                due_on=DAY + datetime.timedelta(days=value),
            )
            return services.milestone_save(actor=self.actor, milestone=milestone)
        elif kind in ("complete_milestone", "delete_milestone"):
            milestone = measure.milestones.first()
            if milestone is None:
                return None
            if kind == "delete_milestone":
                return services.milestone_delete(actor=self.actor, milestone=milestone)
            milestone.completed_on = DAY
            return services.milestone_save(actor=self.actor, milestone=milestone)
        elif kind == "delete":
            if measure.children.exists():
                return None
            return services.measure_delete(actor=self.actor, measure=measure)
        return services.measure_save(actor=self.actor, measure=measure)


@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(EDITS, min_size=1, max_size=14))
def test_the_history_gives_the_catalogue_as_it_stood(duisburg, anna, edits):
    with transaction.atomic():
        place = Place(duisburg, anna)
        recorded = []
        for kind, index, value in edits:
            place.edit(kind, index, value)
            recorded.append((timezone.now(), catalogue_now(duisburg)))
        for moment, states in recorded:
            assert catalogue_as_of(duisburg, moment) == states, (moment, edits)
            # A report reads only its measures (and their parts), with the same result.
            chosen = {state.measure_id for state in states[::2]}
            assert [
                state
                for state in catalogue_as_of(duisburg, moment, chosen)
                if state.measure_id in chosen
            ] == [state for state in states if state.measure_id in chosen], (moment, edits)
        transaction.set_rollback(True)


def test_measures_read_alone_have_the_progress_of_their_parts(duisburg, anna):
    place = Place(duisburg, anna)
    for value in (STATUSES.index(Measure.Status.IN_PROGRESS),) * 3:
        place.create(value)
    parent, part, other_part = place.measures()
    for measure in (part, other_part):
        measure.parent = parent
        services.measure_save(actor=anna, measure=measure)
    update = StatusUpdate(measure=part, traffic_light=LIGHTS[0], progress=80, achieved="Erreicht")
    services.status_update_record(actor=anna, update=update)
    moment = timezone.now()

    whole = {state.measure_id: state for state in catalogue_as_of(duisburg, moment)}
    alone = {state.measure_id: state for state in catalogue_as_of(duisburg, moment, {parent.pk})}

    assert alone[parent.pk] == whole[parent.pk]
    assert whole[parent.pk].progress == round((80 + whole[other_part.pk].progress) / 2)
    assert alone.keys() == {parent.pk, part.pk, other_part.pk}
