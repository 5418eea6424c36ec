from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ReviewAnswer, ReviewCycle, ReviewRequest


@admin.register(ReviewCycle)
class ReviewCycleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "initiative", "state", "deadline", "launched_at", "closed_at"]
    list_filter = ["initiative", "state"]
    search_fields = ["title"]
    readonly_fields = ["state", "launched_at", "closed_at", "created_by"]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    # Links are issued and revoked on the review's page, where the mail goes out too.
    list_display = ["person", "cycle", "sent_at", "opened_at", "submitted_at", "bounced_at"]
    list_filter = ["cycle__initiative", "cycle"]
    search_fields = ["person__last_name", "email"]
    readonly_fields = [
        "cycle",
        "person",
        "email",
        "link_expires_at",
        "link_revoked_at",
        "sent_at",
        "opened_at",
        "submitted_at",
        "bounced_at",
        "bounce_reason",
    ]


@admin.register(ReviewAnswer)
class ReviewAnswerAdmin(SimpleHistoryAdmin):
    list_display = [
        "measure",
        "cycle",
        "state",
        "status_update__traffic_light",
        "status_update__progress",
        "submitted_at",
    ]
    list_filter = ["cycle__initiative", "state", "status_update__traffic_light"]
    list_select_related = ["measure", "cycle", "status_update"]
    raw_id_fields = ["cycle", "request", "measure", "status_update"]
