from django.urls import path

from regie.cases import views

app_name = "cases"

urlpatterns = [
    path("werk/dossiers/", views.caseload, name="caseload"),
    path("werk/dossiers/<uuid:public_id>/", views.case_detail, name="detail"),
    path("werk/dossiers/<uuid:public_id>/notitie/", views.note_add, name="note-add"),
    path("werk/dossiers/<uuid:public_id>/document/", views.document_add, name="document-add"),
    path(
        "werk/dossiers/<uuid:public_id>/documenten/<uuid:document_id>/",
        views.document_download,
        name="document-download",
    ),
    path("werk/dossiers/<uuid:public_id>/besluit/", views.decision_add, name="decision-add"),
    path("werk/dossiers/<uuid:public_id>/betrokkene/", views.involved_add, name="involved-add"),
    path("werk/dossiers/<uuid:public_id>/status/", views.status_set, name="status"),
    path("werk/dossiers/<uuid:public_id>/adres/", views.address_set, name="address"),
    path(
        "werk/dossiers/<uuid:public_id>/adres/inzien/", views.reveal_request, name="reveal-request"
    ),
    path("werk/dossiers/<uuid:public_id>/uitwisseling/", views.exchange_assess, name="exchange"),
    path("werk/dossiers/<uuid:public_id>/casusoverleg/", views.consultation, name="consultation"),
    path(
        "werk/dossiers/<uuid:public_id>/contacten/<uuid:contact_id>/toestemming/",
        views.consent_add,
        name="consent-add",
    ),
    path(
        "werk/dossiers/<uuid:public_id>/contacten/<uuid:contact_id>/informatie/",
        views.notice_add,
        name="notice-add",
    ),
    path(
        "werk/dossiers/<uuid:public_id>/contacten/<uuid:contact_id>/bezwaar/",
        views.objection_add,
        name="objection-add",
    ),
    path(
        "werk/dossiers/<uuid:public_id>/toestemmingen/<uuid:consent_id>/intrekken/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path(
        "werk/dossiers/<uuid:public_id>/bezwaren/<uuid:objection_id>/tekenen/",
        views.objection_countersign,
        name="objection-countersign",
    ),
    path("werk/dossiers/<uuid:public_id>/voorblad/", views.cover_sheet, name="cover-sheet"),
    path("werk/post/", views.post_intake, name="post-intake"),
    path("werk/post/partij/<uuid:public_id>/", views.post_batch, name="post-batch"),
    path("werk/post/wachtrij/", views.post_queue, name="post-queue"),
    path("werk/post/wachtrij/<uuid:public_id>/", views.post_item, name="post-item"),
    path("werk/post/wachtrij/<uuid:public_id>/pdf/", views.post_item_pdf, name="post-item-pdf"),
    path("werk/post/wachtrij/<uuid:public_id>/afwijzen/", views.post_reject, name="post-reject"),
    path("werk/post/geopend/", views.post_openings, name="post-openings"),
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
