from django.urls import path

from regie.breaches import views

app_name = "breaches"

urlpatterns = [
    path("privacy/datalekken/", views.breach_list, name="list"),
    path("privacy/datalekken/nieuw/", views.breach_new, name="new"),
    path("privacy/datalekken/<uuid:public_id>/", views.breach_detail, name="detail"),
    path("privacy/datalekken/<uuid:public_id>/wijzigen/", views.breach_edit, name="edit"),
    path("privacy/datalekken/<uuid:public_id>/beoordelen/", views.breach_assess, name="assess"),
    path("privacy/datalekken/<uuid:public_id>/melden/", views.breach_report, name="report"),
    path(
        "privacy/datalekken/<uuid:public_id>/vervolgmelding/",
        views.breach_follow_up,
        name="follow-up",
    ),
    path(
        "privacy/datalekken/<uuid:public_id>/meldformulier/",
        views.breach_authority_form,
        name="authority-form",
    ),
    path("privacy/datalekken/<uuid:public_id>/brief/", views.breach_letter, name="letter"),
    path(
        "privacy/datalekken/<uuid:public_id>/betrokkenen-geinformeerd/",
        views.breach_informed,
        name="informed",
    ),
    path("privacy/datalekken/<uuid:public_id>/sluiten/", views.breach_close, name="close"),
]
