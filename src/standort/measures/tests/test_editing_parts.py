"""A measure's milestones, partners and attachments, and deleting and archiving a
measure: what happens."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from standort.initiatives.tests.factories import InitiativeOrganizationFactory, OrganizationFactory
from standort.measures.models import Attachment, Measure, Milestone, Partnership

from . import permission_table
from .editing import page_text, save_one_after_the_other
from .factories import MeasureFactory, MilestoneFactory, StatusUpdateFactory, TopicFactory

Status = Measure.Status
pytestmark = pytest.mark.django_db

# The fixture of the permission table's places, taken over by this module.
world = permission_table.world


# Milestones and partners -----------------------------------------------------------


def test_milestones_are_added_completed_and_deleted(world, client, carl):
    place = world["duisburg"]
    client.force_login(carl)
    response = client.post(
        reverse("milestone_create", args=["duisburg", 1]),
        {"title": "Spatenstich", "due_on": "2027-06-30"},
    )
    assert response["Location"] == place.measure.get_absolute_url()
    milestone = place.measure.milestones.get(title="Spatenstich")
    assert milestone.due_on == datetime.date(2027, 6, 30)

    client.post(
        reverse("milestone_edit", args=["duisburg", 1, milestone.pk]),
        {"title": "Spatenstich", "due_on": "2027-06-30", "completed_on": "01.07.2027"},
    )
    milestone.refresh_from_db()
    assert milestone.completed_on == datetime.date(2027, 7, 1)

    confirm = client.get(reverse("milestone_delete", args=["duisburg", 1, milestone.pk]))
    assert confirm.status_code == 200
    assert Milestone.objects.filter(pk=milestone.pk).exists()
    client.post(reverse("milestone_delete", args=["duisburg", 1, milestone.pk]))
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_milestone_needs_a_title_and_a_due_date(world, client, anna):
    client.force_login(anna)
    response = client.post(reverse("milestone_create", args=["duisburg", 1]), {})
    assert set(response.context["form"].errors) == {"title", "due_on"}


def test_partner_takes_the_persons_organisation(world, client, anna):
    place = world["duisburg"]
    client.force_login(anna)
    response = client.post(
        reverse("partnership_create", args=["duisburg", 1]),
        {"person": place.spare.pk, "role": "Sponsor"},
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(measure=place.measure, person=place.spare)
    assert (partnership.organization_id, partnership.role) == (
        place.spare.organization_id,
        "Sponsor",
    )


@pytest.mark.parametrize("who", ["owner", "partner"])
def test_owner_and_existing_partners_cannot_be_added(world, client, anna, who):
    place = world["duisburg"]
    person = place.measure.owner if who == "owner" else place.partnership.person
    client.force_login(anna)
    response = client.post(
        reverse("partnership_create", args=["duisburg", 1]), {"person": person.pk}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["__all__"]
    assert place.measure.partnerships.count() == 1


# Milestones and partners edited by two at once -------------------------------------


def test_a_stale_milestone_form_keeps_the_input_and_shows_what_changed(world, anna, paul):
    """Paul moves the due date, Anna (with the form opened before) ticks the milestone
    off: she is refused, sees Paul's change, keeps her date and gets his in the form."""
    place = world["duisburg"]
    milestone = MilestoneFactory(
        measure=place.measure, title="Spatenstich", due_on=datetime.date(2027, 6, 30)
    )
    url = reverse("milestone_edit", args=["duisburg", 1, milestone.pk])

    annas, refused, seen = save_one_after_the_other(
        anna, paul, url, pauls={"due_on": "2027-09-30"}, annas={"completed_on": "2027-06-28"}
    )

    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.conflict is not None
    assert "Geändert von Paul Plattform: Fällig am: 30.06.2027 → 30.09.2027" in page_text(refused)
    assert 'value="2027-06-28"' in refused.content.decode()
    assert (form["completed_on"].value(), form["due_on"].value()) == ("2027-06-28", "2027-09-30")
    milestone.refresh_from_db()
    assert (milestone.due_on, milestone.completed_on) == (datetime.date(2027, 9, 30), None)

    assert annas.post(url, form.data).status_code == 302
    milestone.refresh_from_db()
    assert (milestone.due_on, milestone.completed_on, milestone.version) == (
        datetime.date(2027, 9, 30),
        datetime.date(2027, 6, 28),
        seen + 2,
    )


