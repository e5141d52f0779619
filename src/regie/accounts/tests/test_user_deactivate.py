"""Deactivating a staff member ends every session they hold, at once."""

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from regie.accounts import services
from regie.accounts.models import User
from regie.conftest import PASSWORD, People, log_in
from regie.testing.pages import en

HOME = "/werk/"
LOGIN = "/medewerker/inloggen/"


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def deactivate_url(user: User) -> str:
    return reverse("accounts:user-deactivate", args=[user.public_id])


def _session_keys(*clients: Client) -> list[str]:
    return [client.cookies[settings.SESSION_COOKIE_NAME].value for client in clients]


def test_it_ends_every_session_of_the_user(people: People):
    laptop, phone = log_in(Client(), people.consulent), log_in(Client(), people.consulent)
    colleague = log_in(Client(), people.teamleider)
    assert laptop.get(HOME).status_code == phone.get(HOME).status_code == 200

    ended = services.user_deactivate(user=people.consulent)

    assert ended == 2
    assert not Session.objects.filter(session_key__in=_session_keys(laptop, phone)).exists()
    for client in (laptop, phone):
        response = client.get(HOME)
        assert urlparse(response["Location"]).path == LOGIN
        assert not response.wsgi_request.user.is_authenticated
    assert colleague.get(HOME).status_code == 200


def test_it_counts_only_sessions_that_were_still_open(people: People):
    gone = log_in(Client(), people.consulent)
    gone.post(reverse("accounts:logout"))
    log_in(Client(), people.consulent)

    assert services.user_deactivate(user=people.consulent) == 1


def test_it_keeps_a_deactivated_user_out(client: Client, people: People):
    services.user_deactivate(user=people.consulent)

    response = client.post(LOGIN, {"username": "consulent", "password": PASSWORD})

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_it_asks_the_beheerder_to_confirm(client: Client, people: People, login_as):
    login_as(people.beheerder)

    response = client.get(deactivate_url(people.consulent))

    assert response.status_code == 200
    with override("en"):
        question = gettext("Deactivate %(name)s?") % {"name": "consulent"}
    assert escape(question) in response.content.decode()
    people.consulent.refresh_from_db()
    assert people.consulent.is_active


def test_it_deactivates_on_post(client: Client, people: People, login_as):
    victim = log_in(Client(), people.consulent)
    login_as(people.beheerder)

    response = client.post(deactivate_url(people.consulent), follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:users")
    people.consulent.refresh_from_db()
    assert not people.consulent.is_active
    with override("en"):
        done = gettext("%(name)s is deactivated; %(count)d session(s) ended.") % {
            "name": "consulent",
            "count": 1,
        }
    assert escape(done) in response.content.decode()
    assert urlparse(victim.get(HOME)["Location"]).path == LOGIN


def test_it_does_not_let_a_beheerder_deactivate_themself(client: Client, people: People, login_as):
    login_as(people.beheerder)

    response = client.post(deactivate_url(people.beheerder), follow=True)

    assert en("You cannot deactivate your own account.") in response.content.decode()
    people.beheerder.refresh_from_db()
    assert people.beheerder.is_active
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("role", ["consulent", "teamleider", "privacy_officer", "ciso"])
def test_it_hides_the_page_from_anyone_else(client: Client, people: People, login_as, role: str):
    login_as(people.staff()[role])

    assert client.get(deactivate_url(people.other_consulent)).status_code == 404
    assert client.post(deactivate_url(people.other_consulent)).status_code == 404
    people.other_consulent.refresh_from_db()
    assert people.other_consulent.is_active


def test_it_does_not_deactivate_residents_through_the_staff_page(
    client: Client, people: People, login_as
):
    login_as(people.beheerder)

    assert client.post(deactivate_url(people.anna_user)).status_code == 404
    people.anna_user.refresh_from_db()
    assert people.anna_user.is_active
