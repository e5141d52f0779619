from digid_eherkenning.mock.views.digid import DigiDLoginMockView
from django.urls import path

from regie.accounts import digid_mock

app_name = "digid"

urlpatterns = [
    path("login/", DigiDLoginMockView.as_view(), name="login"),
    path("acs/", digid_mock.acs, name="acs"),
]
