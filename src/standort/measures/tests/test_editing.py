"""Creating and editing measures and their status: what the forms accept and refuse,
a conflict between two editors, and the forms' wording."""

import datetime
import html
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from standort.initiatives.models import Membership
from standort.initiatives.tests.factories import MembershipFactory
from standort.measures import services
from standort.measures.forms import CHOOSE, NONE
from standort.measures.models import Measure

from . import permission_table
from .editing import measure_data, page_text
from .factories import CustomFieldFactory, MeasureFactory, StatusUpdateFactory

Status = Measure.Status
pytestmark = pytest.mark.django_db

# The fixture of the permission table's places, taken over by this module.
world = permission_table.world


# Creating and editing -------------------------------------------------------------


def test_office_creates_a_measure_with_tags_and_own_fields(world, client, anna):
    place = world["duisburg"]
    costs = CustomFieldFactory(initiative=place.initiative, label="Kosten", kind="amount")
    client.force_login(anna)

    response = client.post(
        reverse("measure_create", args=["duisburg"]),
        {
            "title": "Gründerzentrum Hochfeld",
            "kind": "project",
            "status": "adopted",
            "body": place.other_group.pk,
            "topic": place.topic.pk,
            "parent": place.measure.pk,
            "weight": 3,
            "owner": place.spare.pk,
            "starts_on": "2026-01-01",
            "due_on": "24.11.2026",
            "tags": "Gründung, Hochfeld,  , gründung",
            place.field.key: "hoch",
            costs.key: "1.500,50",
        },
    )

    measure = Measure.objects.get(initiative=place.initiative, title="Gründerzentrum Hochfeld")
    assert response.status_code == 302
    assert response["Location"] == measure.get_absolute_url()
    assert measure.number == 3  # the next free one
    assert measure.status == Status.ADOPTED
    assert (measure.body, measure.topic, measure.parent) == (
        place.other_group,
        place.topic,
        place.measure,
    )
    assert measure.due_on == datetime.date(2026, 11, 24)
    assert sorted(t.name for t in measure.tags.all()) == ["Gründung", "Hochfeld"]
    assert measure.custom_values == {place.field.key: "hoch", costs.key: "1500.50"}
    assert measure.history.count() == 1


def test_the_edit_form_shows_the_stored_values(world, client, anna):
    place = world["duisburg"]
    measure = place.measure
    services.set_tags(measure, ["Glasfaser", "Breitband"])
    measure.custom_values = {place.field.key: "mittel"}
    measure.save()
    client.force_login(anna)

    response = client.get(reverse("measure_edit", args=["duisburg", 1]))

    form = response.context["form"]
    assert form["tags"].value() == "Breitband, Glasfaser"
    assert form[place.field.key].value() == "mittel"
    assert form["seen_version"].value() == measure.version
    assert "status" not in form.fields


