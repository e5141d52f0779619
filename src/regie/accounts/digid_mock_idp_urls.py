from typing import cast

from digid_eherkenning.mock.idp.views.digid import DigiDMockIDPLoginView
from django.conf import settings
from django.urls import path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

from regie.accounts.digid_mock import MockIdpBsnView

app_name = "digid-mock"

# The package's mock IdP pages use inline style attributes. They stand in for DigiD's own
# site, which has its own policy; Regie's pages keep the strict one.
_MOCK_IDP_CSP: dict[str, list[str]] = {
    **cast(dict[str, list[str]], settings.SECURE_CSP),
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}
_mock_idp_csp = csp_override(_MOCK_IDP_CSP)

urlpatterns = [
    path("inloggen/", _mock_idp_csp(DigiDMockIDPLoginView.as_view()), name="login"),
    path("inloggen_bsn/", _mock_idp_csp(MockIdpBsnView.as_view()), name="bsn"),
]
