"""Who may do what in an initiative. Every view and template asks these rules; the
object passed is always the initiative, resolved once per request."""

import rules

from standort.core.memo import remembered
from standort.core.tenancy import across_initiatives

from .models import InitiativeRole

Role = InitiativeRole.Role


def roles_of(user):
    """{initiative id: role} of the user in every initiative, in one query: the user's
    own roles, which the start page lists across initiatives."""
    with across_initiatives():
        return dict(InitiativeRole.objects.filter(user=user).values_list("initiative_id", "role"))


def role_in(user, initiative):
    """The user's role in the initiative, or None. A user's roles are read once per
    request (core.memo)."""
    if not user.is_authenticated or initiative is None:
        return None
    return remembered(("roles", user.pk), lambda: roles_of(user)).get(initiative.pk)


def has_role(user, initiative_id):
    """Whether the user has any role in the initiative `initiative_id` (read with their
    other roles, once per request)."""
    if not user.is_authenticated:
        return False
    return initiative_id in remembered(("roles", user.pk), lambda: roles_of(user))


def _has_role(*roles):
    @rules.predicate(name=f"has_role_{'_'.join(roles)}")
    def predicate(user, initiative):
        return role_in(user, initiative) in roles

    return predicate


is_platform_admin = rules.is_superuser
is_office = _has_role(Role.OFFICE)
is_steering = _has_role(Role.STEERING)
takes_part = _has_role(Role.OFFICE, Role.STEERING, Role.MEMBER, Role.OBSERVER)
works_in = _has_role(Role.OFFICE, Role.STEERING, Role.MEMBER)


def of_initiative(predicate):
    """`predicate` asked of the initiative, or of one of its objects (a goal, a
    survey): then of that object's initiative."""

    @rules.predicate(name=f"{predicate.name}_of_initiative")
    def on_initiative(user, obj):
        return predicate.test(user, getattr(obj, "initiative", obj))

    return on_initiative


@rules.predicate
def is_public(user, initiative):
    return initiative.is_public


# Seeing the public description of the initiative.
rules.add_perm("initiatives.see_initiative", is_public | takes_part | is_platform_admin)
# The members' area: home page, bodies, directory.
rules.add_perm("initiatives.view_initiative", takes_part | is_platform_admin)
# People's e-mail addresses and phone numbers, on every page and in every file: those
# who work in the initiative, not its observers, who follow it from outside.
rules.add_perm("initiatives.see_contact_details", works_in | is_platform_admin)
# Editing the initiative and its people, organisations, bodies, memberships and roles.
rules.add_perm("initiatives.manage_initiative", is_office | is_platform_admin)
