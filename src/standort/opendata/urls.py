"""An initiative's open data, under /<slug>/opendata/."""

urlpatterns = []
