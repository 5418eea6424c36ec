from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OparlConfig(AppConfig):
    """The public record of each public initiative in OParl 1.1, from /oparl/v1/system."""

    name = "standort.oparl"
    verbose_name = _("OParl")
