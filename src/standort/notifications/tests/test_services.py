"""Following, preferences and notify(): who is told, and who gets a mail when."""

import pytest
from django.utils import translation

from standort.core.models import OutgoingMail
from standort.dialog.tests.factories import CommentFactory, IdeaFactory
from standort.initiatives.tests.factories import user_with_role
from standort.notifications import queries, services
from standort.notifications.models import Choice, Follow, Kind, Notification, Preference

pytestmark = pytest.mark.django_db


def ids(users):
    return set(users.values_list("pk", flat=True))


def test_owner_and_partners_follow_a_measure_automatically(measure, ben, stefan, anna):
    assert ids(queries.followers(measure)) == {ben.pk, stefan.pk}
    assert not queries.is_following(anna, measure)


def test_a_member_follows_their_body_automatically(group, olga):
    assert ids(queries.followers(group)) == {olga.pk}


def test_follow_and_unfollow_explicitly(measure, anna, ben, stefan):
    services.follow(anna, measure)
    assert ids(queries.followers(measure)) == {anna.pk, ben.pk, stefan.pk}

    services.unfollow(anna, measure)
    assert ids(queries.followers(measure)) == {ben.pk, stefan.pk}
    # Nothing was automatic, so nothing is left behind to hold her off later.
    assert not Follow.objects.filter(user=anna).exists()


def test_an_owner_may_unfollow_and_follow_again(measure, ben, stefan):
    services.unfollow(ben, measure)
    assert ids(queries.followers(measure)) == {stefan.pk}
    assert Follow.objects.get(user=ben).following is False

    services.follow(ben, measure)
    assert ids(queries.followers(measure)) == {ben.pk, stefan.pk}


def test_followers_outside_the_initiative_are_not_told(measure, clara, ben, stefan):
    # Clara (Mülheim) once followed it; she takes no part in Duisburg.
    Follow.objects.create(user=clara, measure=measure)
    assert ids(queries.followers(measure)) == {ben.pk, stefan.pk}


def test_followers_cost_one_query_however_many(measure, django_assert_num_queries, anna, olga):
    services.follow(anna, measure)
    services.follow(olga, measure)
    with django_assert_num_queries(1):
        list(queries.followers(measure))


def test_defaults_and_stored_preferences(ben, stefan, anna):
    assert services.wants_immediate_mail([ben, stefan], Kind.INVITATION) == {ben.pk, stefan.pk}
    assert services.wants_immediate_mail([ben], Kind.COMMENT) == set()
    services.preferences_save(user=ben, choices={Kind.INVITATION: Choice.DAILY})
    services.preferences_save(user=anna, choices={Kind.COMMENT: Choice.IMMEDIATE})
    assert services.wants_immediate_mail([ben.pk, stefan.pk], Kind.INVITATION) == {stefan.pk}
    assert services.wants_immediate_mail([anna, ben], Kind.COMMENT) == {anna.pk}
    assert Preference.objects.count() == 2


STATUS_CHANGED = {"number": 7, "title": "Gewerbeflächen", "status": "in_progress"}


def _notify(
    users,
    actor,
    duisburg,
    kind=Kind.STATUS,
    event="e:1",
    message="measure_status",
    params=STATUS_CHANGED,
    **kwargs,
):
    return services.notify(
        kind=kind,
        users=users,
        initiative=duisburg,
        actor=actor,
        message=message,
        params=params,
        url="/duisburg/measures/7/",
        event=event,
        **kwargs,
    )


def test_notify_never_tells_the_actor(duisburg, anna, ben, stefan):
    told = _notify([anna, ben, stefan], anna, duisburg)
    assert told == {ben.pk, stefan.pk}
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {ben.pk, stefan.pk}


def test_notify_follows_each_users_choice(duisburg, anna, ben, stefan, olga, mailoutbox):
    services.preferences_save(user=ben, choices={Kind.STATUS: Choice.IMMEDIATE})
    services.preferences_save(user=olga, choices={Kind.STATUS: Choice.NEVER})

    _notify([ben, stefan, olga], anna, duisburg)

    rows = {n.recipient_id: n for n in Notification.objects.all()}
    assert rows[ben.pk].delivery == Choice.IMMEDIATE and rows[ben.pk].mailed_at
    assert rows[stefan.pk].delivery == Choice.DAILY and rows[stefan.pk].mailed_at is None
    assert rows[olga.pk].delivery == Choice.NEVER
    (outgoing,) = OutgoingMail.objects.all()
    assert outgoing.key == f"notification:{rows[ben.pk].pk}"
    assert outgoing.to == ben.email
    # The immediate backend delivers after the commit; here the test's transaction
    # holds, so the mail waits in the outbox.
    assert "/duisburg/measures/7/" in outgoing.body


