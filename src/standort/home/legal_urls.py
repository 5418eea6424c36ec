"""The legal pages' addresses, the same below `/` (the platform's) and below
`/<slug>/` (an initiative's): German, as a German site's visitors look for them."""

from django.urls import path

from . import legal_views as views

# (address, name, page view, form view, what the views are told)
PAGES = [
    ("impressum/", "imprint", views.legal_text, views.legal_text_edit, {"kind": "imprint"}),
    ("datenschutz/", "privacy", views.legal_text, views.legal_text_edit, {"kind": "privacy"}),
    (
        "barrierefreiheit/",
        "accessibility",
        views.accessibility_statement,
        views.accessibility_statement_edit,
        {},
    ),
]


def legal_urlpatterns(prefix=""):
    patterns = []
    for address, name, page, edit, kwargs in PAGES:
        patterns.append(path(address, page, kwargs, name=f"{prefix}{name}"))
        patterns.append(path(f"{address}edit/", edit, kwargs, name=f"{prefix}{name}_edit"))
    return patterns


urlpatterns = legal_urlpatterns()
initiative_urlpatterns = legal_urlpatterns("initiative_")