def test_a_stale_partner_form_keeps_the_input_and_shows_what_changed(world, anna, paul):
    """Paul names the partner's part, Anna (with the form opened before) picks another
    organisation: she is refused, sees the part Paul gave, keeps her choice."""
    place = world["duisburg"]
    partnership = place.partnership
    city = OrganizationFactory(name="Stadt Duisburg")
    InitiativeOrganizationFactory(initiative=place.initiative, organization=city)
    url = reverse("partnership_edit", args=["duisburg", 1, partnership.pk])

    annas, refused, seen = save_one_after_the_other(
        anna, paul, url, pauls={"role": "Sponsor"}, annas={"organization": city.pk}
    )

    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.conflict is not None
    assert "Geändert von Paul Plattform: Rolle: Projektpartner → Sponsor" in page_text(refused)
    assert (form["organization"].value(), form["role"].value()) == (str(city.pk), "Sponsor")
    assert f'<option value="{city.pk}" selected>' in refused.content.decode()
    partnership.refresh_from_db()
    assert (partnership.organization.name, partnership.role) == (
        "Glasfaser Rhein-Ruhr GmbH",
        "Sponsor",
    )

    assert annas.post(url, form.data).status_code == 302
    partnership.refresh_from_db()
    assert (partnership.organization, partnership.role, partnership.version) == (
        city,
        "Sponsor",
        seen + 2,
    )


# Attachments -----------------------------------------------------------------------


def upload(client, file_name, content, **data):
    return client.post(
        reverse("attachment_upload", args=["duisburg", 1]),
        {"file": SimpleUploadedFile(file_name, content), **data},
    )


