from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from standort.api import urls as api_urls
from standort.core.views import favicon, healthz, personal_link
from standort.home import legal_urls
from standort.home.views import platform_home
from standort.notifications import urls as notification_urls

admin.site.site_header = _("Standort administration")
admin.site.site_title = _("Standort")
admin.site.index_title = _("Platform administration")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Asked for by browsers and feed readers whatever the page names.
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/notifications/", include("standort.notifications.urls")),
    path("accounts/", include(api_urls.accounts_urlpatterns)),
    path("accounts/", include("standort.accounts.urls")),
    path("api/", include("standort.api.urls")),
    path("oparl/v1/", include("standort.oparl.urls")),
    path("link/<str:token>/", personal_link, name="personal_link"),
    path("link/<str:token>/<int:item>/", personal_link, name="personal_link_item"),
    path("", platform_home, name="home"),
    path("", include(legal_urls.urlpatterns)),
    # Initiatives last: their slugs take the first path segment.
    path(
        "<slug:initiative_slug>/",
        include(
            [
                path("", include("standort.home.urls")),
                path("", include("standort.initiatives.urls")),
                path("measures/", include("standort.measures.urls")),
                path("reviews/", include("standort.reviews.urls")),
                path("reports/", include("standort.reports.urls")),
                path("meetings/", include("standort.meetings.urls")),
                path("", include("standort.indicators.urls")),
                path("surveys/", include("standort.surveys.urls")),
                path("transfer/", include("standort.transfer.urls")),
                path("opendata/", include("standort.opendata.urls")),
                path("", include("standort.dialog.urls")),
                path("", include(notification_urls.initiative_urlpatterns)),
            ]
        ),
    ),
]
