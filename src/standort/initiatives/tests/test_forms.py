"""Form errors are German and stand next to their field."""

from django.urls import reverse

from standort.core.testing import error_of
from standort.initiatives.models import Person

from .factories import BodyFactory


def test_an_invalid_e_mail_address_is_explained_at_the_field(client, duisburg, anna):
    client.force_login(anna)

    response = client.post(
        reverse("person_create", args=["duisburg"]),
        {"first_name": "Nora", "last_name": "Neumann", "email": "nora@"},
    )

    assert response.status_code == 200
    assert error_of(response, "email") == "Bitte gültige E-Mail-Adresse eingeben."
    assert 'value="Neumann"' in response.content.decode()
    assert not Person.objects.filter(last_name="Neumann").exists()


def test_a_missing_name_is_explained_at_the_field(client, duisburg, anna):
    client.force_login(anna)
    response = client.post(reverse("person_create", args=["duisburg"]), {"first_name": "Nora"})
    assert error_of(response, "last_name") == "Dieses Feld ist zwingend erforderlich."


def test_a_sub_group_without_parent_is_explained_at_the_parent_field(client, duisburg, anna):
    client.force_login(anna)
    response = client.post(
        reverse("body_create", args=["duisburg"]),
        {"kind": "sub_group", "name": "Flächen", "position": 0},
    )
    assert (
        error_of(response, "parent") == "Ein Unterarbeitskreis braucht ein übergeordnetes Gremium."
    )


def test_a_body_of_another_initiative_cannot_be_chosen_as_parent(client, duisburg, muelheim, anna):
    foreign = BodyFactory(initiative=muelheim, name="Arbeitskreis Ruhrufer")
    client.force_login(anna)
    response = client.post(
        reverse("body_create", args=["duisburg"]),
        {"kind": "sub_group", "name": "Flächen", "position": 0, "parent": foreign.pk},
    )
    assert error_of(response, "parent").startswith("Bitte eine gültige Auswahl treffen.")
    assert "Arbeitskreis Ruhrufer" not in response.content.decode()


def test_a_membership_cannot_end_before_it_starts(client, duisburg, anna):
    body = BodyFactory(initiative=duisburg)
    client.force_login(anna)
    response = client.post(
        reverse("membership_create", args=["duisburg", body.pk]),
        {
            "person": anna.person.pk,
            "role": "member",
            "starts_on": "01.03.2026",
            "ends_on": "2026-02-01",
        },
    )
    assert "Ende" in error_of(response, "ends_on")
