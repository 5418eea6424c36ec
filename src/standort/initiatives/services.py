"""Writes on initiatives, their organisations, people, bodies, memberships and roles.

Every function takes the acting user, runs in one transaction, records the actor in
the change history and raises DomainError with a message for the user when the
change is not allowed."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _

from standort.accounts.models import normalized_address
from standort.core.services import DomainError
from standort.core.services import delete as _delete
from standort.core.services import save as _save
from standort.core.tenancy import initiative_scope

from .models import (
    Body,
    InitiativeOrganization,
    InitiativePerson,
    InitiativeRole,
    Membership,
    Person,
)
from .tasks import send_invitation

User = get_user_model()

__all__ = ["DomainError"]


# Initiative -------------------------------------------------------------------


@transaction.atomic
def initiative_update(*, actor, initiative, leading_organizations, expected_version=None):
    _save(actor, initiative, expected_version)
    leading_ids = {o.pk for o in leading_organizations}
    # The initiative's own links, in its scope whoever calls (a new one has none open).
    with initiative_scope(initiative):
        for link in initiative.organization_links.all():
            is_leading = link.organization_id in leading_ids
            if link.is_leading != is_leading:
                link.is_leading = is_leading
                _save(actor, link)
    return initiative


# Organisations ----------------------------------------------------------------


def _delete_after_commit(file):
    """Deletes the stored `file` (a FieldFile) once the change is committed; a change
    rolled back keeps it."""
    name, storage = file.name, file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _set_logo(organization, logo, remove_logo):
    """Puts the upload `logo` in place of the organisation's logo, or takes the logo
    away."""
    old = organization.logo
    if logo:
        organization.logo = logo
    elif remove_logo:
        organization.logo = ""
    else:
        return
    _delete_after_commit(old)


@transaction.atomic
def organization_create(*, actor, initiative, organization, is_leading=False, logo=None):
    _set_logo(organization, logo, remove_logo=False)
    _save(actor, organization)
    organization_link(
        actor=actor, initiative=initiative, organization=organization, is_leading=is_leading
    )
    return organization


def organization_link(*, actor, initiative, organization, is_leading=None):
    """Makes the organisation take part in the initiative (idempotent). `is_leading`
    None keeps an existing link's leading flag, so "make sure it takes part" never
    demotes a leading partner."""
    link = InitiativeOrganization.objects.filter(
        initiative=initiative, organization=organization
    ).first()
    if link is None:
        link = InitiativeOrganization(
            initiative=initiative, organization=organization, is_leading=bool(is_leading)
        )
        return _save(actor, link)
    if is_leading is not None and link.is_leading != is_leading:
        link.is_leading = is_leading
        _save(actor, link)
    return link


@transaction.atomic
def organization_update(
    *, actor, organization, expected_version=None, logo=None, remove_logo=False
):
    """Saves the organisation; `logo` (an upload checked by the form) replaces its
    logo, `remove_logo` takes it away."""
    _set_logo(organization, logo, remove_logo)
    return _save(actor, organization, expected_version)


@transaction.atomic
def organization_remove(*, actor, initiative, organization):
    """Takes the organisation out of the initiative; it is deleted only when no other
    initiative uses it."""
    if Body.objects.filter(initiative=initiative, managing_organization=organization).exists():
        raise DomainError(
            _("This organisation manages a body. Choose another managing organisation first.")
        )
    for link in InitiativeOrganization.objects.filter(
        initiative=initiative, organization=organization
    ):
        _delete(actor, link)
    if not organization.initiative_links.exists():
        _delete(actor, organization)
        _delete_after_commit(organization.logo)


# People -----------------------------------------------------------------------


@transaction.atomic
def person_create(*, actor, initiative, person):
    _save(actor, person)
    person_join(actor=actor, initiative=initiative, person=person)
    return person


def person_join(*, actor, initiative, person):
    """Makes the person a participant of the initiative (idempotent)."""
    if not InitiativePerson.objects.filter(initiative=initiative, person=person).exists():
        _save(actor, InitiativePerson(initiative=initiative, person=person))


@transaction.atomic
def person_update(*, actor, person, expected_version=None):
    return _save(actor, person, expected_version)


@transaction.atomic
def person_remove(*, actor, initiative, person):
    """Takes the person out of the initiative: memberships in its bodies and their
    role there end. The person is deleted only when no other initiative knows them."""
    for membership in Membership.objects.filter(body__initiative=initiative, person=person):
        _delete(actor, membership)
    if person.user_id:
        for role in InitiativeRole.objects.filter(initiative=initiative, user_id=person.user_id):
            _delete(actor, role)
    for link in InitiativePerson.objects.filter(initiative=initiative, person=person):
        _delete(actor, link)
    if not person.initiative_links.exists():
        try:
            with transaction.atomic():
                _delete(actor, person)
        except ProtectedError:
            # Other records keep naming the person (e.g. who answered a status
            # review); the person stays, known to no initiative.
            pass


# Bodies and memberships -------------------------------------------------------


def _check_parent(body):
    parent = body.parent
    if parent is None:
        if body.kind == Body.Kind.SUB_GROUP:
            raise DomainError(_("A sub-group needs a parent body."))
        return
    if parent.initiative_id != body.initiative_id:
        raise DomainError(_("The parent body must belong to the same initiative."))
    seen = set()
    while parent is not None:
        if parent.pk == body.pk or parent.pk in seen:
            raise DomainError(_("A body cannot be placed below itself."))
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def body_save(*, actor, body, expected_version=None):
    _check_parent(body)
    return _save(actor, body, expected_version)


@transaction.atomic
def body_delete(*, actor, body):
    if body.children.exists():
        raise DomainError(_("This body has sub-groups. Delete or move them first."))
    for membership in body.memberships.all():
        _delete(actor, membership)
    _delete(actor, body)


@transaction.atomic
def membership_save(*, actor, membership, expected_version=None):
    if membership.ends_on and membership.starts_on and membership.ends_on < membership.starts_on:
        raise DomainError(_("The end must not be before the start."))
    person_join(actor=actor, initiative=membership.body.initiative, person=membership.person)
    return _save(actor, membership, expected_version)


@transaction.atomic
def membership_delete(*, actor, membership):
    _delete(actor, membership)


# Roles and invitations --------------------------------------------------------


@transaction.atomic
def role_grant(*, actor, initiative, user, role):
    existing = InitiativeRole.objects.filter(initiative=initiative, user=user).first()
    if existing is None:
        return _save(actor, InitiativeRole(initiative=initiative, user=user, role=role))
    if existing.role != role:
        existing.role = role
        _save(actor, existing)
    return existing


@transaction.atomic
def role_revoke(*, actor, role):
    remaining_office = (
        InitiativeRole.objects.filter(initiative=role.initiative, role=InitiativeRole.Role.OFFICE)
        .exclude(pk=role.pk)
        .exists()
    )
    if role.role == InitiativeRole.Role.OFFICE and not remaining_office:
        raise DomainError(_("An initiative needs at least one person in the project office."))
    _delete(actor, role)


@transaction.atomic
def person_invite(*, actor, initiative, person, role):
    """Gives the person an account (or links the existing one with their address),
    grants the role and sends the invitation mail after the commit."""
    if not person.email:
        raise DomainError(_("This person has no e-mail address."))
    user = person.user
    if user is None:
        user = User.objects.filter(email=normalized_address(person.email)).first()
        if user is not None and Person.objects.filter(user=user).exclude(pk=person.pk).exists():
            raise DomainError(_("This e-mail address already belongs to another person's account."))
    if user is None:
        user = User.objects.create_user(
            person.email,
            first_name=person.first_name,
            last_name=person.last_name,
            language=getattr(actor, "language", "de"),
        )
    if person.user_id != user.pk:
        person.user = user
        _save(actor, person)
    role_grant(actor=actor, initiative=initiative, user=user, role=role)
    transaction.on_commit(
        lambda: send_invitation.enqueue(
            user_id=user.pk, initiative_id=initiative.pk, inviter_id=actor.pk
        )
    )
    return user
