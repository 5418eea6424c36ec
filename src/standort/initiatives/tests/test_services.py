"""The rules the services keep, whoever calls them."""

import re
from datetime import date

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from standort.accounts.models import User
from standort.accounts.tests.factories import UserFactory
from standort.accounts.tokens import invitation_token
from standort.initiatives import services
from standort.initiatives.models import (
    Body,
    InitiativeOrganization,
    InitiativePerson,
    InitiativeRole,
    Membership,
    Organization,
    Person,
)

from .factories import (
    BodyFactory,
    InitiativeOrganizationFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    RoleFactory,
)

Role = InitiativeRole.Role


# People -----------------------------------------------------------------------------


def test_removing_a_person_ends_what_they_had_here_and_keeps_them_for_the_other_initiative(
    duisburg, muelheim, anna
):
    user = UserFactory(email="jonas@example.org")
    jonas = PersonFactory(first_name="Jonas", last_name="Jansen", user=user, initiative=duisburg)
    InitiativePerson.objects.create(initiative=muelheim, person=jonas)
    RoleFactory(initiative=duisburg, user=user, role=Role.MEMBER)
    RoleFactory(initiative=muelheim, user=user, role=Role.STEERING)
    MembershipFactory(body=BodyFactory(initiative=duisburg), person=jonas)
    in_muelheim = MembershipFactory(body=BodyFactory(initiative=muelheim), person=jonas)

    services.person_remove(actor=anna, initiative=duisburg, person=jonas)

    assert list(Membership.objects.filter(person=jonas)) == [in_muelheim]
    assert list(
        InitiativeRole.objects.filter(user=user).values_list("initiative__slug", "role")
    ) == [("muelheim", Role.STEERING)]
    assert list(jonas.initiatives.all()) == [muelheim]
    assert Person.objects.filter(pk=jonas.pk).exists()


def test_removing_a_person_nobody_else_knows_deletes_them(duisburg, anna):
    dieter = PersonFactory(initiative=duisburg)
    MembershipFactory(body=BodyFactory(initiative=duisburg), person=dieter)
    pk = dieter.pk

    services.person_remove(actor=anna, initiative=duisburg, person=dieter)

    assert not Person.objects.filter(pk=pk).exists()
    assert not Membership.objects.filter(person_id=pk).exists()
    deleted = Person.history.get(id=pk, history_type="-")
    assert deleted.history_user == anna


def test_membership_save_makes_the_person_a_participant(duisburg, muelheim, anna):
    """Someone from Mülheim joins a Duisburg working group and so appears in
    Duisburg's directory."""
    mara = PersonFactory(initiative=muelheim)
    body = BodyFactory(initiative=duisburg)

    services.membership_save(actor=anna, membership=Membership(body=body, person=mara))

    assert set(mara.initiatives.all()) == {duisburg, muelheim}
    assert Membership.objects.get(body=body, person=mara).role == Membership.Role.MEMBER


def test_membership_cannot_end_before_it_starts(duisburg, anna):
    membership = Membership(
        body=BodyFactory(initiative=duisburg),
        person=PersonFactory(initiative=duisburg),
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 2, 1),
    )
    with pytest.raises(services.DomainError):
        services.membership_save(actor=anna, membership=membership)
    assert not Membership.objects.exists()


# Organisations ----------------------------------------------------------------------


def test_an_organisation_managing_a_body_is_not_removed(duisburg, anna):
    verband = OrganizationFactory(name="Unternehmerverband")
    InitiativeOrganizationFactory(initiative=duisburg, organization=verband)
    BodyFactory(initiative=duisburg, managing_organization=verband)

    with pytest.raises(services.DomainError, match="Geschäfte eines Gremiums"):
        services.organization_remove(actor=anna, initiative=duisburg, organization=verband)

    assert InitiativeOrganization.objects.filter(initiative=duisburg, organization=verband).exists()


