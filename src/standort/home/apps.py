from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The lobby: the platform's start page, an initiative's dashboard, public page,
    embed and history, and the demo. It stands above every other app and assembles
    what they contribute."""

    name = "standort.home"
    verbose_name = _("Home")
