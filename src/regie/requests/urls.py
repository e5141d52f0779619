from django.urls import path

from regie.requests import views

app_name = "requests"

urlpatterns = [
    path("privacy/verzoeken/", views.request_list, name="list"),
    path("privacy/verzoeken/nieuw/", views.request_new, name="new"),
    path("privacy/verzoeken/<uuid:public_id>/", views.request_detail, name="detail"),
    path("privacy/verzoeken/<uuid:public_id>/identiteit/", views.request_identity, name="identity"),
    path("privacy/verzoeken/<uuid:public_id>/toewijzen/", views.request_assign, name="assign"),
    path("privacy/verzoeken/<uuid:public_id>/verlengen/", views.request_extend, name="extend"),
    path("privacy/verzoeken/<uuid:public_id>/besluiten/", views.request_decide, name="decide"),
    path("privacy/verzoeken/<uuid:public_id>/sluiten/", views.request_close, name="close"),
    path(
        "privacy/verzoeken/<uuid:public_id>/inzage/",
        views.request_access_overview,
        name="access",
    ),
]
