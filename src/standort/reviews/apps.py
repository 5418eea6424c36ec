from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "standort.reviews"
    verbose_name = _("Status reviews")

    def ready(self):
        from standort.core import links, mail

        from . import services, slots, views
        from .models import ReviewRequest

        links.register(ReviewRequest, views.owner_link)
        slots.register()
        mail.mail_refused.connect(services.mark_bounced, dispatch_uid="reviews.mark_bounced")
