from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

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
