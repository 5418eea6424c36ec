"""Who may do what in the dialogue. Everyone taking part in the initiative reads and
comments; members of a body and the office post its ideas; authors correct their own
words for a quarter of an hour and may delete them; the office hides comments; the
office and the chair or manager of a body turn its ideas into measures. The public sees
nothing of it."""

import rules
from django.utils import timezone

from standort.core.memo import remembered
from standort.initiatives.models import Membership
from standort.initiatives.rules import is_office, is_platform_admin, role_in, takes_part
from standort.measures.rules import led_bodies

from .models import EDIT_WINDOW


def member_bodies(user):
    """Ids of the bodies the user currently belongs to (any role), once per request
    (core.memo)."""
    if not user.is_authenticated:
        return frozenset()
    return remembered(
        ("member-bodies", user.pk),
        lambda: frozenset(
            Membership.objects.filter(person__user=user)
            .exclude(ends_on__lt=timezone.localdate())
            .values_list("body_id", flat=True)
        ),
    )


def reader_facts(user, initiative):
    """All that the rules on comments read of their reader apart from whether the
    reader wrote the comment (change them together): readers with the same facts who
    wrote none of a thread may do the same with each of its comments."""
    return (role_in(user, initiative), user.is_superuser, user.is_active)


class _Initiative:
    """What role_in() needs of an initiative: its pk. Rules on comments and ideas use
    the id they carry, so a list of them asks no query for their initiative."""

    def __init__(self, pk):
        self.pk = pk


def _on_initiative_of(predicate, name):
    @rules.predicate(name=name)
    def wrapped(user, obj):
        return predicate.test(user, _Initiative(obj.initiative_id))

    return wrapped


office_of = _on_initiative_of(is_office, "office_of_dialog_object")
takes_part_in = _on_initiative_of(takes_part, "takes_part_in_dialog_object")


@rules.predicate
def is_author(user, obj):
    return user.is_authenticated and obj.author_id == user.pk


@rules.predicate
def within_edit_window(user, obj):
    return obj.created_at is not None and timezone.now() - obj.created_at <= EDIT_WINDOW


@rules.predicate
def is_removed(user, comment):
    return comment.deleted_at is not None


@rules.predicate
def is_hidden(user, comment):
    return comment.hidden_at is not None


@rules.predicate
def belongs_to_body(user, body):
    return body.pk in member_bodies(user)


@rules.predicate
def leads_idea_body(user, idea):
    return idea.body_id in led_bodies(user)


@rules.predicate
def office_of_body(user, body):
    return is_office.test(user, _Initiative(body.initiative_id))


@rules.predicate
def takes_part_in_body(user, body):
    return role_in(user, _Initiative(body.initiative_id)) is not None


# Reading ideas and comments, and commenting (the initiative).
rules.add_perm("dialog.view_dialog", takes_part | is_platform_admin)
rules.add_perm("dialog.add_comment", takes_part | is_platform_admin)
# An idea's page (the idea).
rules.add_perm("dialog.view_idea", takes_part_in | is_platform_admin)
# Posting an idea in a body (the body).
rules.add_perm(
    "dialog.add_idea",
    office_of_body | is_platform_admin | (takes_part_in_body & belongs_to_body),
)
# Answering a comment (the comment).
rules.add_perm("dialog.reply_comment", ~is_removed & (takes_part_in | is_platform_admin))
# Correcting one's own idea or comment, for a quarter of an hour.
rules.add_perm("dialog.change_idea", takes_part_in & is_author & within_edit_window)
rules.add_perm(
    "dialog.change_comment",
    takes_part_in & is_author & within_edit_window & ~is_removed & ~is_hidden,
)
rules.add_perm(
    "dialog.delete_comment",
    ~is_removed & ((takes_part_in & is_author) | office_of | is_platform_admin),
)
# Hiding a comment with a reason, and showing it again (the office).
rules.add_perm("dialog.hide_comment", ~is_removed & (office_of | is_platform_admin))
# Backing an idea: anyone taking part, not its author.
rules.add_perm("dialog.support_idea", takes_part_in & ~is_author)
# Idea → proposed measure of the idea's body (the idea): the office, and the chair or
# manager of that body, who turn its decisions into measures as well
# (meetings.change_meeting) and keep its measures (measures.change_measure).
rules.add_perm(
    "dialog.idea_to_measure",
    office_of | is_platform_admin | (takes_part_in & leads_idea_body),
)
