"""Log-in happens inside views Regie does not own (DigiD, OIDC), so session bookkeeping
hangs on Django's user_logged_in signal and calls the service that does the work."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from regie.accounts import services
from regie.accounts.middleware import LOGIN_AT
from regie.accounts.models import User


@receiver(user_logged_in)
def _session_started(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    import time

    request.session[LOGIN_AT] = int(time.time())
    if not request.session.session_key:
        request.session.save()
    services.session_started(user=user, session_key=request.session.session_key or "")