def test_removing_an_organisation_keeps_it_for_the_other_initiative(duisburg, muelheim, anna):
    ihk = OrganizationFactory(name="Niederrheinische IHK")
    InitiativeOrganizationFactory(initiative=duisburg, organization=ihk)
    InitiativeOrganizationFactory(initiative=muelheim, organization=ihk)
    only_here = OrganizationFactory(name="Hafen AG")
    InitiativeOrganizationFactory(initiative=duisburg, organization=only_here)
    # A body managed elsewhere does not hold the organisation here.
    BodyFactory(initiative=muelheim, managing_organization=ihk)

    services.organization_remove(actor=anna, initiative=duisburg, organization=ihk)
    services.organization_remove(actor=anna, initiative=duisburg, organization=only_here)

    assert list(ihk.initiatives.all()) == [muelheim]
    assert not Organization.objects.filter(pk=only_here.pk).exists()


# Bodies -----------------------------------------------------------------------------


def test_a_sub_group_needs_a_parent(duisburg, anna):
    body = Body(initiative=duisburg, kind=Body.Kind.SUB_GROUP, name="Unterarbeitskreis")
    with pytest.raises(services.DomainError, match="übergeordnetes Gremium"):
        services.body_save(actor=anna, body=body)
    assert not Body.objects.exists()


def test_a_sub_group_is_saved_below_a_working_group(duisburg, anna):
    parent = BodyFactory(initiative=duisburg)
    body = Body(initiative=duisburg, kind=Body.Kind.SUB_GROUP, name="Flächen", parent=parent)

    services.body_save(actor=anna, body=body)

    assert list(parent.children.all()) == [body]


def test_a_body_cannot_be_placed_below_itself(duisburg, anna):
    top = BodyFactory(initiative=duisburg, name="Arbeitskreis Fläche")
    middle = BodyFactory(initiative=duisburg, parent=top, kind=Body.Kind.SUB_GROUP)
    bottom = BodyFactory(initiative=duisburg, parent=middle, kind=Body.Kind.SUB_GROUP)

    top.parent = bottom
    with pytest.raises(services.DomainError, match="unter sich selbst"):
        services.body_save(actor=anna, body=top)
    top.parent = top
    with pytest.raises(services.DomainError, match="unter sich selbst"):
        services.body_save(actor=anna, body=top)

    top.refresh_from_db()
    assert top.parent is None


def test_the_parent_body_belongs_to_the_same_initiative(duisburg, muelheim, anna):
    foreign = BodyFactory(initiative=muelheim)
    body = Body(initiative=duisburg, kind=Body.Kind.SUB_GROUP, name="Flächen", parent=foreign)
    with pytest.raises(services.DomainError, match="selben Initiative"):
        services.body_save(actor=anna, body=body)


def test_a_body_with_sub_groups_is_not_deleted(duisburg, anna):
    parent = BodyFactory(initiative=duisburg)
    BodyFactory(initiative=duisburg, parent=parent, kind=Body.Kind.SUB_GROUP)

    with pytest.raises(services.DomainError, match="Unterarbeitskreise"):
        services.body_delete(actor=anna, body=parent)

    assert Body.objects.filter(pk=parent.pk).exists()


def test_deleting_a_body_deletes_its_memberships_in_the_history(duisburg, anna):
    body = BodyFactory(initiative=duisburg)
    membership_pk, body_pk = MembershipFactory(body=body).pk, body.pk

    services.body_delete(actor=anna, body=body)

    assert not Body.objects.filter(pk=body_pk).exists()
    assert Membership.history.get(id=membership_pk, history_type="-").history_user == anna


# Roles ------------------------------------------------------------------------------


def test_the_last_office_role_stays(duisburg, anna):
    role = InitiativeRole.objects.get(initiative=duisburg, user=anna)
    with pytest.raises(services.DomainError, match="Geschäftsstelle"):
        services.role_revoke(actor=anna, role=role)
    assert InitiativeRole.objects.filter(pk=role.pk).exists()


