"""Who may do what with measures.

Initiative-level permissions take the initiative; measure-level ones the measure.
The office runs the catalogue; the chair and the manager of a working group keep the
measures of their group."""

import rules
from django.utils import timezone

from standort.core.memo import remembered
from standort.initiatives.models import Membership
from standort.initiatives.rules import is_office, is_platform_admin, takes_part


def led_bodies(user):
    """Ids of the bodies the user currently chairs or manages, read once per request
    (core.memo)."""
    if not user.is_authenticated:
        return frozenset()
    return remembered(("led_bodies", user.pk), lambda: _led_bodies(user))


def _led_bodies(user):
    return frozenset(
        Membership.objects.filter(
            person__user=user,
            role__in=[Membership.Role.CHAIR, Membership.Role.MANAGER],
        )
        .exclude(ends_on__lt=timezone.localdate())
        .values_list("body_id", flat=True)
    )


@rules.predicate
def leads_a_body(user, initiative):
    return bool(led_bodies(user)) and initiative.bodies.filter(pk__in=led_bodies(user)).exists()


@rules.predicate
def leads_measure_body(user, measure):
    return measure.body_id is not None and measure.body_id in led_bodies(user)


def _on_initiative(predicate):
    """An initiative predicate applied to a measure's initiative."""

    @rules.predicate(name=f"measure_{predicate.name}")
    def wrapped(user, measure):
        return predicate.test(user, measure.initiative)

    return wrapped


office_of_measure = _on_initiative(is_office)
takes_part_in_measure = _on_initiative(takes_part)

# The catalogue, its exports and a measure's page.
rules.add_perm("measures.view_measures", takes_part | is_platform_admin)
rules.add_perm("measures.view_measure", takes_part_in_measure | is_platform_admin)
# New measures: the office anywhere, a chair or manager in their own working groups.
rules.add_perm("measures.add_measure", is_office | is_platform_admin | (takes_part & leads_a_body))
# Editing a measure, its milestones, partners, attachments and status.
rules.add_perm(
    "measures.change_measure",
    office_of_measure | is_platform_admin | (takes_part_in_measure & leads_measure_body),
)
# Deleting, importing, the initiative's own fields and fields of action.
rules.add_perm("measures.delete_measure", office_of_measure | is_platform_admin)
rules.add_perm("measures.manage_measures", is_office | is_platform_admin)
