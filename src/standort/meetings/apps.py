from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "standort.meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from standort.core import links

        from . import slots
        from .models import CalendarFeed, Invitation
        from .views import links as personal_links

        links.register(Invitation, personal_links.rsvp_link)
        links.register(CalendarFeed, personal_links.feed_link)
        slots.register()
