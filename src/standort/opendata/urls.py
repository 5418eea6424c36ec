"""An initiative's open data, under /<slug>/opendata/: the page that describes them,
each data set as <name>.csv and <name>.json, the field description datapackage.json and
the catalogue entry dcat.rdf."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.index, name="opendata_index"),
    path("datapackage.json", views.package, name="opendata_package"),
    path("dcat.rdf", views.dcat, name="opendata_dcat"),
    re_path(
        r"^(?P<dataset>[a-z][a-z-]*)\.(?P<extension>csv|json)$",
        views.data_file,
        name="opendata_file",
    ),
]
