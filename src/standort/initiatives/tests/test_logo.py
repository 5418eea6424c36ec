"""The office uploads, replaces and removes an organisation's logo; what is not a
harmless SVG, PNG or JPEG is refused next to the field, in German."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from standort.core.files import check_image
from standort.initiatives import services
from standort.initiatives.demo.logos import DEMO_LOGOS, demo_logo
from standort.initiatives.models import Organization

from .factories import LOGO_SVG, InitiativeOrganizationFactory, OrganizationFactory, logo_png

pytestmark = pytest.mark.django_db

SVG = LOGO_SVG
png = logo_png


@pytest.fixture
def hafen(duisburg):
    organization = OrganizationFactory(name="Hafen AG")
    InitiativeOrganizationFactory(initiative=duisburg, organization=organization, is_leading=True)
    return organization


def edit(client, organization, slug="duisburg", **data):
    fields = {
        "name": organization.name,
        "kind": organization.kind,
        "seen_version": organization.version,
        **data,
    }
    return client.post(reverse("organization_edit", args=[slug, organization.pk]), fields)


def test_the_office_uploads_replaces_and_removes_a_logo(
    hafen, as_persona, django_capture_on_commit_callbacks
):
    client = as_persona("anna")
    form = client.get(reverse("organization_edit", args=["duisburg", hafen.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in form
    assert "SVG, PNG oder JPEG, höchstens 1,0" in form
    assert "Bisheriges Logo entfernen" not in form  # nothing to remove yet

    response = edit(client, hafen, new_logo=SimpleUploadedFile("hafen.svg", SVG))
    assert response.status_code == 302
    hafen.refresh_from_db()
    first = hafen.logo.name
    assert first.endswith(".svg") and hafen.logo.storage.exists(first)
    shown = client.get(reverse("organization_logo", args=["duisburg", hafen.pk]))
    assert shown["Content-Type"] == "image/svg+xml"
    assert "sandbox" in shown["Content-Security-Policy"]
    assert b"".join(shown.streaming_content) == SVG
    detail = client.get(reverse("organization_detail", args=["duisburg", hafen.pk]))
    assert 'alt="Logo von Hafen AG"' in detail.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = edit(client, hafen, new_logo=SimpleUploadedFile("hafen.png", png()))
    assert response.status_code == 302
    hafen.refresh_from_db()
    assert hafen.logo.name.endswith(".png")
    assert not hafen.logo.storage.exists(first)  # the replaced file is gone

    form = client.get(reverse("organization_edit", args=["duisburg", hafen.pk])).content.decode()
    assert "Bisheriges Logo entfernen" in form and "Logo ersetzen" in form
    second = hafen.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(client, hafen, remove_logo="on").status_code == 302
    hafen.refresh_from_db()
    assert not hafen.logo
    assert not Organization.logo.field.storage.exists(second)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("hafen.svg", SVG.replace(b"<rect", b'<rect onclick="alert(1)"'), "Ereignis-Attribute"),
        ("hafen.svg", SVG.replace(b"</svg>", b"<script>alert(1)</script></svg>"), "Skript"),
        ("hafen.svg", SVG.replace(b"</svg>", b"<foreignObject/></svg>"), "foreignObject"),
        ("hafen.gif", b"GIF89a", "SVG-, PNG- oder JPEG-Datei"),
        ("hafen.png", SVG, "passt nicht zu ihrer Endung"),
        ("hafen.png", b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024), "erlaubt sind höchstens 1,0"),
    ],
)
def test_what_is_not_a_logo_is_refused_next_to_the_field(hafen, as_persona, name, content, message):
    response = edit(as_persona("anna"), hafen, new_logo=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    page = response.content.decode()
    error = page[page.index('id="id_new_logo_error"') :][:600]
    assert message in error
    hafen.refresh_from_db()
    assert not hafen.logo


# Clara, the office of Mülheim: 403 in Duisburg, 404 for Duisburg's organisation
# addressed through Mülheim.
@pytest.mark.parametrize(
    "persona, slug, status",
    [
        ("anna", "duisburg", 302),
        ("ben", "duisburg", 403),
        ("anonymous", "duisburg", 302),
        ("clara", "duisburg", 403),
        ("clara", "muelheim", 404),
    ],
)
def test_only_the_office_uploads_a_logo(hafen, as_persona, persona, slug, status):
    upload = SimpleUploadedFile("h.svg", SVG)
    response = edit(as_persona(persona), hafen, slug=slug, new_logo=upload)
    assert response.status_code == status
    if persona == "anonymous":
        assert "/accounts/login/" in response["Location"]
    hafen.refresh_from_db()
    assert bool(hafen.logo) == (persona == "anna")


@pytest.mark.parametrize(
    "persona, slug, status",
    [
        ("ben", "duisburg", 200),
        ("anna", "duisburg", 200),
        ("anonymous", "duisburg", 302),
        ("eva", "duisburg", 403),
        ("clara", "muelheim", 404),
    ],
)
def test_the_logo_shows_to_the_initiative_only(hafen, as_persona, persona, slug, status):
    hafen.logo = SimpleUploadedFile("h.svg", SVG)
    hafen.save()
    response = as_persona(persona).get(reverse("organization_logo", args=[slug, hafen.pk]))
    assert response.status_code == status


def test_without_a_logo_there_is_none_to_show(hafen, as_persona):
    response = as_persona("ben").get(reverse("organization_logo", args=["duisburg", hafen.pk]))
    assert response.status_code == 404


def test_an_organisation_removed_for_good_takes_its_logo_along(
    hafen, anna, duisburg, django_capture_on_commit_callbacks
):
    hafen.logo.save("hafen.svg", ContentFile(SVG))
    name = hafen.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        services.organization_remove(actor=anna, initiative=duisburg, organization=hafen)
    assert not Organization.objects.filter(pk=hafen.pk).exists()
    assert not Organization.logo.field.storage.exists(name)


@pytest.mark.parametrize("key", sorted(DEMO_LOGOS))
def test_the_demo_logos_say_they_are_demos_and_pass_the_check(key):
    content = demo_logo(key, "Stadt & Co")
    assert b">Demo-Logo</text>" in content and b"Stadt &amp; Co" in content
    assert len(content) < 600
    check_image(SimpleUploadedFile(f"{key}.svg", content), limit=1024)


def test_the_model_checks_a_logo_too_for_the_administration():
    organization = Organization(
        name="Hafen AG", kind="company", logo=SimpleUploadedFile("h.svg", b"<svg/>")
    )
    with pytest.raises(ValidationError) as refused:
        organization.full_clean()
    assert "logo" in refused.value.message_dict
