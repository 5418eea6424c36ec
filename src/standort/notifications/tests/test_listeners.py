"""What the other apps report becomes notifications: status changes and accepted
status updates of a measure, invitations to meetings, ideas, comments and mentions."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from standort.core.models import OutgoingMail
from standort.dialog import services as dialog
from standort.dialog.models import Comment, Idea
from standort.initiatives.tests.factories import MembershipFactory
from standort.measures import services as measures
from standort.measures.models import Measure, StatusUpdate
from standort.meetings import services as meeting_services
from standort.meetings import signals as meeting_signals
from standort.meetings.models import AgendaItem, Invitation, Meeting
from standort.notifications import services
from standort.notifications.models import Choice, Kind, Notification

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def told(**filters):
    return {
        (n.recipient.email.split("@")[0], n.kind)
        for n in Notification.objects.filter(**filters).select_related("recipient")
    }


def test_a_status_change_tells_the_measures_followers_but_not_the_actor(measure, anna, ben):
    services.follow(anna, measure)
    measures.measure_set_status(actor=anna, measure=measure, status=Measure.Status.IN_PROGRESS)

    assert told() == {("ben", Kind.STATUS), ("stefan", Kind.STATUS)}
    notification = Notification.objects.get(recipient=ben)
    assert notification.text == "Maßnahme 7 „Gewerbeflächen“ ist jetzt „in Umsetzung“."
    assert notification.url == "/duisburg/measures/7/"
    assert notification.actor == anna


def test_an_accepted_status_update_tells_the_followers(measure, anna):
    update = StatusUpdate(measure=measure, traffic_light=StatusUpdate.Light.AMBER, progress=40)
    measures.status_update_record(actor=anna, update=update)

    assert told() == {("ben", Kind.STATUS), ("stefan", Kind.STATUS)}
    assert "Neuer Sachstand zu Maßnahme 7" in Notification.objects.first().text


def test_an_unaccepted_status_update_tells_nobody_until_it_is_accepted(measure, anna):
    update = StatusUpdate(measure=measure, traffic_light=StatusUpdate.Light.GREEN, progress=10)
    measures.status_update_record(actor=anna, update=update, accept=False)
    assert not Notification.objects.exists()
    measures.status_update_record(actor=anna, update=update, accept=True)
    assert Notification.objects.count() == 2


@pytest.fixture
def meeting(duisburg, group):
    return Meeting.objects.create(
        initiative=duisburg,
        body=group,
        title="AK-Sitzung Frühjahr",
        starts_at=datetime.datetime(2030, 3, 16, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2030, 3, 16, 12, 0, tzinfo=BERLIN),
    )


def test_invitations_are_notifications_without_a_second_mail(meeting, olga, ben):
    from standort.initiatives.tests.factories import PersonFactory

    without_account = PersonFactory()
    invitations = [
        Invitation.objects.create(meeting=meeting, person=person)
        for person in (olga.person, without_account)
    ]
    services.preferences_save(user=olga, choices={Kind.INVITATION: Choice.IMMEDIATE})

    meeting_signals.invitations_sent.send(
        Meeting, meeting=meeting, invitations=invitations, kind="invite"
    )

    notification = Notification.objects.get()
    assert notification.recipient == olga
    assert notification.kind == Kind.INVITATION
    assert notification.url == f"/duisburg/meetings/{meeting.pk}/"
    assert notification.text == (
        "Einladung zu „AK-Sitzung Frühjahr“ von Arbeitskreis Mittelstand am 16.03.2030."
    )
    # The meetings app mails the invitation with its calendar file.
    assert not OutgoingMail.objects.exists()


def test_the_meeting_invite_service_tells_invitees_with_an_account(meeting, anna, olga):
    from standort.meetings import services as meeting_services

    meeting_services.meeting_invite(actor=anna, meeting=meeting)
    assert told() == {("olga", Kind.INVITATION)}


# The dialogue ---------------------------------------------------------------------


@pytest.fixture
def idea(group, olga):
    return dialog.idea_post(
        actor=olga, idea=Idea(body=group, title="Gründungslotsen", text="Ein Lotse im Rathaus.")
    )


def test_an_idea_tells_the_bodys_followers(group, idea, anna, olga):
    assert not Notification.objects.exists()  # Olga is the only member and the author
    services.follow(anna, group)
    dialog.idea_post(actor=olga, idea=Idea(body=group, title="Zweite Idee", text="Text"))
    assert told() == {("anna", Kind.COMMENT)}
    assert "Olga Otto hat die Idee „Zweite Idee“" in Notification.objects.get().text


def test_a_comment_on_an_idea_tells_its_author_and_earlier_commenters(idea, ben, stefan, anna):
    dialog.comment_post(actor=ben, comment=Comment(idea=idea, text="Gute Idee."))
    assert told() == {("olga", Kind.COMMENT)}

    dialog.comment_post(actor=stefan, comment=Comment(idea=idea, text="Finde ich auch."))
    assert told(params__who__startswith="Stefan") == {("olga", Kind.COMMENT), ("ben", Kind.COMMENT)}
    notification = Notification.objects.filter(recipient=ben).get()
    assert notification.url == f"/duisburg/ideas/{idea.pk}/#comment-{Comment.objects.last().pk}"


def test_a_comment_on_a_measure_tells_its_followers_and_a_reply_the_comments_author(
    measure, anna, olga
):
    first = dialog.comment_post(actor=olga, comment=Comment(measure=measure, text="Wann?"))
    assert told() == {("ben", Kind.COMMENT), ("stefan", Kind.COMMENT)}
    Notification.objects.all().delete()

    dialog.comment_post(actor=anna, comment=Comment(parent=first, text="Im Mai."))
    assert told() == {("ben", Kind.COMMENT), ("stefan", Kind.COMMENT), ("olga", Kind.COMMENT)}


def test_a_comment_on_an_agenda_item_tells_the_followers_of_the_meetings_body(meeting, anna, olga):
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Gründungsoffensive")
    dialog.comment_post(actor=anna, comment=Comment(agenda_item=item, text="Vorschlag folgt."))
    assert told() == {("olga", Kind.COMMENT)}
    assert Notification.objects.get().url == (
        f"/duisburg/meetings/{meeting.pk}/agenda/{item.pk}/#comment-{item.comments.get().pk}"
    )


def test_a_mentioned_follower_hears_of_the_mention_only(measure, anna, ben, mailoutbox):
    dialog.comment_post(
        actor=anna, comment=Comment(measure=measure, text="@Ben Brandt, wann geht es los?")
    )
    assert told() == {("ben", Kind.MENTION), ("stefan", Kind.COMMENT)}
    mention = Notification.objects.get(recipient=ben)
    assert mention.text == (
        "Anna Albers hat Sie in einem Kommentar zu Maßnahme 7 „Gewerbeflächen“ erwähnt."
    )
    # Mentions come at once by default, comments in the digest.
    assert list(OutgoingMail.objects.values_list("key", flat=True)) == [
        f"notification:{mention.pk}"
    ]


def test_a_mention_added_by_an_edit_is_news_of_its_own(measure, anna, ben):
    comment = dialog.comment_post(actor=anna, comment=Comment(measure=measure, text="Wann?"))
    dialog.comment_edit(actor=anna, comment=comment, text="Wann, @Ben Brandt?")
    assert sorted(Notification.objects.filter(recipient=ben).values_list("kind", flat=True)) == [
        Kind.COMMENT,
        Kind.MENTION,
    ]


def test_a_user_who_wants_no_invitation_mails_finds_it_in_the_app(
    meeting, anna, ben, olga, mailoutbox, django_capture_on_commit_callbacks
):
    MembershipFactory(body=meeting.body, person=ben.person)
    services.preferences_save(user=ben, choices={Kind.INVITATION: Choice.NEVER})
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_invite(actor=anna, meeting=meeting)
    mailed = {m.to[0] for m in mailoutbox}
    assert olga.email in mailed
    assert ben.email not in mailed
    notification = Notification.objects.get(recipient=ben)
    assert notification.kind == Kind.INVITATION
    assert notification.url == meeting.get_absolute_url()
    assert Invitation.objects.filter(meeting=meeting, person=ben.person).exists()
