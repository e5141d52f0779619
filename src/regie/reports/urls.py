from django.urls import path

from regie.reports import views

app_name = "reports"

urlpatterns = [
    path("rapportages/", views.report_list, name="list"),
    path("rapportages/nieuw/", views.report_new, name="new"),
    path("rapportages/<uuid:public_id>/", views.report_detail, name="detail"),
    path("rapportages/<uuid:public_id>/pdf/", views.report_pdf, name="pdf"),
    path("rapportages/<uuid:public_id>/opnieuw/", views.report_refresh, name="refresh"),
    path("rapportages/<uuid:public_id>/beoordeeld/", views.report_review, name="review"),
    path("rapportages/<uuid:public_id>/vaststellen/", views.report_freeze, name="freeze"),
    path("verantwoording/", views.public_list, name="public"),
    path("verantwoording/<int:year>/", views.public_report, name="public-year"),
    path("verantwoording/<int:year>/pdf/", views.public_pdf, name="public-pdf"),
]
