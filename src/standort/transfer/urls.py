from django.urls import path

from . import views

urlpatterns = [
    path("", views.offer_list, name="transfer_offers"),
    path("offers/new/", views.offer_create, name="transfer_offer_create"),
    path("offers/<int:pk>/", views.offer_detail, name="transfer_offer"),
    path("offers/<int:pk>/edit/", views.offer_edit, name="transfer_offer_edit"),
    path("offers/<int:pk>/state/", views.offer_state, name="transfer_offer_state"),
    path("offers/<int:pk>/delete/", views.offer_delete, name="transfer_offer_delete"),
    path("offers/<int:pk>/history/", views.offer_history, name="transfer_offer_history"),
    path("offers/<int:pk>/contact/", views.offer_contact, name="transfer_offer_contact"),
    path("needs/", views.need_list, name="transfer_needs"),
    path("needs/new/", views.need_create, name="transfer_need_create"),
    path("needs/<int:pk>/", views.need_detail, name="transfer_need"),
    path("needs/<int:pk>/edit/", views.need_edit, name="transfer_need_edit"),
    path("needs/<int:pk>/state/", views.need_state, name="transfer_need_state"),
    path("needs/<int:pk>/delete/", views.need_delete, name="transfer_need_delete"),
    path("needs/<int:pk>/history/", views.need_history, name="transfer_need_history"),
    path("needs/<int:pk>/contact/", views.need_contact, name="transfer_need_contact"),
    path("talks/", views.talk_list, name="transfer_talks"),
    path("talks/new/", views.talk_create, name="transfer_talk_create"),
    path("talks/<int:pk>/", views.talk_detail, name="transfer_talk"),
    path("talks/<int:pk>/edit/", views.talk_edit, name="transfer_talk_edit"),
    path("talks/<int:pk>/outcome/", views.talk_outcome, name="transfer_talk_outcome"),
    path("talks/<int:pk>/delete/", views.talk_delete, name="transfer_talk_delete"),
    path("talks/<int:pk>/history/", views.talk_history, name="transfer_talk_history"),
    path("effect/", views.effect, name="transfer_effect"),
    path("effect/publish/", views.effect_publish, name="transfer_effect_publish"),
    path("topics/", views.topic_list, name="transfer_topics"),
    path("topics/<int:pk>/edit/", views.topic_edit, name="transfer_topic_edit"),
    path("topics/<int:pk>/delete/", views.topic_delete, name="transfer_topic_delete"),
]