def test_an_attachment_is_uploaded_and_downloaded_by_members(world, client, anna, olga):
    client.force_login(anna)
    assert upload(client, "plan.docx", b"PK\x03\x04rest", name="Ausbauplan").status_code == 302
    attachment = Attachment.objects.get(measure=world["duisburg"].measure, name="Ausbauplan.docx")
    assert attachment.uploaded_by == anna

    client.force_login(olga)
    response = client.get(reverse("attachment_download", args=["duisburg", 1, attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK\x03\x04rest"
    assert response["Content-Disposition"] == 'attachment; filename="Ausbauplan.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_upload_with_an_overlong_content_type_is_stored(world, client, anna):
    """Issue 14, 8: a Content-Type over 100 characters was a server error; the type the
    browser claims is not kept (the file's content and name decide)."""
    client.force_login(anna)
    claimed = "application/pdf; " + "x" * 300
    response = client.post(
        reverse("attachment_upload", args=["duisburg", 1]),
        {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 ...", content_type=claimed)},
    )
    assert response.status_code == 302
    assert Attachment.objects.filter(measure=world["duisburg"].measure, name="plan.pdf").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00"),  # not on the list
        ("bericht", b"%PDF-1.4"),  # no ending
        ("rechnung.pdf", b"MZ\x90\x00\x03"),  # disguised
        ("bild.png", b"%PDF-1.4"),
        ("tabelle.xlsx", b"%PDF-1.4"),
        ("alt.doc", b"PK\x03\x04"),
        ("notiz.txt", b"ab\x00cd"),
        ("foto.jpg", b"\x89PNG\r\n\x1a\n"),
        ("leer.pdf", b""),
    ],
)
def test_unwanted_files_are_refused(world, client, anna, name, content):
    client.force_login(anna)
    response = upload(client, name, content)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["file"]
    assert world["duisburg"].measure.attachments.count() == 1


def test_a_file_over_the_limit_is_refused(world, client, anna, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    client.force_login(anna)
    too_large = upload(client, "gross.pdf", b"%PDF-" + b"x" * 996)
    assert list(too_large.context["form"].errors) == ["file"]
    assert "1000" in page_text(too_large) or "1000 Bytes" in page_text(too_large)
    assert upload(client, "genau.pdf", b"%PDF-" + b"x" * 995).status_code == 302


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.PDF", b"%PDF-1.7"),
        ("foto.jpeg", b"\xff\xd8\xff\xe0"),
        ("bild.png", b"\x89PNG\r\n\x1a\nrest"),
        ("alt.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        ("folien.odp", b"PK\x03\x04"),
        ("liste.csv", "Nr;Titel\n1;Glasfaser für alle\n".encode()),
    ],
)
def test_allowed_files_are_attached(world, client, anna, name, content):
    client.force_login(anna)
    assert upload(client, name, content).status_code == 302
    assert world["duisburg"].measure.attachments.filter(name=name).exists()


def test_deleting_an_attachment_needs_confirmation(world, client, anna):
    attachment = world["duisburg"].attachment
    url = reverse("attachment_delete", args=["duisburg", 1, attachment.pk])
    client.force_login(anna)
    assert client.get(url).status_code == 200
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert client.post(url).status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


# Deleting and archiving --------------------------------------------------------------


def test_a_measure_without_status_updates_is_erased(world, client, anna):
    place = world["duisburg"]
    client.force_login(anna)
    url = reverse("measure_delete", args=["duisburg", 2])
    assert client.get(url).context["archives"] is False
    response = client.post(url)
    assert response["Location"] == reverse("measure_list", args=["duisburg"])
    assert not Measure.objects.filter(pk=place.other_measure.pk).exists()
    assert Measure.history.filter(id=place.other_measure.pk, history_type="-").exists()
    # Its own page is gone; the initiative's history and home still tell who erased it.
    title = place.other_measure.title
    for page in ("initiative_history", "initiative_home"):
        entries = client.get(reverse(page, args=["duisburg"])).context["history"]
        erased = [e for e in entries if e.action == "-" and title in e.subject]
        assert len(erased) == 1, page
        # The home page keeps its list in the cache, with the authors by name.
        assert str(erased[0].user) == str(anna)


def test_a_measure_with_status_updates_is_archived_and_restored(world, client, anna):
    place = world["duisburg"]
    StatusUpdateFactory(measure=place.other_measure)
    client.force_login(anna)
    confirm = client.get(reverse("measure_delete", args=["duisburg", 2]))
    assert confirm.context["archives"] is True

    client.post(reverse("measure_delete", args=["duisburg", 2]))
    measure = Measure.objects.get(pk=place.other_measure.pk)
    assert measure.is_archived

    assert client.get(reverse("measure_restore", args=["duisburg", 2])).status_code == 405
    client.post(reverse("measure_restore", args=["duisburg", 2]))
    measure.refresh_from_db()
    assert not measure.is_archived


def test_a_measure_with_parts_is_not_deleted(world, client, anna):
    place = world["duisburg"]
    MeasureFactory(initiative=place.initiative, number=9, parent=place.measure)
    client.force_login(anna)
    response = client.post(reverse("measure_delete", args=["duisburg", 1]))
    assert response["Location"] == place.measure.get_absolute_url()
    assert Measure.objects.filter(pk=place.measure.pk, is_archived=False).exists()


def test_a_topic_of_another_initiative_is_not_offered(world, client, anna):
    TopicFactory(initiative=world["muelheim"].initiative, name="Nur Mülheim")
    client.force_login(anna)
    form = client.get(reverse("measure_create", args=["duisburg"])).context["form"]
    assert list(form.fields["topic"].queryset) == [world["duisburg"].topic]
