from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CustomField, Measure, Milestone, Partnership, StatusUpdate, Topic


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class PartnershipInline(admin.TabularInline):
    model = Partnership
    autocomplete_fields = ["person", "organization"]
    extra = 0


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "initiative", "status", "progress", "due_on"]
    list_filter = ["initiative", "status", "kind", "is_archived"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["owner", "owner_organization", "body", "adopted_by", "parent"]
    inlines = [PartnershipInline, MilestoneInline]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "initiative", "position"]
    list_filter = ["initiative"]


@admin.register(CustomField)
class CustomFieldAdmin(SimpleHistoryAdmin):
    list_display = ["label", "kind", "initiative", "position"]
    list_filter = ["initiative", "kind"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["measure", "traffic_light", "progress", "reported_at", "accepted_at"]
    list_filter = ["traffic_light"]
