"""Who may do what with meetings. Everyone taking part in the initiative sees its
meetings; the office plans any, the chair or manager of a body plans that body's."""

import rules

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
