import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LOGIN_AT = "regie_login_at"


class SessionLifetimeMiddleware:
    """Ends a session at its absolute lifetime, however active it is. The idle time-out is
    the session cookie age, renewed on every request.

    The check runs in `process_view`, after every middleware has prepared the request, so
    that the message about the ended session works wherever this sits in MIDDLEWARE."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return None
        started = request.session.get(LOGIN_AT)
        if started is None:
            request.session[LOGIN_AT] = int(time.time())
        elif time.time() - started > settings.REGIE_SESSION_ABSOLUTE_SECONDS:
            logout(request)
            messages.info(request, _("Your session has ended. Please log in again."))
            return redirect("home")
        return None
