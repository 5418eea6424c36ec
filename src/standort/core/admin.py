from django.contrib import admin

from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The outbox, to see what waits and why; the worker sends, nobody edits here."""

    list_display = ["to", "subject", "created_at", "sent_at", "failed_at", "attempts"]
    list_filter = ["sent_at", "failed_at"]
    search_fields = ["to", "subject", "key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
