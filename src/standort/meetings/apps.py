from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "standort.meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from standort.core import links

        from . import slots, views
        from .models import CalendarFeed, Invitation

        links.register(Invitation, views.rsvp_link)
        links.register(CalendarFeed, views.feed_link)
        slots.register()
