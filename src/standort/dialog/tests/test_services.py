"""The rules of the dialogue as its services keep them: threads one level deep, the
quarter of an hour to correct, hiding with a reason, the placeholder of a deleted
comment, mentions and whom they tell, one support per person, idea → measure."""

import datetime
from contextlib import contextmanager

import pytest
from django.db import IntegrityError
from django.utils import timezone

from standort.core.history import records
from standort.dialog import queries, services, signals
from standort.dialog.models import Comment, Idea, Support
from standort.measures.models import Measure

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


@contextmanager
def caught(signal):
    """The keyword arguments of every sending of `signal` inside the block."""
    sent = []

    def receiver(sender, **kwargs):
        sent.append({"sender": sender, **kwargs})

    signal.connect(receiver)
    try:
        yield sent
    finally:
        signal.disconnect(receiver)


def post(actor, text, **target):
    return services.comment_post(actor=actor, comment=Comment(text=text, **target))


def test_a_reply_to_a_reply_answers_the_top_level_comment(idea, comment, ben, olga):
    reply = post(ben, "Einverstanden.", parent=comment)
    answer = post(olga, "Ich auch.", parent=reply)
    assert reply.parent == comment and answer.parent == comment
    # A reply takes the target and initiative of the comment it answers.
    assert answer.idea == idea and answer.initiative == idea.initiative
    (thread,) = queries.comments_for_idea(idea)
    assert thread == comment
    assert list(thread.replies.all()) == [reply, answer]


def test_a_comment_has_exactly_one_target(idea, measure, ben):
    with pytest.raises(services.DomainError):
        post(ben, "Zwei Ziele", idea=idea, measure=measure)
    with pytest.raises(services.DomainError):
        post(ben, "Kein Ziel")
    with pytest.raises(IntegrityError):
        Comment.objects.create(initiative=idea.initiative, text="x", idea=idea, measure=measure)


def test_an_empty_comment_is_refused(idea, ben):
    with pytest.raises(services.DomainError):
        post(ben, "   ", idea=idea)


def test_the_author_corrects_within_15_minutes_only(comment, stefan, ben):
    services.comment_edit(actor=stefan, comment=comment, text="Im Herbst, spätestens im Winter.")
    comment.refresh_from_db()
    assert comment.edited_at is not None
    assert comment.text == "Im Herbst, spätestens im Winter."
    with pytest.raises(services.DomainError):
        services.comment_edit(actor=ben, comment=comment, text="Nicht meiner")
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    comment.refresh_from_db()
    with pytest.raises(services.DomainError):
        services.comment_edit(actor=stefan, comment=comment, text="Zu spät")
    assert not stefan.has_perm("dialog.change_comment", comment)


def test_the_office_hides_a_comment_with_a_reason_and_the_text_is_kept(comment, anna):
    with pytest.raises(services.DomainError):
        services.comment_hide(actor=anna, comment=comment, reason="  ")
    services.comment_hide(actor=anna, comment=comment, reason="Persönlicher Angriff")
    comment.refresh_from_db()
    assert comment.hidden_by == anna and comment.hidden_reason == "Persönlicher Angriff"
    assert comment.text == "Das sollten wir im Herbst angehen."
    history = records(Comment, id=comment.pk).order_by("history_date")
    assert [r.history_type for r in history] == ["+", "~"]
    assert history[1].history_user == anna
    services.comment_unhide(actor=anna, comment=comment)
    comment.refresh_from_db()
    assert comment.hidden_at is None and comment.hidden_reason == ""


def test_a_deleted_comment_with_replies_stays_as_a_placeholder(idea, comment, ben, stefan):
    lonely = post(ben, "Niemand antwortet mir.", idea=idea)
    reply = post(ben, "Gerne.", parent=comment)
    services.comment_delete(actor=stefan, comment=comment)
    services.comment_delete(actor=ben, comment=lonely)
    threads = queries.comments_for_idea(idea)
    assert threads == [comment]  # the one without replies is gone
    assert threads[0].deleted_at is not None and threads[0].text == ""
    assert list(threads[0].reply_list) == [reply]
    # The deletion is in the history, with who did it.
    deleted = records(Comment, id=lonely.pk).order_by("-history_date").first()
    assert deleted.history_user == ben and deleted.deleted_at is not None
    # A deleted reply is gone; the placeholder without replies then too.
    services.comment_delete(actor=ben, comment=reply)
    assert queries.comments_for_idea(idea) == []
    with pytest.raises(services.DomainError):
        post(ben, "Antwort ins Leere", parent=comment)


def test_mentions_tell_the_people_of_the_initiative_named(idea, ben, anna, stefan, eva, clara):
    text = "Was meinen @Anna Albers und @[stefan sauer]? Auch @Eva Extern, @Clara Conrad."
    with caught(signals.people_mentioned) as mentioned, caught(signals.comment_posted) as posted:
        comment = post(ben, text, idea=idea)
    assert posted == [{"sender": Comment, "signal": signals.comment_posted, "comment": comment}]
    (sent,) = mentioned
    assert sent["sender"] is Comment and sent["obj"] == comment
    # Eva takes part nowhere, Clara only in Mülheim.
    assert sent["people"] == [anna.person, stefan.person]
    assert comment.mentions == [[anna.person.pk, "Anna Albers"], [stefan.person.pk, "stefan sauer"]]


