from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("<int:pk>/", views.demand_report_html, name="demand_report_html"),
    path("<int:pk>/download/", views.report_download, name="report_download"),
    path("demand/", views.report_demand, name="report_demand"),
    path("compare/", views.report_compare, name="report_compare"),
    path("periods/close/", views.period_close, name="period_close"),
    path("<int:pk>/regenerate/", views.report_regenerate, name="report_regenerate"),
    path("review/<int:cycle_id>/", views.report_html, name="report_html"),
    path("review/<int:cycle_id>/generate/", views.report_generate, name="report_generate"),
]
