"""Sessions end after 15 idle minutes, at their absolute lifetime, and at log-out."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.accounts.middleware import LOGIN_AT
from regie.conftest import People
from regie.testing.pages import en

HOME = "/werk/"


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _session_row(client: Client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_it_uses_a_fifteen_minute_idle_time_out_renewed_on_every_request():
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_it_renews_the_idle_time_out_on_every_request(client: Client, people: People, login_as):
    login_as(people.consulent)
    Session.objects.filter(pk=_session_row(client).pk).update(
        expire_date=timezone.now() + timedelta(seconds=10)
    )

    assert client.get(HOME).status_code == 200

    left = _session_row(client).expire_date - timezone.now()
    assert left > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_it_ends_an_idle_session(client: Client, people: People, login_as):
    login_as(people.consulent)
    Session.objects.filter(pk=_session_row(client).pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get(HOME)

    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated


def test_it_ends_a_session_at_its_absolute_lifetime(client: Client, people: People, login_as):
    login_as(people.consulent)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - settings.REGIE_SESSION_ABSOLUTE_SECONDS - 1
    session.save()

    response = client.get(HOME, follow=True)

    assert response.redirect_chain[0][0] == reverse("home")
    assert en("Your session has ended. Please log in again.") in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert client.get(HOME).status_code == 302


def test_it_leaves_a_fresh_session_alone(client: Client, people: People, login_as):
    login_as(people.consulent)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - settings.REGIE_SESSION_ABSOLUTE_SECONDS + 60
    session.save()

    assert client.get(HOME).status_code == 200
    assert client.get(HOME).status_code == 200


def test_it_ends_a_resident_session_at_its_absolute_lifetime(
    client: Client, people: People, login_as
):
    login_as(people.anna_user)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - settings.REGIE_SESSION_ABSOLUTE_SECONDS - 1
    session.save()

    response = client.get(reverse("accounts:resident-home"))

    assert response["Location"] == reverse("home")
    assert not response.wsgi_request.user.is_authenticated


def test_it_logs_out_only_on_post(client: Client, people: People, login_as):
    login_as(people.consulent)

    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(HOME).status_code == 200


def test_it_ends_the_session_at_log_out(client: Client, people: People, login_as):
    login_as(people.consulent)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value

    response = client.post(reverse("accounts:logout"), follow=True)

    assert response.redirect_chain[0][0] == reverse("home")
    assert en("You have been logged out.") in response.content.decode()
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(HOME).status_code == 302
