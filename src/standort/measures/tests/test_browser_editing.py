"""Editing the catalogue in the browser: Anna creates a measure with an own field of
the initiative and edits it; then she meets a conflict and keeps what she typed.
Every page passes axe-core; the form and the conflict are saved to var/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from standort.measures import services
from standort.measures.models import Measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def label(*alternatives):
    """A field's label in German or English, with or without "– optional"."""
    return re.compile("^(" + "|".join(re.escape(a) for a in alternatives) + ")", re.IGNORECASE)


SAVE = re.compile("^(Speichern|Save)$")
TITLE = label("Titel", "Title")
WORKING_GROUP = label("Arbeitskreis", "Working group")
TAGS = label("Schlagworte", "Schlagwörter", "Tags")
DESCRIPTION = label("Beschreibung", "Description")


def test_create_and_edit_a_measure_with_an_own_field(ui, measures, anna):
    place = measures["duisburg"]
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/measures/new/")
    ui.check(shot="measures-form-new")

    page.get_by_label(TITLE).fill("Gründerzentrum Hochfeld")
    page.get_by_label(WORKING_GROUP).select_option(label="Arbeitskreis Mittelstand")
    page.get_by_label(label("Beginn", "Start")).fill("2026-01-01")
    page.get_by_label(label("Fällig am", "Due on")).fill("2026-11-24")
    page.get_by_label(TAGS).fill("Gründung, Hochfeld")
    page.get_by_label(label("Priorität")).select_option("hoch")
    page.get_by_role("button", name=SAVE).click()
    ui.check()

    measure = Measure.objects.get(initiative=place.initiative, title="Gründerzentrum Hochfeld")
    expect(page).to_have_url(re.compile(rf"/duisburg/measures/{measure.number}/$"))
    assert measure.custom_values == {place.field.key: "hoch"}
    assert measure.body == place.group
    assert str(measure.due_on) == "2026-11-24"

    ui.goto(f"/duisburg/measures/{measure.number}/edit/")
    expect(page.get_by_label(label("Priorität"))).to_have_value("hoch")
    expect(page.get_by_label(TAGS)).to_have_value("Gründung, Hochfeld")
    page.get_by_label(label("Priorität")).select_option("niedrig")
    page.get_by_label(TITLE).fill("Gründerzentrum Hochfeld und Ruhrort")
    page.get_by_role("button", name=SAVE).click()
    ui.check()

    measure.refresh_from_db()
    assert measure.title == "Gründerzentrum Hochfeld und Ruhrort"
    assert measure.custom_values == {place.field.key: "niedrig"}


def test_a_conflict_merges_the_other_change_and_keeps_what_was_typed(ui, measures, anna, paul):
    place = measures["duisburg"]
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/measures/1/edit/")
    page.get_by_label(DESCRIPTION).fill("Ausbau zuerst in Hochfeld und Marxloh.")
    page.get_by_label(label("Ziel", "Goal")).fill("Alle Gewerbegebiete")

    # Meanwhile Paul renames the measure and sets a goal of his own.
    measure = Measure.objects.get(pk=place.measure.pk)
    measure.title = "Glasfaser für alle Gewerbegebiete"
    measure.goal = "Gigabit bis 2025"
    services.measure_save(actor=paul, measure=measure, expected_version=measure.version)

    page.get_by_role("button", name=SAVE).click()
    ui.check(shot="measures-form-conflict")

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Paul Plattform")
    expect(summary).to_contain_text("Breitband bis 2020 → Glasfaser für alle Gewerbegebiete")
    # Paul's title is taken into her form, her description kept; the goal both changed
    # is marked, with her text in it and a link to it from the summary.
    expect(page.get_by_label(TITLE)).to_have_value("Glasfaser für alle Gewerbegebiete")
    expect(page.get_by_label(DESCRIPTION)).to_have_value("Ausbau zuerst in Hochfeld und Marxloh.")
    goal = page.locator("#id_goal")
    expect(goal).to_have_value("Alle Gewerbegebiete")
    expect(goal).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_goal_error")).to_contain_text("Gigabit bis 2025")
    summary.locator('a[href="#id_goal"]').click()
    expect(goal).to_be_focused()
    # Nothing of hers is saved yet.
    assert Measure.objects.get(pk=place.measure.pk).description == ""

    page.get_by_role("button", name=SAVE).click()
    ui.check()
    # (The browser keeps the fragment the summary's link added across the redirect.)
    expect(page).to_have_url(re.compile(r"/duisburg/measures/1/(#id_goal)?$"))
    saved = Measure.objects.get(pk=place.measure.pk)
    assert (saved.title, saved.description, saved.goal) == (
        "Glasfaser für alle Gewerbegebiete",
        "Ausbau zuerst in Hochfeld und Marxloh.",
        "Alle Gewerbegebiete",
    )


def test_status_form_and_delete_confirmation(ui, measures, anna):
    place = measures["duisburg"]
    page = ui.page
    Measure.objects.filter(pk=place.measure.pk).update(status=Measure.Status.PROPOSED)
    ui.sign_in("anna@example.org", next_path="/duisburg/measures/1/status/")
    ui.check(shot="measures-status-form")
    expect(page.locator("#id_status")).to_have_value("")
    expect(page.locator("#id_adopted_by")).to_be_visible()
    page.get_by_role("button", name=re.compile("^(Status ändern|Change status)$")).click()
    ui.check(shot="measures-status-form-errors")
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator('#error-summary a[href="#id_status"]')).to_be_visible()

    ui.goto("/duisburg/measures/2/delete/", shot="measures-delete-confirm")
    expect(page.locator("#confirm-delete")).to_be_visible()
    title = place.other_measure.title
    page.locator("#confirm-delete").click()
    ui.check()
    expect(page.get_by_role("link", name=title)).to_have_count(0)
    # The erased measure's page is gone; the initiative's history tells who erased it.
    ui.goto("/duisburg/history/", shot="measures-erased-in-history")
    entry = page.locator(".history__entry").filter(has_text=title).first
    expect(entry).to_contain_text("Anna")
    expect(entry).to_contain_text(re.compile("gelöscht|deleted"))
