from django.urls import path

from regie.cases import views

app_name = "cases"

urlpatterns = [
    path("werk/dossiers/", views.caseload, name="caseload"),
    path("werk/dossiers/<uuid:public_id>/", views.case_detail, name="detail"),
    path("werk/dossiers/<uuid:public_id>/notitie/", views.note_add, name="note-add"),
    path("werk/dossiers/<uuid:public_id>/besluit/", views.decision_add, name="decision-add"),
    path("werk/dossiers/<uuid:public_id>/betrokkene/", views.involved_add, name="involved-add"),
    path("werk/dossiers/<uuid:public_id>/status/", views.status_set, name="status"),
    path("werk/dossiers/<uuid:public_id>/adres/", views.address_set, name="address"),
    path(
        "werk/dossiers/<uuid:public_id>/adres/inzien/", views.reveal_request, name="reveal-request"
    ),
    path("werk/dossiers/<uuid:public_id>/uitwisseling/", views.exchange_assess, name="exchange"),
    path("werk/dossiers/<uuid:public_id>/casusoverleg/", views.consultation, name="consultation"),
    path("werk/casusoverleg/", views.consultations, name="consultations"),
    path(
        "werk/casusoverleg/<uuid:public_id>/",
        views.consultation_detail,
        name="consultation-detail",
    ),
    path("werk/adresverzoeken/", views.reveals, name="reveals"),
    path(
        "werk/adresverzoeken/<uuid:public_id>/besluit/", views.reveal_decide, name="reveal-decide"
    ),
    path("werk/adresverzoeken/<uuid:public_id>/tonen/", views.reveal_open, name="reveal-open"),
    path("werk/afgeschermde-adressen/", views.reveal_alerts, name="reveal-alerts"),
]
