"""The pages of an initiative's organisation: bodies, people, organisations, roles, and
its settings. Mounted under `/<initiative_slug>/` by the project's URLs."""

from django.urls import path

from .views import bodies, history, initiative, organizations, people, roles

urlpatterns = [
    path("edit/", initiative.initiative_edit, name="initiative_edit"),
    path("bodies/", bodies.body_list, name="body_list"),
    path("bodies/new/", bodies.body_create, name="body_create"),
    path("bodies/<int:pk>/", bodies.body_detail, name="body_detail"),
    path("bodies/<int:pk>/edit/", bodies.body_edit, name="body_edit"),
    path("bodies/<int:pk>/history/", history.body_history, name="body_history"),
    path("bodies/<int:pk>/delete/", bodies.body_delete, name="body_delete"),
    path("bodies/<int:pk>/members/new/", bodies.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", bodies.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/delete/", bodies.membership_delete, name="membership_delete"),
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/history/", history.person_history, name="person_history"),
    path("people/<int:pk>/delete/", people.person_delete, name="person_delete"),
    path("people/<int:pk>/invite/", people.person_invite, name="person_invite"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/new/", organizations.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/logo/", organizations.organization_logo, name="organization_logo"),
    path(
        "organizations/<int:pk>/history/",
        history.organization_history,
        name="organization_history",
    ),
    path(
        "organizations/<int:pk>/delete/",
        organizations.organization_delete,
        name="organization_delete",
    ),
    path("roles/", roles.role_list, name="role_list"),
    path("roles/<int:pk>/delete/", roles.role_delete, name="role_delete"),
]
