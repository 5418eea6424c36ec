from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from standort.dialog import signals as dialog
from standort.measures import signals as measures
from standort.meetings import signals as meetings


class NotificationsConfig(AppConfig):
    name = "standort.notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # These modules read models, which exist once the apps are loaded.
        from standort.core import mail, slots

        from . import listeners, services

        mail.register_immediate_mail_choice(services.wants_immediate_mail)
        for place in ("measure.actions", "body.actions", "idea.actions"):
            slots.fill(place, "notifications/_follow_button.html")

        measures.status_changed.connect(
            listeners.on_status_changed, dispatch_uid="notifications.status_changed"
        )
        measures.measures_imported.connect(
            listeners.on_measures_imported, dispatch_uid="notifications.measures_imported"
        )
        measures.status_update_added.connect(
            listeners.on_status_update_added, dispatch_uid="notifications.status_update_added"
        )
        meetings.invitations_sent.connect(
            listeners.on_invitations_sent, dispatch_uid="notifications.invitations_sent"
        )
        dialog.comment_posted.connect(
            listeners.on_comment_posted, dispatch_uid="notifications.comment_posted"
        )
        dialog.idea_posted.connect(
            listeners.on_idea_posted, dispatch_uid="notifications.idea_posted"
        )
        dialog.people_mentioned.connect(
            listeners.on_people_mentioned, dispatch_uid="notifications.people_mentioned"
        )
