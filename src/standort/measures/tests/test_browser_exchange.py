"""Anna exports the measure list, then imports a file with faults and a good one."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from standort.measures.models import Measure

from .exchange_files import export_table, to_csv, to_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_export_and_import(ui, measures, anna):
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/measures/")

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("CSV")).click()
    content = download.value.path().read_bytes()
    assert download.value.suggested_filename.startswith("massnahmen-duisburg-")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["Breitband bis 2020", "Beirat Imageentwicklung"]

    page.get_by_role("link", name=re.compile("^(Import|Importieren)")).click()
    ui.check(shot="measures-import")
    table = export_table(measures["duisburg"].initiative)
    due = table[0].index("Fällig am")
    table[2][due] = "31.02.2018"
    file_input = page.get_by_label(re.compile("^(Datei|File)$"))
    file_input.set_input_files(
        {"name": "liste.csv", "mimeType": "text/csv", "buffer": to_csv(table)}
    )
    page.get_by_role("button", name=re.compile("Datei prüfen|Check file")).click()
    ui.check(shot="measures-import-errors")
    faults = page.get_by_role("table", name=re.compile("Fehler|Faults"))
    expect(faults).to_contain_text("31.02.2018")
    expect(faults.get_by_role("row").nth(1)).to_contain_text("3")
    assert not Measure.objects.filter(title="Campus Duisburg").exists()

    table[2][due] = "31.12.2027"
    table.append(["", "Campus Duisburg"] + [""] * (len(table[0]) - 2))
    page.get_by_label(re.compile("^(Datei|File)$")).set_input_files(
        {"name": "liste.xlsx", "mimeType": "application/octet-stream", "buffer": to_xlsx(table)}
    )
    page.get_by_role("button", name=re.compile("Datei prüfen|Check file")).click()
    ui.check(shot="measures-import-preview")
    created = page.get_by_role("table", name=re.compile("angelegt|created"))
    expect(created).to_contain_text("Campus Duisburg")
    changes = page.get_by_role("table", name=re.compile("geändert|changed"))
    expect(changes).to_contain_text("31.12.2027")
    # The row of the file each comes from: the new one is row 4, measure 2 is row 3.
    expect(created.get_by_role("row").nth(1).get_by_role("cell").first).to_have_text("4")
    expect(changes.get_by_role("row").nth(1).get_by_role("cell").first).to_have_text("3")
    page.get_by_role("button", name=re.compile("Import bestätigen|Confirm import")).click()
    ui.check()
    expect(page.get_by_text(re.compile(r"import.*\b1\b.*\b1\b", re.IGNORECASE))).to_be_visible()
    expect(page.get_by_role("link", name="Campus Duisburg")).to_be_visible()
