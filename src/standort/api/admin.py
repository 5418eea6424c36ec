from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Tokens are made by their owners on their profile; the platform administration
    sees them and may revoke one (a lost laptop, a leaving employee)."""

    list_display = [
        "name",
        "user",
        "initiative",
        "scope",
        "expires_on",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["initiative", "scope"]
    search_fields = ["name", "user__email", "shown"]
    readonly_fields = [
        "user",
        "initiative",
        "name",
        "scope",
        "shown",
        "expires_on",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["digest"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the chosen tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.token_revoke(actor=request.user, token=token)
        messages.success(request, _("The tokens have been revoked."))
