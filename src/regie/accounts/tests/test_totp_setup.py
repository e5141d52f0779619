"""A staff member without an authenticator app links one at their first log-in."""

import base64
import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import Role, User
from regie.conftest import PASSWORD, People
from regie.testing.pages import en

LOGIN = "/medewerker/inloggen/"
CODE = "/medewerker/inloggen/code/"
SETUP = "/medewerker/tweestapsverificatie/"


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def newcomer(db: None) -> User:
    return services.staff_create(username="newcomer", role=Role.CISO, password=PASSWORD)


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + drift)
    return f"{token.token():0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    accepted = {code_for(device, d) for d in range(-device.tolerance - 1, device.tolerance + 2)}
    return next(c for c in (f"{n:06d}" for n in range(1_000_000)) if c not in accepted)


def _password_step(client: Client, username: str) -> None:
    client.post(LOGIN, {"username": username, "password": PASSWORD})


def test_it_sends_a_newcomer_to_the_set_up_page(client: Client, newcomer: User):
    response = client.post(LOGIN, {"username": "newcomer", "password": PASSWORD}, follow=True)

    assert urlparse(response.redirect_chain[-1][0]).path == SETUP
    assert response.status_code == 200


def test_it_shows_a_qr_code_and_the_key(client: Client, newcomer: User):
    _password_step(client, "newcomer")

    body = client.get(SETUP).content.decode()

    device = TOTPDevice.objects.get(user=newcomer)
    assert not device.confirmed
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert key in body
    assert re.search(r'<img [^>]*src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', body)


def test_it_keeps_the_device_unconfirmed_after_a_wrong_code(client: Client, newcomer: User):
    _password_step(client, "newcomer")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=newcomer)

    response = client.post(SETUP, {"code": wrong_code_for(device)})

    assert response.status_code == 200
    assert en("This code is incorrect or has expired.") in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("accounts:home")).status_code == 302


def test_it_confirms_the_device_and_finishes_the_log_in(client: Client, newcomer: User):
    _password_step(client, "newcomer")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=newcomer)

    response = client.post(SETUP, {"code": code_for(device), "next": reverse("accounts:home")})

    assert response["Location"] == reverse("accounts:home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("accounts:home")).status_code == 200


def test_it_keeps_the_same_key_until_the_device_is_confirmed(client: Client, newcomer: User):
    _password_step(client, "newcomer")
    client.get(SETUP)
    first = TOTPDevice.objects.get(user=newcomer).key

    client.get(SETUP)

    assert TOTPDevice.objects.get(user=newcomer).key == first


def test_it_refuses_a_second_device_to_someone_who_has_one(client: Client, people: People):
    _password_step(client, "consulent")

    response = client.get(SETUP)

    assert urlparse(response["Location"]).path == CODE
    assert TOTPDevice.objects.filter(user=people.consulent).count() == 1
    response = client.post(SETUP, {"code": "123456"})
    assert urlparse(response["Location"]).path == CODE
    assert TOTPDevice.objects.filter(user=people.consulent).count() == 1


def test_it_refuses_a_second_device_after_the_log_in(client: Client, people: People, login_as):
    login_as(people.consulent)

    response = client.get(SETUP)

    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=people.consulent).count() == 1


def test_it_sends_an_anonymous_visitor_to_log_in(client: Client, db: None):
    response = client.get(SETUP)

    assert urlparse(response["Location"]).path == LOGIN
    assert not TOTPDevice.objects.exists()
