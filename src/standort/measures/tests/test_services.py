import datetime

import pytest

from standort.core.concurrency import ConcurrentEditError
from standort.initiatives.tests.factories import InitiativeFactory
from standort.measures import services
from standort.measures.models import Measure, StatusUpdate

from .factories import MeasureFactory, MilestoneFactory, StatusUpdateFactory

Status = Measure.Status
pytestmark = pytest.mark.django_db


def test_new_measures_take_the_next_free_number(duisburg, anna):
    MeasureFactory(initiative=duisburg, number=7)
    measure = services.measure_save(
        actor=anna, measure=Measure(initiative=duisburg, title="Glasfaser", number=None)
    )
    assert measure.number == 8
    # Numbers count per initiative.
    other = services.measure_save(
        actor=anna, measure=Measure(initiative=InitiativeFactory(), title="X", number=None)
    )
    assert other.number == 1


def test_a_taken_number_is_refused(duisburg, anna):
    MeasureFactory(initiative=duisburg, number=3)
    with pytest.raises(services.DomainError, match="3"):
        services.measure_save(actor=anna, measure=Measure(initiative=duisburg, title="X", number=3))


def test_owner_organisation_defaults_to_the_owners(duisburg, anna):
    measure = MeasureFactory(initiative=duisburg, owner_organization=None)
    services.measure_save(actor=anna, measure=measure)
    assert measure.owner_organization == measure.owner.organization


def test_a_measure_cannot_become_part_of_its_own_part(duisburg, anna):
    parent = MeasureFactory(initiative=duisburg)
    child = MeasureFactory(initiative=duisburg, parent=parent)
    parent.parent = child
    with pytest.raises(services.DomainError):
        services.measure_save(actor=anna, measure=parent)


def test_status_follows_the_life_of_a_measure(duisburg, anna):
    measure = MeasureFactory(initiative=duisburg, status=Status.PROPOSED)
    with pytest.raises(services.DomainError):
        services.measure_set_status(actor=anna, measure=measure, status=Status.DONE)
    services.measure_set_status(actor=anna, measure=measure, status=Status.ADOPTED)
    assert measure.adopted_on is not None
    with pytest.raises(services.DomainError):  # a reason is required
        services.measure_set_status(actor=anna, measure=measure, status=Status.DROPPED)
    services.measure_set_status(
        actor=anna, measure=measure, status=Status.DROPPED, reason="Kein Budget"
    )
    measure.refresh_from_db()
    assert (measure.status, measure.status_reason) == (Status.DROPPED, "Kein Budget")


def test_progress_rolls_up_weighted_and_done_counts_full(duisburg, anna):
    parent = MeasureFactory(initiative=duisburg, kind=Measure.Kind.RECOMMENDATION)
    a = MeasureFactory(initiative=duisburg, parent=parent, weight=3)
    b = MeasureFactory(initiative=duisburg, parent=parent, weight=1)
    dropped = MeasureFactory(initiative=duisburg, parent=parent, status=Status.DROPPED)
    services.status_update_record(
        actor=anna, update=StatusUpdateFactory.build(measure=a, progress=40)
    )
    services.measure_set_status(actor=anna, measure=b, status=Status.DONE)
    parent.refresh_from_db()
    # (3 × 40 + 1 × 100) / 4 = 55; the dropped part does not count.
    assert parent.progress == 55
    assert dropped.progress == 0
    # Progress of its own wins over its parts.
    services.status_update_record(
        actor=anna, update=StatusUpdateFactory.build(measure=parent, progress=10)
    )
    parent.refresh_from_db()
    assert parent.progress == 10
    assert parent.latest_update.traffic_light == StatusUpdate.Light.GREEN


def test_delete_erases_or_archives_when_updates_exist(duisburg, anna):
    plain = MeasureFactory(initiative=duisburg)
    pk = plain.pk
    assert services.measure_delete(actor=anna, measure=plain) is True
    assert not Measure.objects.filter(pk=pk).exists()
    assert Measure.history.filter(id=pk, history_type="-").get().history_user == anna

    reported = MeasureFactory(initiative=duisburg)
    StatusUpdateFactory(measure=reported)
    assert services.measure_delete(actor=anna, measure=reported) is False
    reported.refresh_from_db()
    assert reported.is_archived


def test_a_parent_with_parts_is_not_deleted(duisburg, anna):
    parent = MeasureFactory(initiative=duisburg)
    MeasureFactory(initiative=duisburg, parent=parent)
    with pytest.raises(services.DomainError):
        services.measure_delete(actor=anna, measure=parent)


def test_overdue_by_due_date_or_open_milestone(duisburg):
    today = datetime.date(2026, 11, 25)
    late = MeasureFactory(initiative=duisburg, due_on=datetime.date(2026, 1, 1))
    assert services.is_overdue(late, today)
    done = MeasureFactory(initiative=duisburg, due_on=datetime.date(2026, 1, 1), status=Status.DONE)
    assert not services.is_overdue(done, today)
    milestone = MilestoneFactory(due_on=datetime.date(2026, 11, 1))
    assert services.is_overdue(milestone.measure, today)


def test_second_writer_is_refused(duisburg, anna, stefan):
    measure = MeasureFactory(initiative=duisburg)
    first = Measure.objects.get(pk=measure.pk)
    second = Measure.objects.get(pk=measure.pk)
    first.title = "Breitband bis 2020"
    services.measure_save(actor=anna, measure=first, expected_version=1)
    second.title = "Glasfaser für alle"
    with pytest.raises(ConcurrentEditError) as error:
        services.measure_save(actor=stefan, measure=second, expected_version=1)
    assert [c.new for c in error.value.changes] == ["Breitband bis 2020"]