def test_a_taken_number_is_refused_next_to_the_field(world, client, anna):
    client.force_login(anna)
    place = world["duisburg"]
    response = client.post(
        reverse("measure_edit", args=["duisburg", 1]), measure_data(place, number=2)
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["number"]
    assert Measure.objects.get(pk=place.measure.pk).number == 1


def test_due_date_before_start_is_refused_next_to_the_field(world, client, anna):
    client.force_login(anna)
    response = client.post(
        reverse("measure_edit", args=["duisburg", 1]),
        measure_data(world["duisburg"], starts_on="2026-05-01", due_on="2026-04-30"),
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["due_on"]
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_measure_cannot_become_part_of_its_own_part(world, client, anna):
    place = world["duisburg"]
    child = MeasureFactory(initiative=place.initiative, number=5, parent=place.measure)
    client.force_login(anna)
    response = client.post(
        reverse("measure_edit", args=["duisburg", 1]), measure_data(place, parent=child.pk)
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["__all__"]
    assert Measure.objects.get(pk=place.measure.pk).parent is None


@pytest.mark.parametrize("field", ["body", "topic", "owner", "owner_organization", "parent"])
def test_another_initiatives_objects_are_refused(world, client, anna, field):
    muelheim = world["muelheim"]
    foreign = {
        "body": muelheim.group.pk,
        "topic": muelheim.topic.pk,
        "owner": muelheim.spare.pk,
        "owner_organization": muelheim.partnership.organization_id,
        "parent": muelheim.measure.pk,
    }
    client.force_login(anna)
    response = client.post(
        reverse("measure_edit", args=["duisburg", 1]),
        measure_data(world["duisburg"], **{field: foreign[field]}),
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]


def test_carl_creates_measures_only_in_his_group(world, client, carl):
    place = world["duisburg"]
    client.force_login(carl)
    url = reverse("measure_create", args=["duisburg"])
    form = client.get(url).context["form"]
    assert list(form.fields["body"].queryset) == [place.group]
    assert form.fields["body"].required

    new = {"title": "X", "kind": "project", "status": "proposed", "weight": 1}
    for body in [place.other_group.pk, ""]:
        refused = client.post(url, {**new, "body": body})
        assert list(refused.context["form"].errors) == ["body"]
    assert client.post(url, {**new, "body": place.group.pk}).status_code == 302
    assert Measure.objects.get(initiative=place.initiative, title="X").body == place.group


def test_carl_cannot_move_his_measure_to_another_group(world, client, carl):
    place = world["duisburg"]
    client.force_login(carl)
    response = client.post(
        reverse("measure_edit", args=["duisburg", 1]),
        measure_data(place, body=place.other_group.pk),
    )
    assert list(response.context["form"].errors) == ["body"]


def test_the_second_of_two_editors_sees_the_change_and_keeps_the_input(world, anna, paul):
    """Anna and Paul open measure 1; Paul saves first, Anna's save is refused with his
    change shown and her text kept; nothing of hers is saved until she saves again."""
    place = world["duisburg"]
    url = reverse("measure_edit", args=["duisburg", 1])
    annas, pauls = Client(), Client()
    annas.force_login(anna)
    pauls.force_login(paul)
    seen = annas.get(url).context["form"]["seen_version"].value()
    assert pauls.get(url).context["form"]["seen_version"].value() == seen

    saved = pauls.post(url, measure_data(place, title="Breitband für alle", seen_version=seen))
    refused = annas.post(
        url,
        measure_data(place, description="Ausbau in Hochfeld", tags="Glasfaser", seen_version=seen),
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = page_text(refused)
    assert "Geändert von Paul Plattform:" in page
    assert "Breitband bis 2020 → Breitband für alle" in page
    assert "Ausbau in Hochfeld</textarea>" in refused.content.decode()
    assert 'value="Glasfaser"' in refused.content.decode()
    measure = Measure.objects.get(pk=place.measure.pk)
    assert (measure.title, measure.description) == ("Breitband für alle", "")
    assert not measure.tags.exists()

    newer = refused.context["form"]["seen_version"].value()
    again = annas.post(
        url,
        measure_data(place, title="Breitband für alle", description="Ausbau", seen_version=newer),
    )
    assert again.status_code == 302
    measure.refresh_from_db()
    assert (measure.title, measure.description) == ("Breitband für alle", "Ausbau")


# Status ---------------------------------------------------------------------------


def test_only_the_next_statuses_are_offered(world, client, anna):
    client.force_login(anna)
    form = client.get(reverse("measure_status", args=["duisburg", 1])).context["form"]
    assert [value for value, _label in form.fields["status"].choices] == [
        "",  # nothing preselected: the new status is a choice to make
        "in_progress",
        "done",
        "on_hold",
        "dropped",
    ]
    assert not form["status"].value()
    refused = client.post(reverse("measure_status", args=["duisburg", 1]), {"status": "proposed"})
    assert list(refused.context["form"].errors) == ["status"]
    empty = client.post(reverse("measure_status", args=["duisburg", 1]), {"status": ""})
    assert list(empty.context["form"].errors) == ["status"]


@pytest.mark.parametrize("status", ["on_hold", "dropped"])
def test_holding_or_dropping_needs_a_reason(world, client, anna, status):
    client.force_login(anna)
    url = reverse("measure_status", args=["duisburg", 1])
    refused = client.post(url, {"status": status, "reason": "  "})
    assert list(refused.context["form"].errors) == ["reason"]
    assert Measure.objects.get(pk=world["duisburg"].measure.pk).status == Status.ADOPTED

    assert client.post(url, {"status": status, "reason": "Kein Budget"}).status_code == 302
    measure = Measure.objects.get(pk=world["duisburg"].measure.pk)
    assert (measure.status, measure.status_reason) == (status, "Kein Budget")


def test_adopting_records_body_date_and_decision(world, client, anna):
    place = world["duisburg"]
    steering = place.other_group
    Measure.objects.filter(pk=place.measure.pk).update(status=Status.PROPOSED)
    client.force_login(anna)
    response = client.post(
        reverse("measure_status", args=["duisburg", 1]),
        {
            "status": "adopted",
            "adopted_by": steering.pk,
            "adopted_on": "2017-03-16",
            "decision": "Beschluss 3/2017",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(pk=place.measure.pk)
    assert (measure.status, measure.adopted_by, measure.adopted_on, measure.decision) == (
        Status.ADOPTED,
        steering,
        datetime.date(2017, 3, 16),
        "Beschluss 3/2017",
    )


def test_a_stale_status_form_is_refused(world, client, anna):
    place = world["duisburg"]
    client.force_login(anna)
    url = reverse("measure_status", args=["duisburg", 1])
    seen = client.get(url).context["form"]["seen_version"].value()
    services.measure_save(actor=anna, measure=Measure.objects.get(pk=place.measure.pk))

    refused = client.post(url, {"status": "done", "seen_version": seen})

    assert refused.status_code == 200
    assert refused.context["form"].conflict is not None
    assert Measure.objects.get(pk=place.measure.pk).status == Status.ADOPTED


# Conflicts: the other writer's change is merged into the form ------------------------


def two_editors(anna, paul, url):
    """Anna and Paul with the form of `url` open at the same version."""
    annas, pauls = Client(), Client()
    annas.force_login(anna)
    pauls.force_login(paul)
    seen = annas.get(url).context["form"]["seen_version"].value()
    assert pauls.get(url).context["form"]["seen_version"].value() == seen
    return annas, pauls, seen


def test_a_conflict_takes_the_other_writers_change_into_the_form(world, anna, paul):
    """Anna changes the goal and an own field, Paul the title. Paul is refused, and his
    form now holds Anna's goal and value next to his title, so saving it again keeps
    both changes instead of quietly undoing hers."""
    place = world["duisburg"]
    key = place.field.key
    url = reverse("measure_edit", args=["duisburg", 1])
    annas, pauls, seen = two_editors(anna, paul, url)

    saved = annas.post(
        url, measure_data(place, goal="Alle Gewerbegebiete", seen_version=seen, **{key: "hoch"})
    )
    refused = pauls.post(url, measure_data(place, title="Breitband für alle", seen_version=seen))

    assert saved.status_code == 302
    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.conflict is not None
    assert (form["title"].value(), form["goal"].value(), form[key].value()) == (
        "Breitband für alle",
        "Alle Gewerbegebiete",
        "hoch",
    )
    assert list(form.errors) == ["__all__"]  # nothing changed by both
    assert "Alle Gewerbegebiete</textarea>" in refused.content.decode()

    again = pauls.post(url, form.data)

    assert again.status_code == 302
    measure = Measure.objects.get(pk=place.measure.pk)
    assert (measure.title, measure.goal, measure.custom_values) == (
        "Breitband für alle",
        "Alle Gewerbegebiete",
        {key: "hoch"},
    )


def test_a_field_changed_by_both_keeps_the_input_and_is_marked(world, anna, paul):
    place = world["duisburg"]
    url = reverse("measure_edit", args=["duisburg", 1])
    annas, pauls, seen = two_editors(anna, paul, url)

    annas.post(
        url,
        measure_data(
            place, title="Glasfaser überall", body=place.other_group.pk, seen_version=seen
        ),
    )
    refused = pauls.post(url, measure_data(place, title="Breitband für alle", seen_version=seen))

    form = refused.context["form"]
    assert sorted(form.errors) == ["__all__", "title"]
    assert form["title"].value() == "Breitband für alle"  # his input stays
    assert "Glasfaser überall" in form.errors["title"][0]  # what Anna chose
    assert form["body"].value() == str(place.other_group.pk)  # only Anna changed it
    content = refused.content.decode()
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*id="id_title"[^>]*>', content)[0]
    assert 'href="#id_title"' in content  # the summary leads to the field
    assert "Titel" in form.non_field_errors()[0] or "Title" in form.non_field_errors()[0]

    again = pauls.post(url, form.data)
    assert again.status_code == 302
    measure = Measure.objects.get(pk=place.measure.pk)
    assert (measure.title, measure.body) == ("Breitband für alle", place.other_group)


def test_without_a_record_of_the_seen_version_the_input_is_kept_unmerged(world, anna, paul):
    place = world["duisburg"]
    url = reverse("measure_edit", args=["duisburg", 1])
    annas, pauls, seen = two_editors(anna, paul, url)
    annas.post(url, measure_data(place, goal="Alle Gewerbegebiete", seen_version=seen))
    Measure.history.filter(id=place.measure.pk, version=seen).delete()

    refused = pauls.post(url, measure_data(place, title="Breitband für alle", seen_version=seen))

    form = refused.context["form"]
    assert form.conflict is not None
    assert list(form.errors) == ["__all__"]
    assert (form["title"].value(), form["goal"].value()) == ("Breitband für alle", None)
    assert form["seen_version"].value() == seen + 1


# Error summary, form wording, preselection --------------------------------------------


def test_the_error_summary_links_every_faulty_field_and_takes_the_focus(world, client, anna):
    client.force_login(anna)
    response = client.post(
        reverse("measure_create", args=["duisburg"]),
        {
            "title": "",
            "kind": "measure",
            "status": "proposed",
            "starts_on": "2026-05-01",
            "due_on": "2026-01-01",
            "weight": 1,
        },
    )
    assert sorted(response.context["form"].errors) == ["due_on", "title"]
    content = response.content.decode()
    summary = re.search(r'<div[^>]*id="error-summary".*?</div>\s*</div>', content, re.S)[0]
    assert 'tabindex="-1"' in summary
    assert re.findall(r'href="#(id_\w+)"', summary) == ["id_title", "id_due_on"]
    # The focus moves there by the site's script (no inline script under the CSP).
    assert re.search(r'<script src="[^"]*core/standort\.js" defer>', content)
    script = Path(finders.find("core/standort.js")).read_text()
    assert 'getElementById("error-summary")' in script and "summary.focus()" in script


def test_empty_choices_say_none_instead_of_dashes(world, client, anna, carl):
    place = world["duisburg"]
    client.force_login(anna)
    content = client.get(reverse("measure_edit", args=["duisburg", 1])).content.decode()
    assert "---------" not in content
    form = client.get(reverse("measure_create", args=["duisburg"])).context["form"]
    for name in ["body", "topic", "parent", "owner", "owner_organization", "adopted_by"]:
        assert form.fields[name].empty_label == NONE, name
    assert form.fields[place.field.key].choices[0] == ("", NONE)
    client.force_login(carl)
    form = client.get(reverse("measure_create", args=["duisburg"])).context["form"]
    assert form.fields["body"].empty_label == CHOOSE  # he must choose one of his groups


def test_who_leads_exactly_one_group_gets_it_preselected(world, client, anna, carl):
    place = world["duisburg"]
    url = reverse("measure_create", args=["duisburg"])
    client.force_login(carl)
    assert client.get(url).context["form"]["body"].value() == place.group.pk
    client.force_login(anna)
    assert client.get(url).context["form"]["body"].value() is None


def test_who_leads_two_groups_chooses(world, client, carl):
    place = world["duisburg"]
    MembershipFactory(
        body=place.other_group, person=carl.person_record, role=Membership.Role.MANAGER
    )
    client.force_login(carl)
    form = client.get(reverse("measure_create", args=["duisburg"])).context["form"]
    assert form["body"].value() is None


# The status form ----------------------------------------------------------------------


def test_the_status_form_offers_adoption_only_when_adopting_is_next(world, client, anna):
    place = world["duisburg"]
    client.force_login(anna)
    url = reverse("measure_status", args=["duisburg", 1])
    form = client.get(url).context["form"]  # adopted: adopting is not next
    assert not {"adopted_by", "adopted_on", "decision"} & set(form.fields)

    Measure.objects.filter(pk=place.measure.pk).update(status=Status.PROPOSED)
    form = client.get(url).context["form"]
    assert {"adopted_by", "adopted_on", "decision"} <= set(form.fields)
    labels = [str(field.label) for field in form.fields.values() if field.label]
    assert all(label[0].isupper() for label in labels), labels


def test_the_reason_says_when_it_is_required_not_optional(world, client, anna):
    client.force_login(anna)
    response = client.get(reverse("measure_status", args=["duisburg", 1]))
    reason = response.context["form"].fields["reason"]
    assert not reason.required and reason.required_when
    label = re.search(r'<label[^>]*for="id_reason".*?</label>', response.content.decode(), re.S)
    assert str(reason.required_when) in html.unescape(label[0])
    assert "kern-label__optional" in label[0]
    assert html.unescape(label[0]).count("–") == 1  # one hint, not also "optional"


# The confirmation of deleting or archiving ------------------------------------------------


def test_the_confirmation_says_archive_or_delete_for_good(world, client, anna):
    place = world["duisburg"]
    client.force_login(anna)
    url = reverse("measure_delete", args=["duisburg", 2])
    erase = client.get(url)
    StatusUpdateFactory(measure=place.other_measure)
    archive = client.get(url)

    assert (erase.context["archives"], archive.context["archives"]) == (False, True)
    assert erase.context["confirm_label"] != archive.context["confirm_label"]
    for page in (erase, archive):
        content = page.content.decode()
        button = re.search(r'<button[^>]*id="confirm-delete".*?</button>', content, re.S)[0]
        assert str(page.context["confirm_label"]) in button
        # An erased measure's history page is gone: the page must not lead there.
        assert reverse("measure_history", args=["duisburg", 2]) not in content
    edit = client.get(reverse("measure_edit", args=["duisburg", 2])).context
    assert edit["delete_label"] == archive.context["heading"]


def test_a_measure_with_parts_offers_no_delete_button(world, client, anna):
    place = world["duisburg"]
    MeasureFactory(initiative=place.initiative, number=9, parent=place.measure)
    client.force_login(anna)
    response = client.get(reverse("measure_delete", args=["duisburg", 1]))
    assert response.context["blocked"] is True
    assert 'id="confirm-delete"' not in response.content.decode()
