from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "standort.indicators"
    verbose_name = _("Goals and indicators")

    def ready(self):
        from . import rules, slots  # noqa: F401 - the rules register the permissions

        slots.register()
