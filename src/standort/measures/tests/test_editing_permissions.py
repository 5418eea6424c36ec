"""Who may create, edit, set the status of, delete and archive measures, and add
milestones, partners and files to them: the permission table of the editing views."""

import pytest
from django.urls import reverse

from standort.measures.models import Measure

from . import permission_table
from .editing import measure_data
from .permission_table import (
    PERSONAS,
    Row,
    ask_everyone,
    case_ids,
    cases,
    nothing,
    number,
    part,
    pdf,
)

Status = Measure.Status
pytestmark = pytest.mark.django_db

# The fixtures of the table, taken over by this module.
world = permission_table.world
personas = permission_table.personas


TABLE = [
    Row(
        "measure_create",
        "add",
        nothing,
        post=lambda p: {
            "title": "Gründerzentrum",
            "kind": "project",
            "status": "proposed",
            "body": p.group.pk,
            "weight": 1,
        },
    ),
    Row("measure_edit", "change", number(), post=lambda p: measure_data(p, title="Neu")),
    Row(
        "measure_edit",
        "change_other",
        number("other_measure"),
        post=lambda p: {
            "number": p.other_measure.number,
            "title": "Neu",
            "kind": "project",
            "body": p.other_group.pk,
            "weight": 1,
        },
    ),
    Row("measure_status", "change", number(), post=lambda p: {"status": "in_progress"}),
    Row(
        "measure_status",
        "change_other",
        number("other_measure"),
        post=lambda p: {"status": "in_progress"},
    ),
    Row("measure_delete", "manage", number("other_measure"), post=lambda p: {}),
    Row("measure_restore", "manage", number(), post=lambda p: {}, get_status=405),
    Row("measure_publish", "change", number(), post=lambda p: {"public": "1"}, get_status=405),
    Row(
        "measure_publish",
        "change_other",
        number("other_measure"),
        post=lambda p: {"public": "1"},
        get_status=405,
    ),
    Row(
        "milestone_create",
        "change",
        number(),
        post=lambda p: {"title": "Vergabe", "due_on": "2030-01-31"},
    ),
    Row(
        "milestone_create",
        "change_other",
        number("other_measure"),
        post=lambda p: {"title": "Vergabe", "due_on": "2030-01-31"},
    ),
    Row(
        "milestone_edit",
        "change",
        part("milestone"),
        post=lambda p: {"title": "Vergabe", "due_on": "2030-01-31", "completed_on": "2030-01-15"},
    ),
    Row("milestone_delete", "change", part("milestone"), post=lambda p: {}),
    Row(
        "partnership_create",
        "change",
        number(),
        post=lambda p: {"person": p.spare.pk, "role": "Sponsor"},
    ),
    Row(
        "partnership_edit",
        "change",
        part("partnership"),
        post=lambda p: {"person": p.partnership.person_id, "role": "Sponsor"},
    ),
    Row("partnership_delete", "change", part("partnership"), post=lambda p: {}),
    Row("attachment_upload", "change", number(), post=lambda p: {"file": pdf("Plan.pdf")}),
    Row("attachment_download", "view", part("attachment")),
    Row("attachment_delete", "change", part("attachment"), post=lambda p: {}),
]
CASES = cases(TABLE)
MEASURE_CASES = [(row, method) for row, method in CASES if row.name != "measure_create"]


@pytest.mark.parametrize(("row", "method"), CASES, ids=case_ids(CASES))
def test_duisburg(world, personas, row, method):
    permission_table.assert_duisburg_answers(world, personas, row, method)


@pytest.mark.parametrize(("row", "method"), MEASURE_CASES, ids=case_ids(MEASURE_CASES))
def test_muelheim_measure_through_duisburg_address_is_not_found(world, personas, row, method):
    """/duisburg/measures/101/…: Mülheim's measure does not exist in Duisburg, for
    anybody (the measure is looked up before anyone's rights are)."""
    answers, wrote, leaks = ask_everyone(
        personas, row, method, world["muelheim"], slug="duisburg", foreign=[world["muelheim"]]
    )

    assert answers == dict.fromkeys(PERSONAS, 404)
    assert wrote == dict.fromkeys(PERSONAS, False)
    assert leaks == dict.fromkeys(PERSONAS, [])


@pytest.mark.parametrize(("row", "method"), CASES, ids=case_ids(CASES))
def test_non_public_forum_is_not_found_for_outsiders(world, personas, row, method):
    permission_table.assert_forum_hidden(world, personas, row, method)


@pytest.mark.parametrize(
    ("name", "attr"),
    [
        ("milestone_edit", "milestone"),
        ("milestone_delete", "milestone"),
        ("partnership_edit", "partnership"),
        ("partnership_delete", "partnership"),
        ("attachment_download", "attachment"),
        ("attachment_delete", "attachment"),
    ],
)
def test_a_part_of_another_measure_is_not_found(world, client, anna, name, attr):
    """Measure 1's address with a milestone (partner, file) of Mülheim's measure."""
    client.force_login(anna)
    foreign = getattr(world["muelheim"], attr)
    url = reverse(name, args=["duisburg", 1, foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert type(foreign).objects.filter(pk=foreign.pk).exists()
