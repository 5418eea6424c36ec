"""Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit (issue 15, point
8): the platform's at `/impressum/` …, an initiative's at `/<slug>/impressum/` …,
linked in every page's footer. Everyone who may see the pages reads them; the office
of the initiative and the platform admin write an initiative's, only the platform
admin the platform's. An initiative without a text of its own shows the platform's,
and a text nobody has adapted yet is marked as the sample it is."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from standort.conftest import PERSONAS
from standort.core.testing import assert_access
from standort.home import services
from standort.home.models import (
    ENFORCEMENT_NRW,
    InitiativeAccessibilityStatement,
    InitiativeLegalText,
    PlatformAccessibilityStatement,
    PlatformLegalText,
)
from standort.home.queries import sample_text

PAGES = ["imprint", "privacy", "accessibility"]
PATHS = {"imprint": "impressum", "privacy": "datenschutz", "accessibility": "barrierefreiheit"}
SAMPLE = "Muster – bitte anpassen"


def url(name, slug=None):
    return reverse(f"initiative_{name}", args=[slug]) if slug else reverse(name)


def page_text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def statement_data(**extra):
    return {
        "conformance": "partial",
        "non_accessible": "Ältere PDF-Berichte sind nicht barrierefrei.",
        "prepared_on": "2026-11-24",
        "reviewed_on": "",
        "method": "self",
        "contact_email": "barrierefrei@duisburg.example.org",
        "contact_phone": "0203 123456",
        "enforcement": ENFORCEMENT_NRW,
        **extra,
    }


def edit_data(name, **extra):
    if name == "accessibility":
        return statement_data(**extra)
    return {"text": "# Impressum\n\nUnternehmerverband, Düsseldorfer Straße 1", **extra}


@pytest.fixture
def everyone(anna, stefan, ben, olga, clara, paul, eva):
    pass


# Addresses and permissions ----------------------------------------------------------


def test_the_addresses_are_the_german_ones():
    for name, path in PATHS.items():
        assert url(name) == f"/{path}/"
        assert url(name, "duisburg") == f"/duisburg/{path}/"
        assert url(f"{name}_edit", "duisburg") == f"/duisburg/{path}/edit/"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", PAGES)
def test_everyone_reads_the_platform_and_a_public_initiatives_pages(
    everyone, as_persona, persona, name
):
    client = as_persona(persona)
    assert client.get(url(name)).status_code == 200
    assert client.get(url(name, "duisburg")).status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", PAGES)
def test_the_office_and_the_platform_admin_edit_an_initiatives_pages(
    everyone, as_persona, persona, name
):
    """Clara runs Mülheim's office: Duisburg's pages are not hers to write."""
    client = as_persona(persona)
    assert_access(client.get(url(f"{name}_edit", "duisburg")), persona, {"anna", "paul"})
    response = client.post(url(f"{name}_edit", "duisburg"), edit_data(name))
    assert_access(response, persona, {"anna", "paul"})


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", PAGES)
def test_only_the_platform_admin_edits_the_platforms_pages(everyone, as_persona, persona, name):
    client = as_persona(persona)
    assert_access(client.get(url(f"{name}_edit")), persona, {"paul"})
    assert_access(client.post(url(f"{name}_edit"), edit_data(name)), persona, {"paul"})


@pytest.mark.parametrize("name", PAGES)
def test_a_private_initiatives_pages_stay_hidden_from_outsiders(internal, eva, client, name):
    """Its legal pages belong to the pages its members reach: to everyone else the
    initiative does not exist, its legal notices included."""
    assert client.get(url(name, "forum")).status_code == 404
    client.force_login(eva)
    assert client.get(url(name, "forum")).status_code == 404


def test_no_initiative_can_take_a_legal_pages_address(db):
    from standort.initiatives.models import RESERVED_SLUGS

    assert set(PATHS.values()) <= RESERVED_SLUGS


# The footer -----------------------------------------------------------------------------


def test_a_platform_pages_footer_links_the_platforms_legal_pages(client, duisburg):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    for name, label in [
        ("imprint", "Impressum"),
        ("privacy", "Datenschutzerklärung"),
        ("accessibility", "Erklärung zur Barrierefreiheit"),
    ]:
        assert f'href="{url(name)}">{label}</a>' in footer


def test_an_initiatives_footer_links_its_own_legal_pages(client, duisburg):
    footer = client.get("/duisburg/").content.decode().split('<footer class="site-footer">')[1]
    for name in PAGES:
        assert f'href="{url(name, "duisburg")}"' in footer
        assert f'href="{url(name)}"' not in footer


# What the pages show ------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_a_page_nobody_has_written_shows_the_sample_marked_as_such(client, duisburg, name):
    assert SAMPLE in page_text(client.get(url(name)))
    assert SAMPLE in page_text(client.get(url(name, "duisburg")))


def test_the_privacy_sample_names_the_cookies_the_platform_sets(db, client):
    page = client.get(url("privacy")).content.decode()
    for cookie in [
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
    ]:
        assert f"<code>{cookie}</code>" in page
    for right in ["Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 19", "Art. 20", "Art. 21"]:
        assert right in page
    assert "kein Tracking" in page


def test_the_accessibility_sample_names_the_nrw_conciliation_body(db, client):
    page = page_text(client.get(url("accessibility")))
    assert "Ombudsstelle für barrierefreie Informationstechnik" in page
    assert "ombudsstelle-barrierefreie-it@mags.nrw.de" in page


def test_an_initiative_without_a_text_shows_the_platforms_and_says_so(client, duisburg, paul):
    services.legal_text_save(
        actor=paul, text=PlatformLegalText(kind="imprint", text="Plattform-Betreiber GmbH")
    )
    page = page_text(client.get(url("imprint", "duisburg")))
    assert "Plattform-Betreiber GmbH" in page
    assert "Diese Initiative hat hier keinen eigenen Text" in page
    assert SAMPLE not in page

    services.legal_text_save(
        actor=paul,
        text=InitiativeLegalText(initiative=duisburg, kind="imprint", text="Masterplan-Büro"),
    )
    page = page_text(client.get(url("imprint", "duisburg")))
    assert "Masterplan-Büro" in page
    assert "Plattform-Betreiber GmbH" not in page
    assert "keinen eigenen Text" not in page


def test_a_sample_saved_unchanged_is_still_marked(client, paul):
    services.legal_text_save(
        actor=paul, text=PlatformLegalText(kind="privacy", text=sample_text("privacy"))
    )
    assert SAMPLE in page_text(client.get(url("privacy")))


def test_annas_accessibility_statement_is_what_everyone_reads(client, anna):
    client.force_login(anna)
    response = client.post(url("accessibility_edit", "duisburg"), statement_data())
    assert response.status_code == 302
    statement = InitiativeAccessibilityStatement.objects.get()
    assert statement.history.get().history_user == anna

    page = page_text(Client().get(url("accessibility", "duisburg")))
    assert "teilweise vereinbar" in page
    assert "am 24.11.2026 erstellt" in page
    assert "Selbstbewertung" in page
    assert "barrierefrei@duisburg.example.org" in page
    assert "Ältere PDF-Berichte" in page
    assert SAMPLE not in page


def test_a_statement_needs_a_feedback_contact(client, anna):
    client.force_login(anna)
    response = client.post(url("accessibility_edit", "duisburg"), statement_data(contact_email=""))
    assert response.status_code == 200
    assert response.context["form"].errors["contact_email"]
    assert not InitiativeAccessibilityStatement.objects.exists()


def test_every_input_has_a_size_limit(client, anna):
    client.force_login(anna)
    response = client.post(url("imprint_edit", "duisburg"), {"text": "x" * 50_001})
    assert response.context["form"].errors["text"]
    response = client.post(
        url("accessibility_edit", "duisburg"), statement_data(non_accessible="x" * 10_001)
    )
    assert response.context["form"].errors["non_accessible"]
    form = client.get(url("accessibility_edit", "duisburg")).context["form"]
    for field in form.fields.values():
        if hasattr(field, "max_length"):
            assert field.max_length, field.label


def test_the_platform_has_one_accessibility_statement_held_by_the_database(paul):
    """Two first saves (each form opened before either saved) meet at the database's
    constraint: the second is told, the first stands."""

    def statement(email):
        return PlatformAccessibilityStatement(contact_email=email, prepared_on=date(2026, 12, 1))

    services.accessibility_statement_save(actor=paul, statement=statement("a@example.org"))
    with pytest.raises(services.DomainError):
        services.accessibility_statement_save(actor=paul, statement=statement("b@example.org"))
    assert PlatformAccessibilityStatement.objects.get().contact_email == "a@example.org"
    # Not a check before saving: the database itself refuses a second row.
    with pytest.raises(IntegrityError), transaction.atomic():
        statement("c@example.org").save()


def test_the_second_of_two_editors_is_told(duisburg, anna, paul):
    """Anna and Paul open Duisburg's Impressum; Paul saves first, Anna's save is refused
    with her text kept."""
    services.legal_text_save(
        actor=anna, text=InitiativeLegalText(initiative=duisburg, kind="imprint", text="Alt")
    )
    annas, pauls = Client(), Client()
    annas.force_login(anna)
    pauls.force_login(paul)
    edit = url("imprint_edit", "duisburg")
    seen = annas.get(edit).context["form"]["seen_version"].value()

    assert pauls.post(edit, {"text": "Von Paul", "seen_version": seen}).status_code == 302
    refused = annas.post(edit, {"text": "Von Anna", "seen_version": seen})

    assert refused.status_code == 200
    assert "Von Anna</textarea>" in refused.content.decode()
    assert refused.context["form"].non_field_errors()
    assert InitiativeLegalText.objects.get().text == "Von Paul"


def test_on_english_pages_the_german_text_is_marked_as_german(client, duisburg):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url("accessibility", "duisburg")).content.decode()
    assert '<h1 class="kern-heading-large">Accessibility statement</h1>' in page
    assert "Method: self-assessment." in page
    assert '<div class="kern-body" lang="de"><p>Wenn Sie sich an uns gewandt' in page
