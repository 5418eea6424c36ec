from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Body,
    Initiative,
    InitiativeOrganization,
    InitiativePerson,
    InitiativeRole,
    Membership,
    Organization,
    Person,
)


class OrganizationLinkInline(admin.TabularInline):
    model = InitiativeOrganization
    autocomplete_fields = ["organization"]
    extra = 0


class RoleInline(admin.TabularInline):
    model = InitiativeRole
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "city", "starts_on", "ends_on", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["name", "city", "slug"]
    prepopulated_fields = {"slug": ["city"]}
    inlines = [OrganizationLinkInline, RoleInline]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "city"]
    list_filter = ["kind"]
    search_fields = ["name", "city"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "organization", "email", "user"]
    search_fields = ["last_name", "first_name", "email"]
    list_select_related = ["organization", "user"]
    autocomplete_fields = ["organization", "user"]


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "initiative", "kind", "parent"]
    list_filter = ["initiative", "kind"]
    search_fields = ["name"]
    list_select_related = ["initiative", "parent"]
    inlines = [MembershipInline]


@admin.register(InitiativeRole)
class InitiativeRoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "initiative", "role"]
    list_filter = ["initiative", "role"]
    search_fields = ["user__email", "user__last_name"]
    list_select_related = ["user", "initiative"]
    autocomplete_fields = ["user"]


@admin.register(InitiativePerson)
class InitiativePersonAdmin(SimpleHistoryAdmin):
    list_display = ["person", "initiative"]
    list_filter = ["initiative"]
    list_select_related = ["person", "initiative"]
    autocomplete_fields = ["person"]
