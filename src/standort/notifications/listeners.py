"""What the other apps report, turned into notifications. Each listener only says who
is told what; `services.notify` does the rest. They run inside the sender's
transaction, so a rolled-back comment tells nobody."""

from collections import defaultdict
from functools import partial

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standort.dialog.mentions import mentioned_ids
from standort.dialog.models import Comment
from standort.initiatives.models import Person
from standort.measures.models import Measure

from . import queries, services
from .models import Kind


def _name(user):
    return str(user) if user is not None else _("Someone")


def _day(moment):
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


# Measures --------------------------------------------------------------------------


def _tell_measure_followers(measure, actor, text, event):
    services.notify(
        kind=Kind.STATUS,
        users=queries.followers(measure),
        initiative=measure.initiative,
        actor=actor,
        text=text,
        url=measure.get_absolute_url(),
        event=event,
    )


def on_status_changed(sender, *, measure, actor, old, new, **kwargs):
    def text():
        return _("Measure %(number)s “%(title)s” is now “%(status)s”.") % {
            "number": measure.number,
            "title": measure.title,
            "status": type(measure).Status(new).label,
        }

    event = f"measure-status:{measure.pk}:{measure.version}:{new}"
    _tell_measure_followers(measure, actor, text, event)


# How many measures the notification of an import names before "and 4 more".
NAMED_MEASURES = 3


def on_measures_imported(sender, *, initiative, actor, status_changes, key, **kwargs):
    """One notification per follower for the status changes of an import, however many
    of the measures they follow it moved."""
    new = {measure.pk: (measure, status) for measure, _old, status in status_changes}
    if not new:
        return
    groups = defaultdict(list)
    for user, measure_ids in queries.followers_of_measures(initiative, list(new)).items():
        ids = sorted(measure_ids, key=lambda pk: new[pk][0].number)
        groups[tuple(ids)].append(user)
    for ids, users in groups.items():
        changes = [new[pk] for pk in ids]
        if len(changes) == 1:
            url = reverse("measure_detail", args=[initiative.slug, changes[0][0].number])
        else:
            url = reverse("measure_list", args=[initiative.slug])
        services.notify(
            kind=Kind.STATUS,
            users=users,
            initiative=initiative,
            actor=actor,
            text=partial(_imported, changes),
            url=url,
            event=f"measures-import:{key}",
        )


def _imported(changes):
    named = "; ".join(
        _("%(number)s “%(title)s” is now “%(status)s”")
        % {"number": measure.number, "title": measure.title, "status": Measure.Status(new).label}
        for measure, new in changes[:NAMED_MEASURES]
    )
    more = len(changes) - NAMED_MEASURES
    if more > 0:
        named = ngettext("%(named)s and %(count)s more", "%(named)s and %(count)s more", more) % {
            "named": named,
            "count": more,
        }
    return ngettext(
        "An import changed the status of a measure you follow: %(changes)s.",
        "An import changed the status of %(count)s measures you follow: %(changes)s.",
        len(changes),
    ) % {"count": len(changes), "changes": named}


def on_status_update_added(sender, *, update, actor, **kwargs):
    measure = update.measure

    def text():
        return _(
            "New status update on measure %(number)s “%(title)s”: %(light)s, %(progress)s %%."
        ) % {
            "number": measure.number,
            "title": measure.title,
            "light": update.get_traffic_light_display(),
            "progress": update.progress,
        }

    _tell_measure_followers(measure, actor, text, f"status-update:{update.pk}")


# Meetings --------------------------------------------------------------------------


def on_invitations_sent(sender, *, meeting, invitations, kind, **kwargs):
    """In-app notifications for invitees with an account; the meetings app sends the
    mails with the calendar file itself."""
    person_ids = [invitation.person_id for invitation in invitations]
    users = Person.objects.filter(pk__in=person_ids, user__isnull=False).values_list(
        "user_id", flat=True
    )

    def text():
        values = {
            "title": meeting.title,
            "body": meeting.body.name,
            "date": _day(meeting.starts_at),
        }
        if kind == "cancel":
            return _("The meeting “%(title)s” of %(body)s on %(date)s is cancelled.") % values
        if kind == "update":
            return _("The meeting “%(title)s” of %(body)s has changed: now on %(date)s.") % values
        if kind == "remind":
            return (
                _("Please answer the invitation to “%(title)s” of %(body)s on %(date)s.") % values
            )
        return _("Invitation to “%(title)s” of %(body)s on %(date)s.") % values

    services.notify(
        kind=Kind.INVITATION,
        users=list(users),
        initiative=meeting.initiative,
        actor=None,
        text=text,
        url=meeting.get_absolute_url(),
        event=f"meeting-{kind}:{meeting.pk}:{meeting.sequence}:{timezone.localdate()}",
        mail=False,
    )


