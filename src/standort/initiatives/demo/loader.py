"""Writes the demo accounts and the initiatives of the demo plan into the database. Every
record is looked up by its natural key first and saved only when something differs,
through the services, with the admin demo account as author of the history, so a second
run changes nothing."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import CommandError

from standort.core.demo import differs
from standort.core.tenancy import initiative_scope

from .. import services
from ..models import (
    Body,
    Initiative,
    InitiativeOrganization,
    InitiativePerson,
    InitiativeRole,
    Membership,
    Organization,
    Person,
)
from .data import ACCOUNTS, DEMO_DOMAIN, DEMO_PASSWORD, ORGANIZATIONS
from .logos import DEMO_LOGOS, demo_logo

INITIATIVE_FIELDS = ["name", "city", "summary", "description", "starts_on", "ends_on"]


@dataclass
class LoadedInitiative:
    """One initiative as this loader left it, for the loaders of the apps above."""

    initiative: Initiative
    plan: object
    bodies: dict


def load_accounts(*, result, plan, force=False):
    """Creates or updates the demo accounts; returns them by e-mail and the admin, who
    is the author of every demo change."""
    User = get_user_model()
    _refuse_foreign_users(User, force)
    users = {
        email: _user(User, result, email, plan.people[email], is_admin)
        for email, (is_admin, _roles) in ACCOUNTS.items()
    }
    actor = next(users[email] for email, (is_admin, _roles) in ACCOUNTS.items() if is_admin)
    return users, actor


def load_initiative(*, result, actor, plan, initiative_plan, users, organizations, people):
    """Creates or updates one initiative with its organisations, people, bodies,
    memberships and the demo accounts' roles. `organizations` and `people` (by
    e-mail) are shared between the initiatives, as organisations and persons are."""
    initiative = _initiative(result, actor, initiative_plan.spec)
    with initiative_scope(initiative):
        for key, is_leading in initiative_plan.organizations.items():
            _organization(result, actor, initiative, key, is_leading, organizations)
        for email in initiative_plan.participants:
            values = dict(plan.people[email])
            org_key = values.pop("organization")
            values["organization"] = organizations[org_key] if org_key else None
            if email in users:
                values["user"] = users[email]
            _person(result, actor, initiative, values, people)
        bodies = {}
        for values in initiative_plan.bodies:
            _body(result, actor, initiative, values, bodies, organizations)
        for body_name, email, role in initiative_plan.memberships:
            _membership(result, actor, bodies[body_name], people[email], role)
        for email, (_is_admin, roles) in ACCOUNTS.items():
            if initiative.slug in roles:
                _role(result, actor, initiative, users[email], roles[initiative.slug])
    return LoadedInitiative(initiative, initiative_plan, bodies)


def _refuse_foreign_users(User, force):
    foreign = User.objects.exclude(email__iendswith=DEMO_DOMAIN).count()
    if foreign and not force:
        raise CommandError(
            f"Die Datenbank enthält {foreign} Benutzerkonto/-konten außerhalb der Demo "
            f"(E-Mail-Adresse nicht auf {DEMO_DOMAIN}). Demo-Daten werden hier nur mit "
            f"--force geladen. / The database has {foreign} non-demo user(s); use --force "
            "to load the demo data anyway."
        )


def _user(User, result, email, person, is_admin):
    values = {
        "first_name": person["first_name"],
        "last_name": person["last_name"],
        "language": "de",
        "is_active": True,
        "is_staff": is_admin,
        "is_superuser": is_admin,
    }
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        result.note(User, created=True)
        return User.objects.create_user(email, DEMO_PASSWORD, **values)
    changed = differs(user, values)
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        changed = True
    if changed:
        user.save()
        result.note(User, created=False)
    return user


def _initiative(result, actor, spec):
    values = {name: spec[name] for name in INITIATIVE_FIELDS}
    values["is_public"] = spec["is_public"]
    initiative = Initiative.objects.filter(slug=spec["slug"]).first()
    created = initiative is None
    if created:
        initiative = Initiative(slug=spec["slug"])
    if differs(initiative, values) or created:
        # Leading partners are set link by link below; keep the current ones here.
        leading = []
        if not created:
            with initiative_scope(initiative):
                links = initiative.organization_links.filter(is_leading=True)
                leading = [link.organization for link in links]
        services.initiative_update(
            actor=actor, initiative=initiative, leading_organizations=leading
        )
        result.note(Initiative, created=created)
    return initiative


def _organization(result, actor, initiative, key, is_leading, cache):
    name, kind, city, website = ORGANIZATIONS[key]
    values = {"kind": kind, "city": city, "website": website}
    organization = cache.get(key) or Organization.objects.filter(name=name).order_by("pk").first()
    if organization is None:
        organization = Organization(name=name, **values)
        services.organization_create(
            actor=actor,
            initiative=initiative,
            organization=organization,
            is_leading=is_leading,
            logo=_demo_logo(key, name) if is_leading else None,
        )
        result.note(Organization, created=True)
        result.note(InitiativeOrganization, created=True)
    else:
        if differs(organization, values):
            services.organization_update(actor=actor, organization=organization)
            result.note(Organization, created=False)
        link = InitiativeOrganization.objects.filter(
            initiative=initiative, organization=organization
        ).first()
        if link is None or link.is_leading != is_leading:
            services.organization_link(
                actor=actor,
                initiative=initiative,
                organization=organization,
                is_leading=is_leading,
            )
            result.note(InitiativeOrganization, created=link is None)
    if is_leading and not organization.logo and key in DEMO_LOGOS:
        # A demo loaded before there were logos gets them; a logo of the office's stays.
        services.organization_update(
            actor=actor, organization=organization, logo=_demo_logo(key, organization.name)
        )
        result.note(Organization, created=False)
    cache[key] = organization


def _demo_logo(key, name):
    content = demo_logo(key, name)
    return ContentFile(content, name=f"{key}.svg") if content else None


def _person(result, actor, initiative, values, cache):
    email = values["email"]
    person = cache.get(email) or (Person.objects.filter(email__iexact=email).order_by("pk").first())
    if person is None:
        person = Person(**values)
        services.person_create(actor=actor, initiative=initiative, person=person)
        result.note(Person, created=True)
        result.note(InitiativePerson, created=True)
    else:
        if differs(person, values):
            services.person_update(actor=actor, person=person)
            result.note(Person, created=False)
        if not InitiativePerson.objects.filter(initiative=initiative, person=person).exists():
            services.person_join(actor=actor, initiative=initiative, person=person)
            result.note(InitiativePerson, created=True)
    cache[email] = person


def _body(result, actor, initiative, values, bodies, organizations):
    values = dict(values)
    name = values.pop("name")
    values["parent"] = bodies[values["parent"]] if values["parent"] else None
    org_key = values["managing_organization"]
    values["managing_organization"] = organizations[org_key] if org_key else None
    body = Body.objects.filter(initiative=initiative, name=name).first()
    created = body is None
    if created:
        body = Body(initiative=initiative, name=name)
    if differs(body, values) or created:
        services.body_save(actor=actor, body=body)
        result.note(Body, created=created)
    bodies[name] = body


def _membership(result, actor, body, person, role):
    membership = Membership.objects.filter(body=body, person=person).first()
    created = membership is None
    if created:
        membership = Membership(body=body, person=person, role=role)
    if differs(membership, {"role": role}) or created:
        services.membership_save(actor=actor, membership=membership)
        result.note(Membership, created=created)


def _role(result, actor, initiative, user, role):
    existing = InitiativeRole.objects.filter(initiative=initiative, user=user).first()
    if existing is None or existing.role != role:
        services.role_grant(actor=actor, initiative=initiative, user=user, role=role)
        result.note(InitiativeRole, created=existing is None)
