import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LOGIN_AT = "regie_login_at"


class SessionLifetimeMiddleware:
    """Ends a session at its absolute lifetime, however active it is. The idle time-out is
    the session cookie age, renewed on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            if started is None:
                request.session[LOGIN_AT] = int(time.time())
            elif time.time() - started > settings.REGIE_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect("home")
        return self.get_response(request)