# The dialogue ----------------------------------------------------------------------


def _followed(comment):
    """What is followed to hear of a comment: its measure or idea; for an agenda
    item, the meeting's body."""
    if comment.measure_id:
        return comment.measure
    if comment.agenda_item_id:
        return comment.agenda_item.meeting.body
    return comment.idea


def _about_comment(comment, who, mention=False):
    """The sentence of a comment or a mention in it, in the active language."""
    if comment.measure_id:
        values = {"who": who, "number": comment.measure.number, "title": comment.measure.title}
        if mention:
            return (
                _("%(who)s mentioned you in a comment on measure %(number)s “%(title)s”.") % values
            )
        return _("%(who)s commented on measure %(number)s “%(title)s”.") % values
    if comment.agenda_item_id:
        item = comment.agenda_item
        values = {"who": who, "item": item.title, "meeting": item.meeting.title}
        if mention:
            return (
                _(
                    "%(who)s mentioned you in a comment on the agenda item “%(item)s” of "
                    "“%(meeting)s”."
                )
                % values
            )
        return _("%(who)s commented on the agenda item “%(item)s” of “%(meeting)s”.") % values
    values = {"who": who, "title": comment.idea.title}
    if mention:
        return _("%(who)s mentioned you in a comment on the idea “%(title)s”.") % values
    return _("%(who)s commented on the idea “%(title)s”.") % values


def on_comment_posted(sender, *, comment, **kwargs):
    """The followers of what it is on (and the author of the comment it answers) hear
    of a comment; those it mentions hear of it as a mention instead."""
    told = Q(pk__in=queries.followers(_followed(comment)).values("pk"))
    if comment.parent_id and comment.parent.author_id:
        told |= Q(pk=comment.parent.author_id)
    users = get_user_model().objects.filter(told)
    mentioned = mentioned_ids(comment.mentions)
    if mentioned:
        users = users.exclude(person__pk__in=mentioned)

    def text():
        return _about_comment(comment, _name(comment.author))

    services.notify(
        kind=Kind.COMMENT,
        users=users,
        initiative=comment.initiative,
        actor=comment.author,
        text=text,
        url=comment.get_absolute_url(),
        event=f"comment:{comment.pk}",
    )


def on_idea_posted(sender, *, idea, **kwargs):
    def text():
        return _("%(who)s posted the idea “%(title)s” in %(body)s.") % {
            "who": _name(idea.author),
            "title": idea.title,
            "body": idea.body.name,
        }

    services.notify(
        kind=Kind.COMMENT,
        users=queries.followers(idea.body),
        initiative=idea.initiative,
        actor=idea.author,
        text=text,
        url=idea.get_absolute_url(),
        event=f"idea:{idea.pk}",
    )


def on_people_mentioned(sender, *, obj, people, **kwargs):
    is_comment = isinstance(obj, Comment)
    kind = "comment" if is_comment else "idea"
    # On posting, the mention takes the place of the comment's notification (the same
    # event); a mention added by an edit is news of its own.
    event = f"{kind}:{obj.pk}" if obj.edited_at is None else f"{kind}:{obj.pk}:mention"

    def text():
        if is_comment:
            return _about_comment(obj, _name(obj.author), mention=True)
        return _("%(who)s mentioned you in the idea “%(title)s”.") % {
            "who": _name(obj.author),
            "title": obj.title,
        }

    services.notify(
        kind=Kind.MENTION,
        users=[person.user_id for person in people if person.user_id],
        initiative=obj.initiative,
        actor=obj.author,
        text=text,
        url=obj.get_absolute_url(),
        event=event,
    )