def test_the_same_event_twice_tells_and_mails_once(duisburg, anna, ben):
    services.preferences_save(user=ben, choices={Kind.STATUS: Choice.IMMEDIATE})
    _notify([ben], anna, duisburg)
    _notify([ben], anna, duisburg)
    assert Notification.objects.count() == 1
    assert OutgoingMail.objects.count() == 1


def test_a_notification_is_said_in_the_language_of_whoever_reads_it(duisburg, anna, ben, stefan):
    """Stored as a message and its values: the same row reads German on a German page
    and English on an English one, and each recipient's mail is in their language."""
    stefan.language = "en"
    stefan.save()
    services.preferences_save(user=stefan, choices={Kind.STATUS: Choice.IMMEDIATE})
    services.preferences_save(user=ben, choices={Kind.STATUS: Choice.IMMEDIATE})
    _notify([ben, stefan], anna, duisburg)

    notification = Notification.objects.get(recipient=stefan)
    assert notification.message == "measure_status"
    with translation.override("de"):
        assert notification.text == "Maßnahme 7 „Gewerbeflächen“ ist jetzt „in Umsetzung“."
    with translation.override("en"):
        assert notification.text == "Measure 7 “Gewerbeflächen” is now “in progress”."
    subjects = dict(OutgoingMail.objects.values_list("to", "subject"))
    assert subjects[stefan.email].endswith(": Measure 7 “Gewerbeflächen” is now “in progress”.")
    assert subjects[ben.email].endswith(": Maßnahme 7 „Gewerbeflächen“ ist jetzt „in Umsetzung“.")


def test_on_a_page_what_users_typed_is_marked_with_its_language(duisburg, anna, ben):
    params = {"who": "Anna <Albers>", "number": 7, "title": "Flächen & Häfen"}
    _notify([ben], anna, duisburg, kind=Kind.COMMENT, message="comment_on_measure", params=params)
    notification = Notification.objects.get()
    with translation.override("en"):
        assert notification.html == (
            '<span lang="de">Anna &lt;Albers&gt;</span> commented on measure 7 '
            '“<span lang="de">Flächen &amp; Häfen</span>”.'
        )
    with translation.override("de"):
        assert (
            notification.html
            == "Anna &lt;Albers&gt; hat Maßnahme 7 „Flächen &amp; Häfen“ kommentiert."
        )
        assert notification.text == "Anna <Albers> hat Maßnahme 7 „Flächen & Häfen“ kommentiert."


def test_an_unknown_message_is_refused(duisburg, ben):
    with pytest.raises(ValueError, match="unknown message"):
        _notify([ben], None, duisburg, message="no_such_message", params={})


def test_a_caller_that_mails_itself_gets_no_second_mail(duisburg, ben):
    _notify([ben], None, duisburg, kind=Kind.INVITATION, mail=False)
    notification = Notification.objects.get()
    assert notification.delivery == Choice.IMMEDIATE and notification.mailed_at
    assert not OutgoingMail.objects.exists()


def test_a_mention_replaces_the_comment_notification_of_the_same_event(duisburg, anna, ben):
    _notify([ben], anna, duisburg, kind=Kind.COMMENT, event="comment:5")
    _notify([ben], anna, duisburg, kind=Kind.MENTION, event="comment:5")
    notification = Notification.objects.get()
    assert notification.kind == Kind.MENTION
    assert notification.delivery == Choice.IMMEDIATE
    assert OutgoingMail.objects.filter(key=f"notification:{notification.pk}").exists()
    # And the other way round: after the mention, the comment adds nothing.
    _notify([ben], anna, duisburg, kind=Kind.COMMENT, event="comment:5")
    assert Notification.objects.get().kind == Kind.MENTION


def test_inactive_users_are_not_told(duisburg, anna, ben):
    ben.is_active = False
    ben.save()
    assert _notify([ben], anna, duisburg) == set()


def test_is_following_answers_for_one_user_as_the_followers_do(
    measure, group, anna, ben, olga, stefan, clara, paul, eva
):
    """Owners, partners, members, authors and commenters follow automatically; an
    explicit choice overrides that; only active users with a role here (or platform
    admins) are told. Clara (another initiative) and Eva (no role) are never among them,
    even when they asked to follow."""
    idea = IdeaFactory(body=group, author=eva)
    CommentFactory(idea=idea, author=stefan)
    services.follow(anna, measure)
    services.unfollow(ben, measure)
    services.follow(paul, group)
    services.unfollow(olga, group)
    services.follow(clara, idea)
    services.follow(ben, idea)
    services.follow(eva, measure)
    inactive = user_with_role(
        measure.initiative, "member", email="ina@example.org", first_name="Ina", last_name="Aktiv"
    )
    services.follow(inactive, measure)
    inactive.is_active = False
    inactive.save()
    users = [anna, ben, olga, stefan, clara, paul, eva, inactive]
    for target in (measure, group, idea):
        expected = ids(queries.followers(target))
        assert expected, target
        for user in users:
            assert queries.is_following(user, target) == (user.pk in expected), (target, user)
