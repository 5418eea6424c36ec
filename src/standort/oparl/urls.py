"""OParl 1.1 from /oparl/v1/: the system object, then each public initiative's record.

    system                                 the entry point (oparl:System)
    body                                   the public initiatives (oparl:Body), a list
    body/<body>                            one initiative
    body/<body>/<kind>                     its list of a kind: organization, person,
                                           membership, meeting, agendaitem, paper,
                                           consultation, file, location
    body/<body>/<kind>/<key>               one object: the primary key, for a file
                                           "minutes-<meeting>", for a place
                                           "meeting-<meeting>"

Keys are matched as text and checked by the views, so that a non-canonical spelling
(a leading zero) is a 404 rather than a second URL of the same object; anything else
under /oparl/v1/ is the specification's 404 error object too."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("system", views.system, name="oparl_system"),
    path("body", views.body_list, name="oparl_body_list"),
    path("body/<str:body>", views.body_detail, name="oparl_body"),
    path("body/<str:body>/<str:kind>", views.object_list, name="oparl_list"),
    path("body/<str:body>/<str:kind>/<str:key>", views.object_detail, name="oparl_object"),
    re_path(r"^(?P<path>.*)$", views.not_found),
]
