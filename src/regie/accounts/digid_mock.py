"""The DigiD mock of django-digid-eherkenning, wired so that the BSN never travels in a URL.

The package's mock IdP hands the BSN to the service provider as a query parameter. Here the
IdP and Regie share one session, so the BSN is handed over in the session instead and the
callback URL carries nothing personal. Demo and tests only: production refuses REGIE_DIGID=mock.
"""

from typing import Any

from digid_eherkenning.mock.idp.views.digid import DigiDMockIDPBSNLoginView
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from furl import furl

from regie.accounts.access import public

HANDOVER_KEY = "regie_digid_mock_bsn"


class MockIdpBsnView(DigiDMockIDPBSNLoginView):
    def form_valid(self, form: Any) -> HttpResponse:
        self.request.session[HANDOVER_KEY] = str(form.bsn)
        return super().form_valid(form)

    def get_success_url(self) -> str:
        url = furl(self.acs_url)
        url.args["next"] = self.next_url
        return str(url)


@public
def acs(request: HttpRequest) -> HttpResponse:
    bsn = request.session.pop(HANDOVER_KEY, None)
    user = authenticate(request, digid_mock_bsn=bsn) if bsn else None
    if user is None:
        messages.error(request, _("Logging in with DigiD did not succeed. Please try again."))
        return redirect("accounts:digid-cancelled")
    login(request, user, backend="regie.accounts.backends.DigiDMockBackend")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/inwoner/"
    return HttpResponseRedirect(next_url)
