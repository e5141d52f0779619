"""Too many failed log-ins lock a user name for a while, whether or not the name exists."""

import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import ngettext, override
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import User
from regie.conftest import PASSWORD, People
from regie.testing.pages import en, totp_code

LOGIN = "/medewerker/inloggen/"
CODE = "/medewerker/inloggen/code/"
WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def lock_message() -> str:
    minutes = settings.REGIE_LOGIN_LOCK_SECONDS // 60
    with override("en"):
        return escape(
            ngettext(
                "Too many failed attempts. Try again in %(minutes)d minute.",
                "Too many failed attempts. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes}
        )


def wrong_code(user: User) -> str:
    """A six-digit code the device accepts in none of the time steps it tolerates."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    accepted = {
        TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + d).token()
        for d in range(-device.tolerance - 1, device.tolerance + 2)
    }
    return f"{next(n for n in range(1_000_000) if n not in accepted):06d}"


def _fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": WRONG})


def _without_noise(body: str, username: str) -> str:
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = re.sub(r'nonce="[^"]+"', "", body)
    return body.replace(f'value="{username}"', 'value=""')


def test_it_locks_out_even_the_right_password(client: Client, people: People, settings):
    settings.REGIE_LOGIN_LOCK_SECONDS = 30 * 60
    _fail(client, "consulent", settings.REGIE_LOGIN_MAX_FAILURES)

    response = client.post(LOGIN, {"username": "consulent", "password": PASSWORD})

    assert response.status_code == 200
    assert lock_message() in response.content.decode()
    assert "30" in lock_message()
    assert not response.wsgi_request.user.is_authenticated


def test_it_does_not_lock_before_the_limit(client: Client, people: People):
    _fail(client, "consulent", settings.REGIE_LOGIN_MAX_FAILURES - 1)

    response = client.post(LOGIN, {"username": "consulent", "password": PASSWORD})

    assert urlparse(response["Location"]).path == CODE


def test_it_locks_an_unknown_name_the_same_way(client: Client, people: People):
    _fail(client, "consulent", settings.REGIE_LOGIN_MAX_FAILURES)
    _fail(client, "nobody-here", settings.REGIE_LOGIN_MAX_FAILURES)

    known = client.post(LOGIN, {"username": "consulent", "password": PASSWORD})
    unknown = client.post(LOGIN, {"username": "nobody-here", "password": PASSWORD})

    assert known.status_code == unknown.status_code == 200
    assert lock_message() in unknown.content.decode()
    assert _without_noise(known.content.decode(), "consulent") == _without_noise(
        unknown.content.decode(), "nobody-here"
    )


def test_it_counts_wrong_codes_and_logs_out_at_the_lock(client: Client, people: People):
    client.post(LOGIN, {"username": "consulent", "password": PASSWORD})
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES - 1):
        response = client.post(CODE, {"code": wrong_code(people.consulent)})
        assert en("This code is incorrect or has expired.") in response.content.decode()

    response = client.post(CODE, {"code": wrong_code(people.consulent)}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert lock_message() in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert urlparse(client.get(reverse("accounts:home"))["Location"]).path == LOGIN
    locked = client.post(LOGIN, {"username": "consulent", "password": PASSWORD})
    assert lock_message() in locked.content.decode()


def test_it_lets_the_user_in_again_after_the_lock_window(client: Client, people: People):
    window = timedelta(seconds=settings.REGIE_LOGIN_LOCK_SECONDS)
    started = timezone.now() - window - timedelta(minutes=1)
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES):
        services.login_failed(username="consulent", now=started)
    assert services.login_is_locked(username="consulent", now=started + window / 2)
    assert not services.login_is_locked(username="consulent")

    client.post(LOGIN, {"username": "consulent", "password": PASSWORD})
    response = client.post(CODE, {"code": totp_code(people.consulent)})

    assert response["Location"] == reverse("accounts:home")


def test_it_starts_counting_afresh_after_the_window(client: Client, people: People):
    window = timedelta(seconds=settings.REGIE_LOGIN_LOCK_SECONDS)
    started = timezone.now() - window - timedelta(minutes=1)
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES - 1):
        services.login_failed(username="consulent", now=started)

    services.login_failed(username="consulent")

    assert not services.login_is_locked(username="consulent")


def test_it_clears_the_count_after_a_successful_log_in(client: Client, people: People):
    almost = settings.REGIE_LOGIN_MAX_FAILURES - 1
    _fail(client, "consulent", almost)
    client.post(LOGIN, {"username": "consulent", "password": PASSWORD})
    client.post(CODE, {"code": totp_code(people.consulent)})
    client.post(reverse("accounts:logout"))

    _fail(client, "consulent", almost)

    assert not services.login_is_locked(username="consulent")
    response = client.post(LOGIN, {"username": "consulent", "password": PASSWORD})
    assert urlparse(response["Location"]).path == CODE
