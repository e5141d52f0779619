from django.urls import path

from regie.isms import views

app_name = "isms"

urlpatterns = [
    path("isms/", views.home, name="home"),
    path("isms/kaders/importeren/", views.framework_import, name="framework-import"),
    path("isms/kaders/<uuid:public_id>/", views.framework_detail, name="framework"),
    path("isms/beoordelingen/nieuw/", views.assessment_new, name="assessment-new"),
    path("isms/beoordelingen/<uuid:public_id>/", views.assessment_detail, name="assessment"),
    path(
        "isms/beoordelingen/<uuid:public_id>/eisen/<uuid:node_id>/",
        views.assessment_result,
        name="assessment-result",
    ),
    path(
        "isms/beoordelingen/<uuid:public_id>/eisen/<uuid:node_id>/bewijs/",
        views.evidence_add,
        name="evidence-add",
    ),
    path("isms/bewijs/<uuid:public_id>/", views.evidence_download, name="evidence-download"),
    path(
        "isms/bewijs/<uuid:public_id>/verwijderen/",
        views.evidence_delete,
        name="evidence-delete",
    ),
    path(
        "isms/beoordelingen/<uuid:public_id>/export.<str:fmt>",
        views.assessment_export,
        name="assessment-export",
    ),
    path(
        "isms/beoordelingen/<uuid:public_id>/toepasselijkheid.<str:fmt>",
        views.soa_export,
        name="soa-export",
    ),
    path("isms/plan/", views.plan, name="plan"),
    path("isms/plan/export.<str:fmt>", views.plan_export, name="plan-export"),
    path("isms/plan/budget/", views.budget, name="budget"),
    path("isms/maatregelen/nieuw/", views.measure_new, name="measure-new"),
    path("isms/maatregelen/<uuid:public_id>/", views.measure_edit, name="measure"),
    path("isms/maatregelen/<uuid:public_id>/raci/", views.measure_raci, name="measure-raci"),
    path("isms/risicos/", views.risks, name="risks"),
    path("isms/risicos/nieuw/", views.risk_new, name="risk-new"),
    path("isms/risicos/<uuid:public_id>/", views.risk_edit, name="risk"),
    path("isms/beleid/", views.policies, name="policies"),
    path("isms/beleid/nieuw/", views.policy_new, name="policy-new"),
    path("isms/beleid/<uuid:public_id>/", views.policy_edit, name="policy"),
    path("isms/bewustwording/", views.awareness, name="awareness"),
    path("isms/bewustwording/nieuw/", views.campaign_new, name="campaign-new"),
    path("isms/bewustwording/<uuid:public_id>/", views.campaign_detail, name="campaign"),
]
