"""Who may do what on the transfer platform.

* Everyone who may see the initiative (the public too, where it is public) browses the
  catalogue: published offers that are still valid and open needs marked public,
  without anyone's contact data.
* A transfer officer is a person of a science institution of the initiative who works
  in it (office, steering committee or member; observers follow from outside): they
  keep their institution's offers (the office publishes them), see the needs shown to
  transfer officers only, and plan their institution's matching talks.
* A firm's people who work in the initiative post and keep their firm's needs.
* The project office keeps the vocabulary, moderates, and does all of the above; it
  and the steering committee read the effect page."""

from dataclasses import dataclass

import rules

from standort.core.memo import remembered
from standort.initiatives.models import InitiativeOrganization, Organization, Person
from standort.initiatives.rules import (
    is_office,
    is_platform_admin,
    is_public,
    is_steering,
    of_initiative,
    takes_part,
    works_in,
)


def organization_of(user):
    """(id, kind) of the organisation of the user's person, or (None, None); read once
    per request (core.memo)."""
    if not user.is_authenticated:
        return None, None
    return remembered(("transfer_organization", user.pk), lambda: _organization_of(user))


def _organization_of(user):
    found = (
        Person.objects.filter(user=user, organization__isnull=False)
        .values_list("organization_id", "organization__kind")
        .first()
    )
    return found or (None, None)


def _takes_part_as(kind):
    """The user works in the initiative (not an observer, who follows it from outside)
    for an organisation of `kind` that takes part in it."""

    @rules.predicate(name=f"works_for_{kind}")
    def predicate(user, obj):
        initiative = getattr(obj, "initiative", obj)
        organization, its_kind = organization_of(user)
        if its_kind != kind or not works_in.test(user, initiative):
            return False
        return remembered(
            ("transfer_partner", organization, initiative.pk),
            lambda: InitiativeOrganization.objects.filter(
                initiative=initiative, organization_id=organization
            ).exists(),
        )

    return predicate


works_for_science = _takes_part_as(Organization.Kind.SCIENCE)
works_for_company = _takes_part_as(Organization.Kind.COMPANY)


@rules.predicate
def is_own_institution(user, offer):
    return offer.institution_id == organization_of(user)[0]


@rules.predicate
def is_own_company(user, need):
    return need.company_id == organization_of(user)[0]


@rules.predicate
def is_own_talk(user, talk):
    """A talk of the officer's institution."""
    return talk.institution_id == organization_of(user)[0]


@rules.predicate
def is_shown_publicly(user, entry):
    return entry.is_public


is_officer = works_for_science
office = of_initiative(is_office) | is_platform_admin

# The catalogue of the initiative: its public page's part for everyone.
rules.add_perm("transfer.browse", of_initiative(is_public | takes_part) | is_platform_admin)
# New offers (of the officer's own institution) and new needs (of the firm's own).
rules.add_perm("transfer.add_offer", is_officer | office)
rules.add_perm("transfer.add_need", works_for_company | office)
# Everything the officers see: needs for their eyes only, suggestions, talks.
rules.add_perm("transfer.match", is_officer | office)
# An offer's or a need's page: published, or the officer's, the firm's or the office's.
rules.add_perm(
    "transfer.see_offer",
    (is_shown_publicly & of_initiative(is_public | takes_part))
    | (is_officer & is_own_institution)
    | office,
)
rules.add_perm(
    "transfer.see_need",
    (is_shown_publicly & of_initiative(is_public | takes_part))
    | is_officer
    | (works_for_company & is_own_company)
    | office,
)
rules.add_perm("transfer.change_offer", (is_officer & is_own_institution) | office)
# A talk: the office's, and its institution's officers'; not another institution's.
rules.add_perm("transfer.keep_talk", (is_officer & is_own_talk) | office)
rules.add_perm("transfer.change_need", (works_for_company & is_own_company) | office)
# Vocabulary, publishing offers, deleting anything.
rules.add_perm("transfer.manage", office)
# The effect page: offers and needs by topic, talks, outcomes, the share of firms.
rules.add_perm("transfer.see_effect", of_initiative(is_office | is_steering) | is_platform_admin)


@dataclass
class Viewer:
    """What a reader is on the platform, for its lists (pages and API alike) and a
    page's actions."""

    office: bool
    officer: bool
    # A firm's people with a role here post and see its needs (organisations are
    # shared across initiatives, so belonging to one is not enough).
    firm_author: bool
    organization: int | None
    sees_contacts: bool

    @classmethod
    def of(cls, user, initiative):
        return cls(
            office=user.has_perm("transfer.manage", initiative),
            officer=user.has_perm("transfer.match", initiative),
            firm_author=user.has_perm("transfer.add_need", initiative),
            organization=organization_of(user)[0],
            sees_contacts=user.has_perm("initiatives.see_contact_details", initiative),
        )
