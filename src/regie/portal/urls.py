from django.urls import path

from regie.portal import views

app_name = "portal"

urlpatterns = [
    path("inwoner/portaal/", views.home, name="home"),
    path("inwoner/namens/", views.act_for, name="act-for"),
    path("inwoner/zaken/", views.cases, name="cases"),
    path("inwoner/zaken/<uuid:case_id>/", views.case, name="case"),
    path(
        "inwoner/zaken/<uuid:case_id>/documenten/<uuid:document_id>/",
        views.document,
        name="document",
    ),
    path("inwoner/zaken/<uuid:case_id>/insturen/", views.send, name="send"),
    path("inwoner/inzage/", views.log, name="log"),
    path("inwoner/verwerkingen/", views.log_moved, name="log-moved"),
    path("inwoner/delen/", views.sharing, name="sharing"),
    path(
        "inwoner/delen/verzoeken/<uuid:request_id>/",
        views.consent_request,
        name="consent-request",
    ),
    path(
        "inwoner/delen/toestemmingen/<uuid:consent_id>/intrekken/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path("inwoner/rechten/", views.rights, name="rights"),
    path("inwoner/rechten/kopie/", views.copy, name="copy"),
    path("inwoner/berichten/", views.inbox, name="messages"),
    path("inwoner/berichten/<uuid:message_id>/", views.message_open, name="message"),
    path("inwoner/vertegenwoordiging/", views.representation, name="representation"),
    path(
        "werk/dossiers/<uuid:public_id>/vertegenwoordiging/",
        views.representations,
        name="representations",
    ),
    path(
        "werk/dossiers/<uuid:public_id>/vertegenwoordiging/<uuid:representation_id>/beeindigen/",
        views.representation_end,
        name="representation-end",
    ),
    path(
        "werk/dossiers/<uuid:public_id>/contacten/<uuid:contact_id>/toestemming-vragen/",
        views.consent_request_create,
        name="consent-request-create",
    ),
]