def test_an_office_role_goes_when_another_office_remains(duisburg, anna, paul):
    second = RoleFactory(initiative=duisburg, role=Role.OFFICE)
    services.role_revoke(actor=paul, role=InitiativeRole.objects.get(user=anna))
    assert list(InitiativeRole.objects.filter(initiative=duisburg, role=Role.OFFICE)) == [second]


def test_the_office_of_another_initiative_does_not_count(duisburg, anna, clara):
    with pytest.raises(services.DomainError):
        services.role_revoke(actor=anna, role=InitiativeRole.objects.get(user=anna))


def test_granting_a_role_changes_an_existing_one(duisburg, anna, ben):
    services.role_grant(actor=anna, initiative=duisburg, user=ben, role=Role.STEERING)
    assert list(InitiativeRole.objects.filter(user=ben).values_list("role", flat=True)) == [
        Role.STEERING
    ]


# Invitations ------------------------------------------------------------------------

LINK = re.compile(r"https?://\S+/accounts/invitation/(?P<uid>[^/]+)/(?P<token>[^/]+)/")


def invite(anna, duisburg, person, django_capture_on_commit_callbacks, role=Role.MEMBER):
    with django_capture_on_commit_callbacks(execute=True):
        return services.person_invite(actor=anna, initiative=duisburg, person=person, role=role)


def test_an_invitation_creates_an_account_grants_the_role_and_mails_in_german(
    duisburg, anna, mailoutbox, django_capture_on_commit_callbacks
):
    hanna = PersonFactory(
        first_name="Hanna", last_name="Homberg", email="Hanna@Example.org", initiative=duisburg
    )

    user = invite(anna, duisburg, hanna, django_capture_on_commit_callbacks, role=Role.STEERING)

    hanna.refresh_from_db()
    assert hanna.user == user
    assert user.email == "hanna@example.org"
    assert not user.has_usable_password()
    assert InitiativeRole.objects.get(initiative=duisburg, user=user).role == Role.STEERING
    [mail] = mailoutbox
    assert mail.to == ["hanna@example.org"]
    assert "Einladung" in mail.subject
    assert "Masterplan Wirtschaft Duisburg" in mail.subject
    assert "Guten Tag Hanna Homberg," in mail.body
    assert "Anna Albers" in mail.body
    assert LINK.search(mail.body)


def test_an_invitation_to_an_english_speaker_is_in_english(
    duisburg, anna, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="john@example.org", first_name="John", last_name="Smith", language="en")
    john = PersonFactory(first_name="John", last_name="Smith", email="john@example.org")

    invite(anna, duisburg, john, django_capture_on_commit_callbacks)

    [mail] = mailoutbox
    assert mail.subject.startswith("Invitation to")
    assert "Hello John Smith" in mail.body
    assert "Einladung" not in mail.subject


def test_a_person_without_address_cannot_be_invited(duisburg, anna, mailoutbox):
    nobody = PersonFactory(email="", initiative=duisburg)
    with pytest.raises(services.DomainError, match="keine E-Mail-Adresse"):
        services.person_invite(actor=anna, initiative=duisburg, person=nobody, role=Role.MEMBER)
    assert not User.objects.filter(person=nobody).exists()


def test_another_persons_account_is_not_taken_over(duisburg, anna, ben):
    double = PersonFactory(email="BEN@example.org", initiative=duisburg)
    with pytest.raises(services.DomainError, match="anderen Person"):
        services.person_invite(actor=anna, initiative=duisburg, person=double, role=Role.MEMBER)
    double.refresh_from_db()
    assert double.user is None


