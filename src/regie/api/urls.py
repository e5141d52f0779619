from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from regie.accounts.api import MeView
from regie.breaches import api as breaches
from regie.lawfulness import api as lawfulness
from regie.monitoring.api import SignalsView
from regie.processing_log import api as processing_log

app_name = "api"


class SchemaView(SpectacularAPIView):
    regie_public = True
    authentication_classes: list = []


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("me/", MeView.as_view(), name="me"),
    path(
        "processing-log/search",
        processing_log.SearchView.as_view(),
        name="processing-log-search",
    ),
    path("processing-log/mine", processing_log.MineView.as_view(), name="processing-log-mine"),
    path(
        "processing-log/checkpoint",
        processing_log.CheckpointView.as_view(),
        name="processing-log-checkpoint",
    ),
    path(
        "processing-log/consistency",
        processing_log.ConsistencyView.as_view(),
        name="processing-log-consistency",
    ),
    path(
        "processing-log/records",
        processing_log.IngestView.as_view(),
        name="processing-log-records",
    ),
    path("processing-log/otlp", processing_log.OtlpView.as_view(), name="processing-log-otlp"),
    path("lawfulness/assess", lawfulness.AssessView.as_view(), name="lawfulness-assess"),
    path("breaches/assess", breaches.AssessView.as_view(), name="breach-assess"),
    path("monitoring/signals", SignalsView.as_view(), name="monitoring-signals"),
]
