"""Anna adds, changes and removes a membership; the body's "Änderungsverlauf" tells who
did what, field by field, in German."""

import re

from django.urls import reverse

from standort.initiatives.models import Membership

from .factories import BodyFactory, PersonFactory
from .test_concurrency import text


def history_section(response):
    page = text(response)
    assert "Änderungsverlauf" in page
    return page[page.index("Änderungsverlauf") :]


def test_a_membership_shows_up_in_the_body_history(client, duisburg, anna):
    body = BodyFactory(initiative=duisburg, name="Arbeitskreis Logistik")
    hanna = PersonFactory(first_name="Hanna", last_name="Homberg", initiative=duisburg)
    client.force_login(anna)
    body_url = reverse("body_detail", args=["duisburg", body.pk])

    client.post(
        reverse("membership_create", args=["duisburg", body.pk]),
        {"person": hanna.pk, "role": "member", "starts_on": "2026-02-01"},
    )
    history = history_section(client.get(body_url))
    assert "Anna Albers · Mitgliedschaft: Hanna Homberg angelegt" in history
    assert "Rolle: – → Mitglied" in history
    assert "von: – → 01.02.2026" in history.lower()

    membership = Membership.objects.get(body=body, person=hanna)
    client.post(
        reverse("membership_edit", args=["duisburg", membership.pk]),
        {"role": "chair", "starts_on": "2026-02-01", "ends_on": "2027-01-31"},
    )
    history = history_section(client.get(body_url))
    changed = history.index("Mitgliedschaft: Hanna Homberg geändert")
    assert changed < history.index("angelegt"), "newest first"
    assert "Rolle: Mitglied → Vorsitz" in history
    assert "bis: – → 31.01.2027" in history.lower()

    client.post(reverse("membership_delete", args=["duisburg", membership.pk]))
    history = history_section(client.get(body_url))
    assert history.index("Anna Albers · Mitgliedschaft: Hanna Homberg gelöscht") < history.index(
        "geändert"
    )


def test_the_history_names_who_changed_the_body_itself(client, duisburg, anna, paul):
    body = BodyFactory(initiative=duisburg, name="Arbeitskreis Logistik", position=1)
    client.force_login(paul)
    client.post(
        reverse("body_edit", args=["duisburg", body.pk]),
        {"kind": "working_group", "name": "Arbeitskreis Logistik und Hafen", "position": 1},
    )
    client.force_login(anna)

    history = history_section(client.get(reverse("body_detail", args=["duisburg", body.pk])))

    assert re.search(
        r"Paul Plattform · Gremium: Arbeitskreis Logistik und Hafen geändert "
        r"Name: Arbeitskreis Logistik → Arbeitskreis Logistik und Hafen",
        history,
    )
    # The version counter is bookkeeping, not a change a person made.
    assert "Version" not in history


def test_the_body_page_shows_the_newest_changes_and_links_the_whole_history(
    client, duisburg, anna, ben
):
    """Five changes on the body page; all of them, 50 to a page, on the history page,
    which Ben (member) may read too. Names stay as they were when the change was made."""
    body = BodyFactory(initiative=duisburg, name="Arbeitskreis Häfen")
    client.force_login(anna)
    for n in range(60):
        person = PersonFactory(first_name="Gast", last_name=f"Nummer {n:02}", initiative=duisburg)
        client.post(
            reverse("membership_create", args=["duisburg", body.pk]),
            {"person": person.pk, "role": "guest"},
        )
    PersonFactory._meta.model.objects.filter(last_name="Nummer 59").update(last_name="Umbenannt")

    client.force_login(ben)
    page = history_section(client.get(reverse("body_detail", args=["duisburg", body.pk])))
    assert page.count("angelegt") == 5
    assert "Gast Nummer 59" in page and "Gast Nummer 54" not in page
    full_url = reverse("body_history", args=["duisburg", body.pk])
    assert (
        f'href="{full_url}"'
        in client.get(reverse("body_detail", args=["duisburg", body.pk])).content.decode()
    )

    first = text(client.get(full_url))
    assert first.count("Mitgliedschaft: Gast Nummer") == 50
    assert "Gast Nummer 10" in first and "Gast Nummer 09" not in first
    second = text(client.get(full_url, {"page": 2}))
    assert "Gast Nummer 09" in second and "Gast Nummer 00" in second
    assert "Gremium: Arbeitskreis Häfen" in second


def test_the_office_records_a_persons_consent_to_be_named_publicly(client, duisburg, anna):
    """Off until the office ticks it; the person's history keeps who did, and the
    person's page says what the public page shows."""
    person = PersonFactory(first_name="Hannelore", last_name="Hafenmeister", initiative=duisburg)
    assert not person.name_is_public
    url = reverse("person_edit", args=["duisburg", person.pk])
    client.force_login(anna)
    field = client.get(url).context["form"]["name_is_public"]
    assert field.label == "Name darf öffentlich genannt werden" and field.value() is False
    data = {"first_name": "Hannelore", "last_name": "Hafenmeister", "seen_version": 1}
    client.post(url, {**data, "name_is_public": "on"})
    person.refresh_from_db()
    assert person.name_is_public
    newest = person.history.order_by("-history_id").first()
    assert newest.name_is_public and newest.history_user == anna
    detail = client.get(reverse("person_detail", args=["duisburg", person.pk]))
    assert "als Verantwortliche/r der eigenen Maßnahmen genannt" in detail.content.decode()
