from django.urls import path

from regie.exchange import views

app_name = "exchange"

urlpatterns = [
    path("werk/dossiers/<uuid:public_id>/delen/", views.case_shares, name="case"),
    path(
        "werk/dossiers/<uuid:public_id>/delen/<uuid:share_id>/intrekken/",
        views.share_revoke,
        name="revoke",
    ),
    path("delen/<str:token>/", views.share_open, name="open"),
    path("delen/<str:token>/documenten/", views.share_documents, name="documents"),
    path("delen/<str:token>/documenten/<int:item_id>/", views.share_download, name="download"),
]