def test_an_edit_tells_only_the_newly_mentioned(idea, ben, anna, stefan, olga):
    comment = post(ben, "Frage an @Anna Albers", idea=idea)
    with caught(signals.people_mentioned) as mentioned:
        services.comment_edit(
            actor=ben, comment=comment, text="Frage an @Anna Albers und @Olga Otto"
        )
        services.comment_edit(actor=ben, comment=comment, text="Frage an @Olga Otto")
    assert [sent["people"] for sent in mentioned] == [[olga.person]]


def test_the_author_mentioning_themselves_is_not_told(idea, ben):
    with caught(signals.people_mentioned) as mentioned:
        post(ben, "Ich, @Ben Brandt, kümmere mich.", idea=idea)
    assert mentioned == []


def test_posting_an_idea_tells_the_notifications(group, ben, anna):
    with caught(signals.idea_posted) as posted, caught(signals.people_mentioned) as mentioned:
        idea = services.idea_post(
            actor=ben,
            idea=Idea(body=group, title="Lotsen", text="@Anna Albers, was meinen Sie?"),
        )
    assert posted == [{"sender": Idea, "signal": signals.idea_posted, "idea": idea}]
    assert mentioned[0]["sender"] is Idea and mentioned[0]["people"] == [anna.person]
    assert idea.initiative == group.initiative and idea.author == ben
    assert records(Idea, id=idea.pk).count() == 1


def test_one_support_per_person_and_never_for_ones_own_idea(idea, ben, olga):
    services.idea_support(actor=olga, idea=idea)
    services.idea_support(actor=olga, idea=idea)  # a second click changes nothing
    assert Support.objects.filter(idea=idea).count() == 1
    with pytest.raises(services.DomainError):
        services.idea_support(actor=ben, idea=idea)
    with pytest.raises(IntegrityError):
        Support.objects.create(idea=idea, user=olga)


def test_withdrawing_support(idea, olga):
    services.idea_support(actor=olga, idea=idea)
    services.idea_support(actor=olga, idea=idea, support=False)
    assert not Support.objects.exists()


def test_the_office_turns_an_idea_into_a_proposed_measure(idea, measure, anna, group):
    created = services.idea_to_measure(actor=anna, idea=idea)
    idea.refresh_from_db()
    assert idea.measure == created
    assert created.number == measure.number + 1
    assert created.status == Measure.Status.PROPOSED
    assert created.is_internal  # until the office releases it for the public page
    assert (created.title, created.description, created.body) == (idea.title, idea.text, group)
    assert list(created.ideas.all()) == [idea]
    with pytest.raises(services.DomainError):
        services.idea_to_measure(actor=anna, idea=idea)


def test_comments_of_a_meeting_by_agenda_item(agenda_item, measure, ben, stefan):
    first = post(ben, "Vorschlag zur Tagesordnung", agenda_item=agenda_item)
    reply = post(stefan, "Einverstanden", parent=first)
    post(ben, "Zur Maßnahme", measure=measure)
    CommentFactory(idea=None, agenda_item=agenda_item, author=stefan, text="Zweiter Punkt")
    by_item = queries.comments_for_agenda(agenda_item.meeting)
    assert list(by_item) == [agenda_item.pk]
    assert [c.text for c in by_item[agenda_item.pk]] == [
        "Vorschlag zur Tagesordnung",
        "Zweiter Punkt",
    ]
    assert list(by_item[agenda_item.pk][0].reply_list) == [reply]


def test_the_agenda_comments_are_one_query_however_many(
    agenda_item, ben, stefan, django_assert_num_queries
):
    from standort.meetings.models import AgendaItem, Meeting

    meeting = Meeting.objects.select_related("initiative").get(pk=agenda_item.meeting_id)
    for n in range(20):
        item = AgendaItem.objects.create(meeting=meeting, position=n + 2, title=f"TOP {n}")
        top = CommentFactory(idea=None, agenda_item=item, author=ben)
        CommentFactory(idea=None, agenda_item=item, parent=top, author=stefan)
    # the comments with their authors, replies among them
    with django_assert_num_queries(1):
        by_item = queries.comments_for_agenda(meeting)
        replies = [r for threads in by_item.values() for c in threads for r in c.reply_list]
    assert len(by_item) == 20 and len(replies) == 20


def test_a_mention_inside_a_link_address_stays_out_of_the_markup(idea, ben, anna):
    from standort.dialog.templatetags.dialog_tags import dialog_text

    text = '<a href="https://x.example/>@Anna Albers onmouseover=alert(1) x=">Link</a> @Anna Albers'
    comment = post(ben, text, idea=idea)
    html = str(dialog_text(comment))
    assert html.count('<span class="mention">') == 1
    assert html.endswith('<span class="mention">@Anna Albers</span></p>')
