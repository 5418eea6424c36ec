from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "standort.measures"
    verbose_name = _("Measures")

    def ready(self):
        from . import slots

        slots.register()
