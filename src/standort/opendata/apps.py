from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data of each public initiative: CSV and JSON with a licence, a Frictionless
    data package and a DCAT-AP.de entry for the portals that harvest them."""

    name = "standort.opendata"
    verbose_name = _("Open data")
