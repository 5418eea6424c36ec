from django.urls import path

from .views import catalogue, editing, exchange, setup

urlpatterns = [
    path("", catalogue.measure_list, name="measure_list"),
    path("new/", editing.measure_create, name="measure_create"),
    path("export.csv", exchange.export_csv, name="measure_export_csv"),
    path("export.xlsx", exchange.export_xlsx, name="measure_export_xlsx"),
    path("import/", exchange.import_measures, name="measure_import"),
    path("fields/", setup.custom_field_list, name="custom_field_list"),
    path("fields/new/", setup.custom_field_create, name="custom_field_create"),
    path("fields/<int:pk>/edit/", setup.custom_field_edit, name="custom_field_edit"),
    path("fields/<int:pk>/delete/", setup.custom_field_delete, name="custom_field_delete"),
    path("topics/", setup.topic_list, name="topic_list"),
    path("topics/new/", setup.topic_create, name="topic_create"),
    path("topics/<int:pk>/edit/", setup.topic_edit, name="topic_edit"),
    path("topics/<int:pk>/delete/", setup.topic_delete, name="topic_delete"),
    path("<int:number>/", catalogue.measure_detail, name="measure_detail"),
    path("<int:number>/history/", catalogue.measure_history, name="measure_history"),
    path("<int:number>/edit/", editing.measure_edit, name="measure_edit"),
    path("<int:number>/status/", editing.measure_status, name="measure_status"),
    path("<int:number>/delete/", editing.measure_delete, name="measure_delete"),
    path("<int:number>/restore/", editing.measure_restore, name="measure_restore"),
    path("<int:number>/publish/", editing.measure_publish, name="measure_publish"),
    path("<int:number>/milestones/new/", editing.milestone_create, name="milestone_create"),
    path("<int:number>/milestones/<int:pk>/edit/", editing.milestone_edit, name="milestone_edit"),
    path(
        "<int:number>/milestones/<int:pk>/delete/",
        editing.milestone_delete,
        name="milestone_delete",
    ),
    path("<int:number>/partners/new/", editing.partnership_create, name="partnership_create"),
    path(
        "<int:number>/partners/<int:pk>/edit/",
        editing.partnership_edit,
        name="partnership_edit",
    ),
    path(
        "<int:number>/partners/<int:pk>/delete/",
        editing.partnership_delete,
        name="partnership_delete",
    ),
    path("<int:number>/attachments/new/", editing.attachment_upload, name="attachment_upload"),
    path(
        "<int:number>/attachments/<int:pk>/",
        editing.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:number>/attachments/<int:pk>/delete/",
        editing.attachment_delete,
        name="attachment_delete",
    ),
]
