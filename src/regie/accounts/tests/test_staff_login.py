"""Staff log in with a password and then a code from their authenticator app."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import User
from regie.conftest import PASSWORD, People
from regie.testing.pages import en, totp_code

LOGIN = "/medewerker/inloggen/"
CODE = "/medewerker/inloggen/code/"


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def wrong_code(user: User) -> str:
    """A six-digit code the device accepts in none of the time steps it tolerates."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    accepted = {
        TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + d).token()
        for d in range(-device.tolerance - 1, device.tolerance + 2)
    }
    return f"{next(n for n in range(1_000_000) if n not in accepted):06d}"


def _without_noise(body: str, username: str) -> str:
    """The page minus what differs on every render (CSRF token, CSP nonce) and the name typed."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = re.sub(r'nonce="[^"]+"', "", body)
    return body.replace(f'value="{username}"', 'value=""')


def test_it_logs_in_with_password_and_code(client: Client, people: People):
    response = client.post(LOGIN, {"username": "consulent", "password": PASSWORD})
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == CODE

    response = client.post(CODE, {"code": totp_code(people.consulent)})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    page = client.get(reverse("accounts:home"))
    assert page.status_code == 200
    assert page.wsgi_request.user == people.consulent


def test_it_changes_the_session_key_at_log_in(client: Client, people: People):
    planted = client.session
    planted["planted_by_attacker"] = True
    planted.save()
    fixed_key = planted.session_key

    client.post(LOGIN, {"username": "consulent", "password": PASSWORD})
    client.post(CODE, {"code": totp_code(people.consulent)})

    assert client.cookies[settings.SESSION_COOKIE_NAME].value != fixed_key
    assert not Session.objects.filter(session_key=fixed_key).exists()
    assert client.get(reverse("accounts:home")).status_code == 200


def test_it_answers_a_wrong_password_and_an_unknown_name_alike(client: Client, people: People):
    wrong_password = client.post(LOGIN, {"username": "consulent", "password": "not-the-password"})
    unknown_name = client.post(LOGIN, {"username": "nobody-here", "password": "not-the-password"})

    assert wrong_password.status_code == unknown_name.status_code == 200
    assert en("The user name or password is incorrect.") in wrong_password.content.decode()
    assert _without_noise(wrong_password.content.decode(), "consulent") == _without_noise(
        unknown_name.content.decode(), "nobody-here"
    )


@pytest.mark.parametrize("who", ["anna_user", "professional"])
def test_it_refuses_a_password_to_residents_and_professionals(
    client: Client, people: People, who: str
):
    user = people.anna_user if who == "anna_user" else people.professional.user
    assert user is not None
    user.set_password(PASSWORD)
    user.save()

    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 200
    assert en("The user name or password is incorrect.") in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert client.get(reverse("accounts:resident-home")).status_code == 302


def test_it_refuses_an_inactive_staff_member(client: Client, people: People):
    services.user_deactivate(user=people.consulent)

    response = client.post(LOGIN, {"username": "consulent", "password": PASSWORD})

    assert response.status_code == 200
    assert en("The user name or password is incorrect.") in response.content.decode()
    assert client.get(CODE)["Location"].startswith(LOGIN)


def test_it_follows_a_local_next(client: Client, people: People):
    team_page = reverse("accounts:team", args=[people.team.public_id])
    response = client.post(
        LOGIN, {"username": "teamleider", "password": PASSWORD, "next": team_page}
    )
    assert parse_qs(urlparse(response["Location"]).query)["next"] == [team_page]

    response = client.post(CODE, {"code": totp_code(people.teamleider), "next": team_page})

    assert response["Location"] == team_page


def test_it_ignores_a_next_to_another_site(client: Client, people: People):
    evil = "https://evil.example/"
    response = client.post(LOGIN + "?next=" + evil, {"username": "consulent", "password": PASSWORD})
    assert "evil.example" not in response["Location"]

    response = client.post(CODE, {"code": totp_code(people.consulent), "next": evil})

    assert response["Location"] == reverse("accounts:home")


def test_it_shows_no_staff_page_before_the_code(client: Client, people: People):
    client.post(LOGIN, {"username": "consulent", "password": PASSWORD})

    response = client.get(reverse("accounts:home"))

    assert response.status_code == 302
    assert urlparse(response["Location"]).path == CODE
    assert client.get(reverse("accounts:users")).status_code == 302


def test_it_refuses_a_wrong_code(client: Client, people: People):
    client.post(LOGIN, {"username": "consulent", "password": PASSWORD})
    response = client.post(CODE, {"code": wrong_code(people.consulent)})

    assert response.status_code == 200
    assert en("This code is incorrect or has expired.") in response.content.decode()
    assert client.get(reverse("accounts:home")).status_code == 302
