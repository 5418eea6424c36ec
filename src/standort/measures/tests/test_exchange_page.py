"""The import page (upload, preview, confirm), who may exchange, and the initiative's own
fields next to the fixed columns."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from standort.measures import exchange, services
from standort.measures.exchange import columns as c
from standort.measures.models import Measure, PendingImport
from standort.measures.views import exchange as exchange_views

from . import permission_table
from .exchange_files import (
    changed,
    counts,
    export_table,
    new_row,
    to_csv,
    to_xlsx,
    upload,
)
from .factories import CustomFieldFactory
from .permission_table import LOGIN, ask_everyone

pytestmark = pytest.mark.django_db
# The shared test world of the permission tables.
world = permission_table.world
personas = permission_table.personas

VIEWERS = {"olga", "ben", "stefan", "carl", "anna", "paul"}
MANAGERS = {"anna", "paul"}


# The import page ------------------------------------------------------------------


def test_upload_with_faults_lists_them_and_writes_nothing(place, client, anna):
    client.force_login(anna)
    table = changed(export_table(place.initiative), 2, c.DUE_ON, "31.02.2018")
    changed(table, 1, c.BODY, "Arbeitskreis Unbekannt")
    before = counts()
    response = upload(client, to_csv(table))
    assert response.status_code == 200
    page = response.content.decode()
    assert "31.02.2018" in page and "Arbeitskreis Unbekannt" in page
    assert 'name="pending"' not in page
    assert counts() == before
    assert not PendingImport.objects.exists()


def test_upload_preview_and_confirm(place, client, anna):
    client.force_login(anna)
    table = changed(export_table(place.initiative), 1, c.TITLE, "Glasfaser überall")
    table.append(["", "Campus Duisburg"] + [""] * (len(table[0]) - 2))
    response = upload(client, to_xlsx(table), name="liste.xlsx")
    page = response.content.decode()
    assert "Campus Duisburg" in page
    assert "Breitband bis 2020" in page and "Glasfaser überall" in page
    pending = PendingImport.objects.get()
    assert Measure.objects.filter(title="Campus Duisburg").count() == 0
    # A second upload replaces the first pending one.
    upload(client, to_xlsx(table), name="liste.xlsx")
    pending = PendingImport.objects.get()
    response = client.post(reverse("measure_import", args=["duisburg"]), {"pending": pending.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("measure_list", args=["duisburg"])
    assert Measure.objects.filter(initiative=place.initiative, title="Campus Duisburg").exists()
    place.measure.refresh_from_db()
    assert place.measure.title == "Glasfaser überall"
    assert not PendingImport.objects.exists()


def test_preview_names_the_row_of_each_measure(place, client, anna):
    client.force_login(anna)
    table = changed(export_table(place.initiative), 2, c.TITLE, "Beirat Image")
    new_row(table, "Campus Duisburg")
    response = upload(client, to_csv(table))
    assert [(e["row"], e["title"]) for e in response.context["creates"]] == [(4, "Campus Duisburg")]
    rows = re.findall(
        r'<tr class="kern-table__row">\s*<td[^>]*>(\d*)</td>\s*<td[^>]*>([^<]*)</td>',
        response.content.decode(),
    )
    # Created: row 4, the next free number; changed: row 3, measure 2.
    assert [(row, number.strip()) for row, number in rows][1:] == [("3", "2")]
    assert rows[0][0] == "4"


@pytest.mark.parametrize(("created", "updated"), [(1, 0), (2, 1)])
def test_the_success_message_counts_in_the_plural(
    place, client, anna, monkeypatch, created, updated
):
    client.force_login(anna)
    table = export_table(place.initiative)
    for n in range(created):
        new_row(table, f"Neu {n}")
    if updated:
        changed(table, 1, c.TITLE, "Glasfaser überall")
    upload(client, to_csv(table))
    counted = []
    real = exchange_views.ngettext

    def ngettext(singular, plural, number):
        counted.append(number)
        return real(singular, plural, number)

    monkeypatch.setattr(exchange_views, "ngettext", ngettext)
    response = client.post(
        reverse("measure_import", args=["duisburg"]),
        {"pending": PendingImport.objects.get().pk},
        follow=True,
    )
    [message] = [str(m) for m in response.context["messages"]]
    assert counted == [created]
    assert f"{created} " in message and f"{updated} " in message


def test_confirm_reads_the_file_again(place, client, anna):
    """Between preview and confirmation the working group was renamed: the file is
    wrong now, and nothing is written."""
    client.force_login(anna)
    table = changed(export_table(place.initiative), 1, c.TITLE, "Glasfaser überall")
    upload(client, to_csv(table))
    pending = PendingImport.objects.get()
    place.group.name = "Arbeitskreis Mittelstand und Gründung"
    place.group.save()
    before = counts()
    response = client.post(reverse("measure_import", args=["duisburg"]), {"pending": pending.pk})
    assert response.status_code == 200
    assert "Arbeitskreis Mittelstand" in response.content.decode()
    assert counts() == before


def test_a_measure_changed_meanwhile_stops_the_import(place, client, anna, monkeypatch):
    client.force_login(anna)
    table = changed(export_table(place.initiative), 1, c.TITLE, "Glasfaser überall")
    table = changed(table, 2, c.TITLE, "Beirat Image")
    upload(client, to_csv(table))
    pending = PendingImport.objects.get()
    real_read = exchange.read

    def read_then_someone_saves(*args):
        plan = real_read(*args)
        services.measure_save(actor=anna, measure=Measure.objects.get(pk=place.other_measure.pk))
        return plan

    monkeypatch.setattr(exchange, "read", read_then_someone_saves)
    before = Measure.objects.get(pk=place.measure.pk).version
    response = client.post(reverse("measure_import", args=["duisburg"]), {"pending": pending.pk})
    assert response.status_code == 200
    place.measure.refresh_from_db()
    assert (place.measure.title, place.measure.version) == ("Breitband bis 2020", before)


@pytest.mark.parametrize("owner", ["paul", "other_initiative"])
def test_someone_elses_pending_import_is_not_found(place, client, anna, paul, muelheim, owner):
    pending = PendingImport.objects.create(
        initiative=muelheim if owner == "other_initiative" else place.initiative,
        created_by=anna if owner == "other_initiative" else paul,
        file_name="x.csv",
        content=to_csv(export_table(place.initiative)),
    )
    client.force_login(anna)
    response = client.post(reverse("measure_import", args=["duisburg"]), {"pending": pending.pk})
    assert response.status_code == 404
    assert (
        client.post(reverse("measure_import", args=["duisburg"]), {"pending": "x"}).status_code
        == 404
    )


# Who may ---------------------------------------------------------------------------


def _csv_upload(place):
    return {"file": SimpleUploadedFile("liste.csv", to_csv(export_table(place.initiative)))}


EXCHANGE_CASES = [
    ("measure_export_csv", "GET", VIEWERS),
    ("measure_export_xlsx", "GET", VIEWERS),
    ("measure_import", "GET", MANAGERS),
    ("measure_import", "POST", MANAGERS),
]


class _Row:
    def __init__(self, name, method):
        self.name, self.method = name, method
        self.post = _csv_upload

    def kwargs(self, place):
        return {}


@pytest.mark.parametrize(("name", "method", "allowed"), EXCHANGE_CASES)
def test_who_may_exchange(world, personas, name, method, allowed):
    answers, wrote, leaks = ask_everyone(
        personas,
        _Row(name, method),
        method,
        world["duisburg"],
        slug="duisburg",
        foreign=[world["muelheim"], world["forum"]],
    )
    assert answers == {
        p: 200 if p in allowed else LOGIN if p == "anonymous" else 403 for p in personas
    }
    assert not any(wrote.values())
    assert not any(leaks.values())


@pytest.mark.parametrize(("name", "method", "allowed"), EXCHANGE_CASES)
def test_the_forum_is_not_found_for_outsiders(world, personas, name, method, allowed):
    answers, _wrote, _leaks = ask_everyone(
        personas, _Row(name, method), method, world["forum"], slug="forum"
    )
    assert answers == {p: 200 if p == "paul" else 404 for p in personas}


# The initiative's own fields -------------------------------------------------------


@pytest.mark.parametrize(
    "label", [c.STATUS, "titel", " Fällig  am ", c.LIGHT, "verantwortlich e-mail"]
)
def test_an_own_field_may_not_take_the_name_of_a_fixed_column(place, anna, label):
    field = CustomFieldFactory.build(initiative=place.initiative, label=label, kind="text")
    with pytest.raises(services.DomainError) as refused:
        services.custom_field_save(actor=anna, field=field)
    assert " ".join(label.split()) in str(refused.value)
    assert field.pk is None
    # A name of its own is fine.
    field.label = "Statusbericht"
    services.custom_field_save(actor=anna, field=field)
    assert field.pk is not None
