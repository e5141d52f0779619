from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language

from regie.web import views as web

urlpatterns = [
    path("", web.landing, name="home"),
    path("healthz", web.healthz, name="healthz"),
    path("taal/", set_language, name="set_language"),
    path("", include("regie.accounts.urls")),
    path("", include("regie.isms.urls")),
    path("", include("regie.register.urls")),
    path("", include("regie.cases.urls")),
    path("", include("regie.breaches.urls")),
    path("", include("regie.requests.urls")),
    path("", include("regie.reports.urls")),
    path("", include("regie.exchange.urls")),
    path("", include("regie.monitoring.urls")),
    path("", include("regie.portal.urls")),
    path("", include("regie.processing_log.urls")),
    path("api/v1/", include("regie.api.urls")),
]

if settings.REGIE_DIGID == "mock":
    urlpatterns += [
        path("digid/", include("regie.accounts.digid_mock_urls")),
        path("digid-mock/", include("regie.accounts.digid_mock_idp_urls")),
    ]
elif settings.REGIE_DIGID == "saml":
    urlpatterns += [path("digid/", include("digid_eherkenning.digid_urls"))]

if settings.REGIE_OIDC:
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]

handler400 = "regie.web.views.error_400"
handler403 = "regie.web.views.error_403"
handler404 = "regie.web.views.error_404"
handler500 = "regie.web.views.error_500"
