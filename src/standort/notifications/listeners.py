"""What the other apps report, turned into notifications. Each listener only says who
is told what; `services.notify` does the rest. They run inside the sender's
transaction, so a rolled-back comment tells nobody."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from standort.dialog.mentions import mentioned_ids
from standort.dialog.models import Comment
from standort.initiatives.models import Person

from . import queries, services
from .messages import NAMED_MEASURES
from .models import Kind


def _name(user):
    """The actor's name as it was (the message says "Someone" without one)."""
    return str(user) if user is not None else ""


# Measures --------------------------------------------------------------------------


def _tell_measure_followers(measure, actor, message, params, event):
    services.notify(
        kind=Kind.STATUS,
        users=queries.followers(measure),
        initiative=measure.initiative,
        actor=actor,
        message=message,
        params={"number": measure.number, "title": measure.title, **params},
        url=measure.get_absolute_url(),
        event=event,
    )


def on_status_changed(sender, *, measure, actor, old, new, **kwargs):
    event = f"measure-status:{measure.pk}:{measure.version}:{new}"
    _tell_measure_followers(measure, actor, "measure_status", {"status": new}, event)


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
        named = [
            [measure.number, measure.title, status] for measure, status in changes[:NAMED_MEASURES]
        ]
        services.notify(
            kind=Kind.STATUS,
            users=users,
            initiative=initiative,
            actor=actor,
            message="measures_imported",
            params={"changes": named, "count": len(changes)},
            url=url,
            event=f"measures-import:{key}",
        )


def on_status_update_added(sender, *, update, actor, **kwargs):
    params = {"light": update.traffic_light, "progress": update.progress}
    event = f"status-update:{update.pk}"
    _tell_measure_followers(update.measure, actor, "status_update", params, event)


# Meetings --------------------------------------------------------------------------


def on_invitations_sent(sender, *, meeting, invitations, kind, **kwargs):
    """In-app notifications for invitees with an account; the meetings app sends the
    mails with the calendar file itself."""
    person_ids = [invitation.person_id for invitation in invitations]
    users = Person.objects.filter(pk__in=person_ids, user__isnull=False).values_list(
        "user_id", flat=True
    )

    services.notify(
        kind=Kind.INVITATION,
        users=list(users),
        initiative=meeting.initiative,
        actor=None,
        message="meeting",
        params={
            "change": kind,
            "title": meeting.title,
            "body": meeting.body.name,
            "date": timezone.localdate(meeting.starts_at).isoformat(),
        },
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


def _about_comment(comment, mention=False):
    """The message and values of a comment, or of a mention in it."""
    values = {"who": _name(comment.author), "mention": mention}
    if comment.measure_id:
        values |= {"number": comment.measure.number, "title": comment.measure.title}
        return "comment_on_measure", values
    if comment.agenda_item_id:
        item = comment.agenda_item
        values |= {"item": item.title, "meeting": item.meeting.title}
        return "comment_on_agenda_item", values
    return "comment_on_idea", values | {"title": comment.idea.title}


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
    message, params = _about_comment(comment)
    services.notify(
        kind=Kind.COMMENT,
        users=users,
        initiative=comment.initiative,
        actor=comment.author,
        message=message,
        params=params,
        url=comment.get_absolute_url(),
        event=f"comment:{comment.pk}",
    )


def on_idea_posted(sender, *, idea, **kwargs):
    services.notify(
        kind=Kind.COMMENT,
        users=queries.followers(idea.body),
        initiative=idea.initiative,
        actor=idea.author,
        message="idea_posted",
        params={"who": _name(idea.author), "title": idea.title, "body": idea.body.name},
        url=idea.get_absolute_url(),
        event=f"idea:{idea.pk}",
    )


def on_people_mentioned(sender, *, obj, people, **kwargs):
    is_comment = isinstance(obj, Comment)
    kind = "comment" if is_comment else "idea"
    # On posting, the mention takes the place of the comment's notification (the same
    # event); a mention added by an edit is news of its own.
    event = f"{kind}:{obj.pk}" if obj.edited_at is None else f"{kind}:{obj.pk}:mention"
    if is_comment:
        message, params = _about_comment(obj, mention=True)
    else:
        message, params = "idea_mention", {"who": _name(obj.author), "title": obj.title}
    services.notify(
        kind=Kind.MENTION,
        users=[person.user_id for person in people if person.user_id],
        initiative=obj.initiative,
        actor=obj.author,
        message=message,
        params=params,
        url=obj.get_absolute_url(),
        event=event,
    )
