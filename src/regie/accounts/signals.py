"""Log-in happens inside views Regie does not own (DigiD, OIDC), so session bookkeeping
hangs on Django's user_logged_in and user_logged_out signals and calls the services that do
the work."""

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from regie.accounts import services
from regie.accounts.middleware import LOGIN_AT
from regie.accounts.models import User


@receiver(user_logged_in)
def _session_started(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    request.session[LOGIN_AT] = int(time.time())
    if not request.session.session_key:
        request.session.save()
    services.session_started(user=user, session_key=request.session.session_key or "")


@receiver(user_logged_out)
def _session_ended(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if request.session.session_key:
        services.session_ended(session_key=request.session.session_key)
