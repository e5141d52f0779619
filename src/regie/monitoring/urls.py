from django.urls import path

from regie.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("beveiliging/signalen/", views.queue, name="queue"),
    path("beveiliging/signalen/aanleveren/", views.upload, name="upload"),
    path("beveiliging/signalen/<uuid:public_id>/", views.group_detail, name="group"),
    path(
        "beveiliging/signalen/<uuid:public_id>/melden/",
        views.group_escalate_view,
        name="group-escalate",
    ),
    path("beveiliging/bronnen/", views.sources, name="sources"),
    path(
        "beveiliging/bronnen/<uuid:public_id>/intrekken/",
        views.source_revoke,
        name="source-revoke",
    ),
    path("beveiliging/cijfers/", views.figures, name="figures"),
    path("privacy/insider/", views.insider_alerts, name="insider-alerts"),
    path("privacy/insider/drempels/", views.insider_settings, name="insider-settings"),
    path("privacy/insider/<uuid:public_id>/", views.insider_alert, name="insider-alert"),
]
