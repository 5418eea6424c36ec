from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogConfig(AppConfig):
    name = "standort.dialog"
    verbose_name = _("Dialogue")

    def ready(self):
        # The slots and the agenda's parts read models, which exist once apps are loaded.
        from . import slots

        slots.register()
