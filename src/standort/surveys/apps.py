from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "standort.surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from standort.core import links

        from . import (
            rules,  # noqa: F401 - registers the permissions
            views,
        )
        from .models import OpenLink, Recipient

        links.register(Recipient, views.answer_by_link)
        links.register(OpenLink, views.answer_by_open_link)
