"""Writes of the dialogue: post, correct, delete and hide; support an idea; turn an idea
into a measure. Each tells the notifications through the signals in signals.py."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standort.core.services import DomainError, save
from standort.initiatives.models import Person
from standort.measures import services as measure_services
from standort.measures.models import Measure

from . import signals
from .mentions import find_mentions, mentioned_ids
from .models import EDIT_WINDOW, Comment, Idea, Support

__all__ = ["DomainError"]


def _check_text(text):
    if not (text or "").strip():
        raise DomainError(_("Please write something."))


def _check_edit_window(actor, obj):
    if obj.author_id != actor.pk:
        raise DomainError(_("Only the author may correct this."))
    if timezone.now() - obj.created_at > EDIT_WINDOW:
        raise DomainError(_("This can only be corrected within 15 minutes of posting."))


def _mention(obj, before=()):
    """Finds the mentions of the text; returns the ids of the people newly mentioned."""
    obj.mentions = find_mentions(obj.text, obj.initiative_id)
    return [pk for pk in mentioned_ids(obj.mentions) if pk not in set(before)]


def _tell_mentioned(obj, person_ids, actor):
    if not person_ids:
        return
    people = [
        p for p in Person.objects.filter(pk__in=person_ids).select_related("user")
        if p.user_id != actor.pk
    ]  # fmt: skip
    order = {pk: n for n, pk in enumerate(person_ids)}
    people.sort(key=lambda p: order[p.pk])
    if people:
        signals.people_mentioned.send(sender=type(obj), obj=obj, people=people)


# Ideas -----------------------------------------------------------------------------


@transaction.atomic
def idea_post(*, actor, idea):
    """A new idea of a body; the body's initiative is the idea's."""
    _check_text(idea.title)
    _check_text(idea.text)
    idea.initiative_id = idea.body.initiative_id
    idea.author = actor
    new = _mention(idea)
    save(actor, idea)
    signals.idea_posted.send(sender=Idea, idea=idea)
    _tell_mentioned(idea, new, actor)
    return idea


@transaction.atomic
def idea_edit(*, actor, idea, expected_version=None):
    """The author corrects title and text within 15 minutes."""
    _check_edit_window(actor, idea)
    _check_text(idea.title)
    _check_text(idea.text)
    before = Idea.objects.filter(pk=idea.pk).values_list("mentions", flat=True).get()
    new = _mention(idea, mentioned_ids(before))
    idea.edited_at = timezone.now()
    save(actor, idea, expected_version=expected_version)
    _tell_mentioned(idea, new, actor)
    return idea


@transaction.atomic
def idea_support(*, actor, idea, support=True):
    """Backs an idea (once) or takes the backing back; nobody backs their own."""
    if support:
        if idea.author_id == actor.pk:
            raise DomainError(_("You cannot support your own idea."))
        try:
            with transaction.atomic():
                Support.objects.create(idea=idea, user=actor)
        except IntegrityError:
            pass  # a second click, or two tabs: supported once is supported
    else:
        Support.objects.filter(idea=idea, user=actor).delete()
    return idea


@transaction.atomic
def idea_to_measure(*, actor, idea):
    """Idea → proposed measure of the idea's body, pre-filled from the idea and linked
    to it both ways (`idea.measure`, `measure.ideas`)."""

    idea = Idea.objects.select_for_update().select_related("body", "initiative").get(pk=idea.pk)
    if idea.measure_id:
        raise DomainError(_("This idea has become a measure already."))
    measure = Measure(
        initiative=idea.initiative,
        number=measure_services.next_number(idea.initiative),
        title=idea.title[:300],
        description=idea.text,
        body=idea.body,
        status=Measure.Status.PROPOSED,
    )
    measure_services.measure_save(actor=actor, measure=measure)
    idea.measure = measure
    save(actor, idea)
    return measure


# Comments --------------------------------------------------------------------------


def _target_initiative_id(comment):
    if comment.measure_id:
        return comment.measure.initiative_id
    if comment.agenda_item_id:
        return comment.agenda_item.meeting.initiative_id
    return comment.idea.initiative_id


@transaction.atomic
def comment_post(*, actor, comment):
    """A comment on its target, or a reply. A reply to a reply answers the top-level
    comment above it: threads are one level deep. A reply takes its target from the
    comment it answers."""
    _check_text(comment.text)
    parent = comment.parent
    if parent is not None:
        if parent.parent_id is not None:
            parent = comment.parent = parent.parent
        if parent.deleted_at is not None:
            raise DomainError(_("This comment has been deleted; it cannot be answered."))
        comment.measure_id = parent.measure_id
        comment.agenda_item_id = parent.agenda_item_id
        comment.idea_id = parent.idea_id
        comment.initiative_id = parent.initiative_id
    targets = [comment.measure_id, comment.agenda_item_id, comment.idea_id]
    if sum(t is not None for t in targets) != 1:
        raise DomainError(_("A comment belongs to exactly one measure, agenda item or idea."))
    if parent is None:
        comment.initiative_id = _target_initiative_id(comment)
    comment.author = actor
    new = _mention(comment)
    save(actor, comment)
    signals.comment_posted.send(sender=Comment, comment=comment)
    _tell_mentioned(comment, new, actor)
    return comment


@transaction.atomic
def comment_edit(*, actor, comment, text):
    """The author corrects the text within 15 minutes; it shows as edited."""
    if comment.deleted_at or comment.hidden_at:
        raise DomainError(_("This comment can no longer be changed."))
    _check_edit_window(actor, comment)
    _check_text(text)
    before = mentioned_ids(comment.mentions)
    comment.text = text
    new = _mention(comment, before)
    comment.edited_at = timezone.now()
    save(actor, comment)
    _tell_mentioned(comment, new, actor)
    return comment


@transaction.atomic
def comment_delete(*, actor, comment):
    """Deletes a comment: its words are gone, the history keeps the change. With
    replies it stays as a placeholder ("Kommentar gelöscht") so the thread still
    reads; without, it no longer appears."""
    if comment.deleted_at:
        raise DomainError(_("This comment has been deleted already."))
    comment.deleted_at = timezone.now()
    comment.text = ""
    comment.mentions = []
    save(actor, comment)
    return comment


@transaction.atomic
def comment_hide(*, actor, comment, reason):
    """The office hides a comment with a reason everyone reads; the text stays in the
    database."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Please give a reason for hiding the comment."))
    if comment.deleted_at:
        raise DomainError(_("This comment has been deleted already."))
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = reason[:300]
    save(actor, comment)
    return comment


@transaction.atomic
def comment_unhide(*, actor, comment):
    if not comment.hidden_at:
        raise DomainError(_("This comment is not hidden."))
    comment.hidden_at = None
    comment.hidden_by = None
    comment.hidden_reason = ""
    save(actor, comment)
    return comment