def test_the_invitation_link_sets_a_password_once(
    client, duisburg, anna, mailoutbox, django_capture_on_commit_callbacks
):
    hanna = PersonFactory(first_name="Hanna", email="hanna@example.org", initiative=duisburg)
    user = invite(anna, duisburg, hanna, django_capture_on_commit_callbacks)
    link = LINK.search(mailoutbox[0].body).group(0)

    form = client.get(link)
    assert form.status_code == 200
    assert "hanna@example.org" in form.content.decode()

    done = client.post(
        link, {"new_password1": "Hafen-Kran-2026!", "new_password2": "Hafen-Kran-2026!"}
    )
    assert done.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    user.refresh_from_db()
    assert user.check_password("Hafen-Kran-2026!")

    client.logout()
    used = client.get(link)
    assert used.status_code == 410
    assert "bereits verwendet" in used.content.decode()


def test_the_invitation_form_wants_matching_passwords(client, duisburg):
    user = User.objects.create_user("neu@example.org")
    link = invitation_url(user, invitation_token.make_token(user))

    response = client.post(link, {"new_password1": "Hafen-Kran-2026!", "new_password2": "x"})

    assert response.status_code == 200
    assert "Die beiden Passwörter sind nicht identisch." in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()


def invitation_url(user, token):
    return reverse("accept_invitation", args=[urlsafe_base64_encode(force_bytes(user.pk)), token])


def test_an_expired_invitation_says_so_politely(client, settings, db):
    user = User.objects.create_user("spaet@example.org")
    days = settings.INVITATION_TIMEOUT_DAYS
    now = invitation_token._num_seconds(invitation_token._now())
    old = invitation_token._make_token_with_timestamp(
        user, now - days * 24 * 60 * 60 - 60, invitation_token.secret
    )
    fresh = invitation_token._make_token_with_timestamp(
        user, now - days * 24 * 60 * 60 + 60, invitation_token.secret
    )

    response = client.get(invitation_url(user, old))

    assert response.status_code == 410
    page = response.content.decode()
    assert "abgelaufen" in page
    assert f"{days} Tage" in page
    assert client.get(invitation_url(user, fresh)).status_code == 200


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("a" if token[-1] != "a" else "b"),
        lambda token: "zz" + token,
        lambda token: token.replace("-", ""),
        lambda token: "not-base36!-" + token.split("-", 1)[1],
    ],
    ids=["hash", "timestamp", "shape", "garbage"],
)
def test_a_tampered_invitation_is_refused(client, db, tamper):
    user = User.objects.create_user("neu@example.org")

    response = client.get(invitation_url(user, tamper(invitation_token.make_token(user))))

    assert response.status_code == 410
    assert "abgelaufen" not in response.content.decode()


def test_an_invitation_for_another_user_is_refused(client, db):
    invited = User.objects.create_user("neu@example.org")
    other = User.objects.create_user("anders@example.org")
    response = client.get(invitation_url(other, invitation_token.make_token(invited)))
    assert response.status_code == 410


def test_an_invitation_finds_the_account_under_any_spelling_of_the_address(
    duisburg, anna, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 14, 3: one address, however it was typed into the person's record."""
    existing = UserFactory(email="john@example.org", first_name="John", last_name="Smith")
    john = PersonFactory(first_name="John", last_name="Smith", email=" JOHN@Example.org ")

    user = invite(anna, duisburg, john, django_capture_on_commit_callbacks)

    assert user == existing
    assert User.objects.filter(email__iexact="john@example.org").count() == 1


def test_inviting_one_person_again_and_again_is_limited(
    client, duisburg, anna, mailoutbox, django_capture_on_commit_callbacks
):
    """Each invitation is a mail to the person (issue 14, item 4)."""
    hanna = PersonFactory(first_name="Hanna", email="hanna@example.org", initiative=duisburg)
    client.force_login(anna)
    url = reverse("person_invite", args=["duisburg", hanna.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for _click in range(3):
            assert client.post(url, {"role": Role.MEMBER}).status_code == 302
        refused = client.post(url, {"role": Role.MEMBER})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert len(mailoutbox) == 3
