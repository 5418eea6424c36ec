"""The office sets up the catalogue: its own fields on measures and its fields of
action. Only the office and the platform admin may."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from standort.measures.models import CustomField, Measure, Topic

from . import permission_table
from .editing import page_text, save_one_after_the_other
from .factories import CustomFieldFactory, MeasureFactory, TopicFactory
from .permission_table import (
    PERSONAS,
    Row,
    ask_everyone,
    case_ids,
    cases,
    expected,
    nothing,
    pk,
)

pytestmark = pytest.mark.django_db

# The fixtures of the table, taken over by this module.
world = permission_table.world
personas = permission_table.personas

TABLE = [
    Row("custom_field_list", "manage", nothing),
    Row(
        "custom_field_create",
        "manage",
        nothing,
        post=lambda p: {"label": "Kosten", "kind": "amount", "position": 1},
    ),
    Row(
        "custom_field_edit",
        "manage",
        pk("field"),
        post=lambda p: {
            "label": "Dringlichkeit",
            "kind": "choice",
            "choices": "hoch",
            "position": 0,
        },
    ),
    Row("custom_field_delete", "manage", pk("field"), post=lambda p: {}),
    Row("topic_list", "manage", nothing),
    Row("topic_create", "manage", nothing, post=lambda p: {"name": "Fachkräfte", "position": 2}),
    Row("topic_edit", "manage", pk("topic"), post=lambda p: {"name": "Digitales", "position": 0}),
    Row("topic_delete", "manage", pk("topic"), post=lambda p: {}),
]
CASES = cases(TABLE)
OBJECT_CASES = [(row, method) for row, method in CASES if row.kwargs is not nothing]


@pytest.mark.parametrize(("row", "method"), CASES, ids=case_ids(CASES))
def test_duisburg(world, personas, row, method):
    permission_table.assert_duisburg_answers(world, personas, row, method)


@pytest.mark.parametrize(("row", "method"), OBJECT_CASES, ids=case_ids(OBJECT_CASES))
def test_muelheim_object_through_duisburg_address_is_not_found(world, personas, row, method):
    """Anna and Paul may set up Duisburg, but Mülheim's field is not Duisburg's: 404.
    Everybody else is turned away before any lookup."""
    answers, wrote, _leaks = ask_everyone(personas, row, method, world["muelheim"], slug="duisburg")

    refused = {p: expected(row, method, p) for p in PERSONAS}
    assert answers == {p: 404 if refused[p] in (200, 302) else refused[p] for p in PERSONAS}
    assert wrote == dict.fromkeys(PERSONAS, False)


@pytest.mark.parametrize(("row", "method"), CASES, ids=case_ids(CASES))
def test_non_public_forum_is_not_found_for_outsiders(world, personas, row, method):
    permission_table.assert_forum_hidden(world, personas, row, method)


# Own fields --------------------------------------------------------------------------


def test_the_list_shows_the_initiatives_fields_only(world, client, anna):
    client.force_login(anna)
    response = client.get(reverse("custom_field_list", args=["duisburg"]))
    assert list(response.context["fields"]) == [world["duisburg"].field]
    assert f'id="field-{world["duisburg"].field.pk}"' in response.content.decode()
    assert f'id="field-{world["muelheim"].field.pk}"' not in response.content.decode()


def test_office_adds_a_choice_field(world, client, anna):
    client.force_login(anna)
    response = client.post(
        reverse("custom_field_create", args=["duisburg"]),
        {
            "label": "Förderprogramm",
            "kind": "choice",
            "choices": "EFRE\n\n  Bund \nLand",
            "help_text": "Woher das Geld kommt",
            "position": 3,
        },
    )
    assert response["Location"] == reverse("custom_field_list", args=["duisburg"])
    field = CustomField.objects.get(initiative=world["duisburg"].initiative, label="Förderprogramm")
    assert field.choice_list == ["EFRE", "Bund", "Land"]
    assert field.history.count() == 1


def test_a_choice_field_needs_choices(world, client, anna):
    client.force_login(anna)
    response = client.post(
        reverse("custom_field_create", args=["duisburg"]),
        {"label": "Förderprogramm", "kind": "choice", "choices": " \n ", "position": 0},
    )
    assert list(response.context["form"].errors) == ["choices"]


@pytest.mark.parametrize("label", ["Priorität", "PRIORITÄT"])
def test_a_label_is_unique_in_the_initiative(world, client, anna, label):
    client.force_login(anna)
    url = reverse("custom_field_create", args=["duisburg"])
    response = client.post(url, {"label": label, "kind": "text", "position": 0})
    assert list(response.context["form"].errors) == ["label"]
    # Mülheim's field of the same name is no obstacle; its own label is kept on edit.
    clara_field = world["muelheim"].field
    assert clara_field.label == "Priorität"
    edit = reverse("custom_field_edit", args=["duisburg", world["duisburg"].field.pk])
    kept = client.post(
        edit, {"label": "Priorität", "kind": "choice", "choices": "hoch", "position": 0}
    )
    assert kept.status_code == 302


def test_a_stale_field_form_keeps_the_input_and_shows_what_changed(world, anna, paul):
    """Paul renames the field, Anna (with the form opened before) adds a help text:
    she is refused, sees the new name, keeps her text and gets his name in the form."""
    field = world["duisburg"].field
    url = reverse("custom_field_edit", args=["duisburg", field.pk])

    annas, refused, seen = save_one_after_the_other(
        anna, paul, url, pauls={"label": "Dringlichkeit"}, annas={"help_text": "Wie eilig?"}
    )

    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.conflict is not None
    assert "Geändert von Paul Plattform: Bezeichnung: Priorität → Dringlichkeit" in page_text(
        refused
    )
    assert 'value="Wie eilig?"' in refused.content.decode()
    assert (form["label"].value(), form["help_text"].value()) == ("Dringlichkeit", "Wie eilig?")
    field.refresh_from_db()
    assert (field.label, field.help_text) == ("Dringlichkeit", "")

    assert annas.post(url, form.data).status_code == 302
    field.refresh_from_db()
    assert (field.label, field.help_text, field.version) == (
        "Dringlichkeit",
        "Wie eilig?",
        seen + 2,
    )


def test_deleting_a_field_removes_its_values(world, client, anna):
    place = world["duisburg"]
    other = CustomFieldFactory(initiative=place.initiative, label="Kosten", kind="amount")
    Measure.objects.filter(pk=place.measure.pk).update(
        custom_values={place.field.key: "hoch", other.key: "10.00"}
    )
    url = reverse("custom_field_delete", args=["duisburg", place.field.pk])
    client.force_login(anna)

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert confirm.context["consequence"] == values_deleted(1)

    client.post(url)
    assert not CustomField.objects.filter(pk=place.field.pk).exists()
    assert Measure.objects.get(pk=place.measure.pk).custom_values == {other.key: "10.00"}


def values_deleted(count):
    """The consequence the confirmation states, whatever the language."""
    if not count:
        return gettext("No value is deleted.")
    return ngettext(
        "The value of this field in %(count)d measure is deleted.",
        "The values of this field in %(count)d measures are deleted.",
        count,
    ) % {"count": count}


@pytest.mark.parametrize("filled", [0, 1, 3])
def test_the_confirmation_counts_the_values_it_deletes(world, client, anna, filled):
    place = world["duisburg"]
    Measure.objects.filter(initiative=place.initiative).update(custom_values={})
    for number in range(filled):
        MeasureFactory(
            initiative=place.initiative, number=50 + number, custom_values={place.field.key: "hoch"}
        )
    client.force_login(anna)
    confirm = client.get(reverse("custom_field_delete", args=["duisburg", place.field.pk]))
    assert confirm.context["consequence"] == values_deleted(filled)


@pytest.mark.parametrize(
    ("url_name", "factory", "existing", "expected"),
    [
        ("custom_field_create", CustomFieldFactory, [], 10),  # after the world's field at 0
        ("custom_field_create", CustomFieldFactory, [35, 20], 45),
        ("topic_create", TopicFactory, [7], 17),
    ],
)
def test_a_new_row_comes_after_the_existing_ones(
    world, client, anna, url_name, factory, existing, expected
):
    initiative = world["duisburg"].initiative
    for index, position in enumerate(existing):
        factory(initiative=initiative, position=position, **{_name(factory): f"Zeile {index}"})
    client.force_login(anna)
    form = client.get(reverse(url_name, args=["duisburg"])).context["form"]
    assert form["position"].value() == expected


def _name(factory):
    return "label" if factory is CustomFieldFactory else "name"


# Fields of action ----------------------------------------------------------------------


def test_office_creates_renames_and_deletes_a_field_of_action(world, client, anna):
    place = world["duisburg"]
    client.force_login(anna)
    client.post(reverse("topic_create", args=["duisburg"]), {"name": "Fachkräfte", "position": 2})
    topic = Topic.objects.get(initiative=place.initiative, name="Fachkräfte")

    listing = client.get(reverse("topic_list", args=["duisburg"]))
    assert [t.name for t in listing.context["topics"]] == ["Digitalisierung", "Fachkräfte"]
    assert [t.measure_count for t in listing.context["topics"]] == [1, 0]

    client.post(
        reverse("topic_edit", args=["duisburg", topic.pk]),
        {"name": "Fachkräfte 2030", "position": 0},
    )
    topic.refresh_from_db()
    assert (topic.name, topic.position) == ("Fachkräfte 2030", 0)

    # Deleting the field of measure 1 keeps the measure, without a field of action.
    url = reverse("topic_delete", args=["duisburg", place.topic.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    measure = Measure.objects.get(pk=place.measure.pk)
    assert measure.topic is None


@pytest.mark.parametrize("name", ["Digitalisierung", "digitalisierung"])
def test_a_field_of_action_name_is_unique(world, client, anna, name):
    client.force_login(anna)
    response = client.post(
        reverse("topic_create", args=["duisburg"]), {"name": name, "position": 0}
    )
    assert list(response.context["form"].errors) == ["name"]


def test_a_stale_field_of_action_form_keeps_the_name_typed_and_shows_the_other(world, anna, paul):
    """Both rename the field of action, Paul first: Anna's name stays in her form,
    marked with Paul's; saving it again is her deliberate choice and goes through."""
    topic = world["duisburg"].topic
    url = reverse("topic_edit", args=["duisburg", topic.pk])

    annas, refused, seen = save_one_after_the_other(
        anna, paul, url, pauls={"name": "Digitales"}, annas={"name": "Digitale Wirtschaft"}
    )

    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.conflict is not None
    assert form["name"].value() == "Digitale Wirtschaft"
    assert 'value="Digitale Wirtschaft"' in refused.content.decode()
    assert form.errors["name"] == [
        "Paul Plattform hat dieses Feld inzwischen auf „Digitales“ geändert."
    ]
    assert "Sie beide haben geändert: Name." in form.non_field_errors()[0]
    assert "Geändert von Paul Plattform: Name: Digitalisierung → Digitales" in page_text(refused)
    topic.refresh_from_db()
    assert topic.name == "Digitales"

    assert annas.post(url, form.data).status_code == 302
    topic.refresh_from_db()
    assert (topic.name, topic.version) == ("Digitale Wirtschaft", seen + 2)
