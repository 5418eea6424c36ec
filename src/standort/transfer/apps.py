from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "standort.transfer"
    verbose_name = _("Cooperation between industry and science")

    def ready(self):
        from . import rules  # noqa: F401 - registers the permissions
