from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from standort.core.bench import bench_floor
from standort.core.views import healthz, personal_link

admin.site.site_header = _("Standort administration")
admin.site.site_title = _("Standort")
admin.site.index_title = _("Platform administration")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/notifications/", include("standort.notifications.urls")),
    path("accounts/", include("standort.accounts.urls")),
    path("link/<str:token>/", personal_link, name="personal_link"),
    path("link/<str:token>/<int:item>/", personal_link, name="personal_link_item"),
    # Initiatives last: their slugs take the first path segment.
    path("", include("standort.initiatives.urls")),
]

if settings.BENCH_SERVER_TIMING:
    # The bench floor, before the initiatives' catch-all so it passes through
    # InitiativeMiddleware with `initiative_slug` like every initiative page.
    urlpatterns.insert(
        -1, path("<slug:initiative_slug>/bench-floor/", bench_floor, name="bench_floor")
    )
