from django.urls import path

from regie.register import views

app_name = "register"

urlpatterns = [
    path("register/", views.activity_list, name="activities"),
    path("register/nieuw/", views.activity_new, name="activity-new"),
    path("register/importeren/", views.register_import, name="import"),
    path("register/export.csv", views.export_csv, name="export-csv"),
    path("register/export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("register/export.pdf", views.export_pdf, name="export-pdf"),
    path("register/dashboard/", views.dashboard, name="dashboard"),
    path("register/werkprocessen/", views.process_list, name="processes"),
    path("register/werkprocessen/nieuw/", views.process_new, name="process-new"),
    path("register/werkprocessen/<uuid:public_id>/", views.process_detail, name="process"),
    path(
        "register/werkprocessen/<uuid:public_id>/wijzigen/",
        views.process_edit,
        name="process-edit",
    ),
    path(
        "register/werkprocessen/<uuid:public_id>/stap-toevoegen/",
        views.step_new,
        name="step-new",
    ),
    path("register/stappen/<uuid:public_id>/wijzigen/", views.step_edit, name="step-edit"),
    path("register/stappen/<uuid:public_id>/verwijderen/", views.step_remove, name="step-remove"),
    path("register/verwerkers/", views.processor_list, name="processors"),
    path("register/verwerkers/nieuw/", views.processor_new, name="processor-new"),
    path("register/verwerkers/<uuid:public_id>/", views.processor_detail, name="processor"),
    path(
        "register/verwerkers/<uuid:public_id>/wijzigen/",
        views.processor_edit,
        name="processor-edit",
    ),
    path(
        "register/verwerkers/<uuid:public_id>/overeenkomst/",
        views.agreement_new,
        name="agreement-new",
    ),
    path(
        "register/overeenkomsten/<uuid:public_id>/wijzigen/",
        views.agreement_edit,
        name="agreement-edit",
    ),
    path("register/<uuid:public_id>/", views.activity_detail, name="activity"),
    path(
        "register/<uuid:public_id>/versie/<int:number>/",
        views.activity_version,
        name="activity-version",
    ),
    path("register/<uuid:public_id>/wijzigen/", views.activity_revise, name="activity-revise"),
    path("privacy/", views.public_page, name="public"),
]
