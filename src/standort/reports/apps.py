from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from standort.reviews.signals import review_closed


class ReportsConfig(AppConfig):
    name = "standort.reports"
    verbose_name = _("Reports")

    def ready(self):
        # The services import models, which exist once the apps are loaded.
        from . import services

        review_closed.connect(services.on_review_closed, dispatch_uid="reports.review_closed")
