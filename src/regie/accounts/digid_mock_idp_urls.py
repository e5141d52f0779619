from digid_eherkenning.mock.idp.views.digid import DigiDMockIDPLoginView
from django.urls import path

from regie.accounts.digid_mock import MockIdpBsnView

app_name = "digid-mock"

urlpatterns = [
    path("inloggen/", DigiDMockIDPLoginView.as_view(), name="login"),
    path("inloggen_bsn/", MockIdpBsnView.as_view(), name="bsn"),
]
