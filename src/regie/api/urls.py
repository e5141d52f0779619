from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from regie.accounts.api import MeView

app_name = "api"


class SchemaView(SpectacularAPIView):
    regie_public = True
    authentication_classes: list = []


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("me/", MeView.as_view(), name="me"),
]
