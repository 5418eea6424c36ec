"""Every export shows exactly the fields its reader may see on the pages: an observer
sees no e-mail address on a person's page, and so none in the measure files either
(issue 14, item 14)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from standort.measures.exchange import columns as c

pytestmark = pytest.mark.django_db

# Who works in Duisburg sees contact details; its observer does not.
SEES_CONTACTS = {"anna": True, "stefan": True, "ben": True, "olga": False}


def _csv_table(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_table(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [["" if value is None else str(value) for value in row] for row in sheet.values]


READERS = {"csv": _csv_table, "xlsx": _xlsx_table}


@pytest.mark.parametrize("persona", SEES_CONTACTS)
@pytest.mark.parametrize("file_format", READERS)
def test_the_measure_files_hold_e_mail_addresses_only_for_who_may_see_them(
    as_persona, measures, persona, file_format
):
    # Measure 1 is Ben's, with Stefan as its partner; a second Stefan makes the export
    # tell them apart by address where it may.
    place = measures["duisburg"]
    client = as_persona(persona)
    url = reverse(f"measure_export_{file_format}", args=[place.initiative.slug])
    response = client.get(url)
    assert response.status_code == 200
    header, *rows = READERS[file_format](response.content)
    text = "\n".join(";".join(row) for row in rows)
    sees = SEES_CONTACTS[persona]
    assert (c.OWNER_EMAIL in header) is sees
    assert ("ben@example.org" in text) is sees
    assert "@" not in text or sees
    # The rest of the row is the same for everybody.
    assert c.OWNER in header
    assert "Brandt" in text


@pytest.mark.parametrize("persona", SEES_CONTACTS)
def test_a_persons_page_shows_contact_details_to_who_works_in_the_initiative(
    as_persona, measures, persona
):
    place = measures["duisburg"]
    person = place.measure.owner
    person.phone = "0203 283-0"
    person.save()
    client = as_persona(persona)
    page = client.get(reverse("person_detail", args=[place.initiative.slug, person.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert person.full_name in content
    assert ("ben@example.org" in content) is SEES_CONTACTS[persona]
    assert ("0203 283-0" in content) is SEES_CONTACTS[persona]


@pytest.mark.parametrize("persona", SEES_CONTACTS)
def test_a_persons_history_shows_contact_details_to_who_works_in_the_initiative(
    as_persona, measures, persona
):
    place = measures["duisburg"]
    person = place.measure.owner
    client = as_persona(persona)
    page = client.get(reverse("person_history", args=[place.initiative.slug, person.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Brandt" in content
    assert ("ben@example.org" in content) is SEES_CONTACTS[persona]


@pytest.mark.parametrize("persona", SEES_CONTACTS)
def test_people_are_found_by_address_only_by_who_may_see_it(as_persona, measures, persona):
    place = measures["duisburg"]
    client = as_persona(persona)
    page = client.get(reverse("person_list", args=[place.initiative.slug]), {"q": "ben@example"})
    assert ("Brandt" in page.content.decode()) is SEES_CONTACTS[persona]
