"""Who may do what with meetings. Everyone taking part in the initiative sees its
meetings; the office plans any, the chair or manager of a body plans that body's."""

import rules
from django.utils import timezone

from standort.core.memo import remembered
from standort.initiatives.models import Membership
from standort.initiatives.rules import is_office, is_platform_admin, takes_part
from standort.measures.rules import leads_a_body, led_bodies


@rules.predicate
def leads_meeting_body(user, meeting):
    return meeting.body_id in led_bodies(user)


@rules.predicate
def office_of_meeting(user, meeting):
    return is_office.test(user, meeting.initiative)


@rules.predicate
def takes_part_in_meeting(user, meeting):
    return takes_part.test(user, meeting.initiative)


rules.add_perm("meetings.view_meetings", takes_part | is_platform_admin)
rules.add_perm("meetings.add_meeting", is_office | is_platform_admin | (takes_part & leads_a_body))
rules.add_perm("meetings.view_meeting", takes_part_in_meeting | is_platform_admin)
rules.add_perm(
    "meetings.change_meeting",
    office_of_meeting | is_platform_admin | (takes_part_in_meeting & leads_meeting_body),
)


def chaired_bodies(user):
    """Ids of the bodies the user currently chairs (they approve the minutes), read once
    per request (core.memo)."""
    if not user.is_authenticated:
        return frozenset()
    return remembered(("chaired_bodies", user.pk), lambda: _chaired_bodies(user))


def _chaired_bodies(user):
    return frozenset(
        Membership.objects.filter(person__user=user, role=Membership.Role.CHAIR)
        .exclude(ends_on__lt=timezone.localdate())
        .values_list("body_id", flat=True)
    )


@rules.predicate
def chairs_meeting_body(user, meeting):
    return meeting.body_id in chaired_bodies(user)


@rules.predicate
def owns_action_item(user, action_item):
    return action_item.owner.user_id is not None and action_item.owner.user_id == user.pk


@rules.predicate
def plans_action_item_meeting(user, action_item):
    return user.has_perm("meetings.change_meeting", action_item.agenda_item.meeting)


# Draft minutes are the planners' working copy; circulated and approved ones are read
# by everyone who sees the meeting.
rules.add_perm("meetings.approve_minutes", takes_part_in_meeting & chairs_meeting_body)
rules.add_perm("meetings.tick_action_item", owns_action_item | plans_action_item_meeting)
