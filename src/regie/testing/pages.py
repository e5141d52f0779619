"""Helpers for tests that read pages: the English text of a message as a page shows it, and
the code a staff member's authenticator app shows."""

from django.utils.html import escape
from django.utils.translation import gettext, override
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import User


def en(message: str) -> str:
    """MESSAGE in English, HTML-escaped as a template renders it."""
    with override("en"):
        return escape(gettext(message))


def totp_code(user: User, steps_from_now: int = 0) -> str:
    """The code USER's authenticator app shows now, or STEPS_FROM_NOW time steps away."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += steps_from_now * device.step
    return f"{totp.token():0{device.digits}d}"
