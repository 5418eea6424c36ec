"""What the other apps report, turned into notifications. Each listener only says who
is told what; `services.notify` does the rest. They run inside the sender's
transaction, so a rolled-back comment tells nobody."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standort.initiatives.models import Person

from . import queries, services
from .models import Kind


def _name(user):
    return str(user) if user is not None else _("Someone")


def _day(moment):
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


# Measures --------------------------------------------------------------------------


def on_status_changed(sender, *, measure, actor, old, new, **kwargs):
    def text():
        return _("Measure %(number)s “%(title)s” is now “%(status)s”.") % {
            "number": measure.number,
            "title": measure.title,
            "status": type(measure).Status(new).label,
        }

    services.notify(
        kind=Kind.STATUS,
        users=queries.followers(measure),
        initiative=measure.initiative,
        actor=actor,
        text=text,
        url=measure.get_absolute_url(),
        event=f"measure-status:{measure.pk}:{measure.version}:{new}",
    )


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

    services.notify(
        kind=Kind.STATUS,
        users=queries.followers(measure),
        initiative=measure.initiative,
        actor=actor,
        text=text,
        url=measure.get_absolute_url(),
        event=f"status-update:{update.pk}",
    )


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
