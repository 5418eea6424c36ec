from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The JSON API (django-ninja) under /api/v1/, its personal tokens and its page for
    people. It reads through the apps' queries and writes through their services, under
    the same rules and tenancy as the pages."""

    name = "standort.api"
    verbose_name = _("API")

    def ready(self):
        from . import slots

        slots.register()
