"""Residents log in with (mock) DigiD; the BSN travels in the session, never in a URL."""

import html
import re
from urllib.parse import urljoin, urlparse

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from regie.accounts import selectors
from regie.accounts.digid_mock import HANDOVER_KEY
from regie.accounts.models import Kind, Resident, User
from regie.conftest import BSN_ANNA, People, inspecting
from regie.testing.pages import en

NEW_BSN = "111222333"
INVALID_BSN = "999990018"
CANCELLED = "/inwoner/inloggen/afgebroken/"


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


class Flow:
    """Walks the mock DigiD flow with the test client and remembers every URL it saw."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.urls: list[str] = []

    def get(self, url: str):
        self.urls.append(url)
        response = self.client.get(url)
        self._saw(response)
        return response

    def post(self, url: str, data: dict[str, str]):
        self.urls.append(url)
        response = self.client.post(url, data)
        self._saw(response)
        return response

    def follow(self, response):
        while response.status_code in (301, 302, 303):
            response = self.get(response["Location"])
        return response

    def _saw(self, response) -> None:
        if response.has_header("Location"):
            self.urls.append(response["Location"])

    def to_bsn_page(self):
        idp = self.follow(self.get("/digid/login/?next=/inwoner/"))
        assert idp.status_code == 200
        link = re.search(r"href='([^']*inloggen_bsn[^']*)'", idp.content.decode())
        assert link is not None
        return self.get(html.unescape(link.group(1)))

    def submit_bsn(self, bsn: str):
        page = self.to_bsn_page()
        action = re.search(
            r'<form[^>]*id="new_authentication"[^>]*action="([^"]+)"', page.content.decode()
        )
        assert action is not None
        return self.post(html.unescape(action.group(1)), {"auth_bsn": bsn})


def _logged_in_user(client: Client) -> User | None:
    user = client.get("/").wsgi_request.user
    return user if isinstance(user, User) else None


def test_it_sends_the_resident_to_the_mock_idp(client: Client, db: None):
    response = client.get("/digid/login/?next=/inwoner/")

    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("digid-mock:login")


def test_it_logs_a_known_resident_in(client: Client, people: People):
    with inspecting():
        residents = Resident.objects.count()
    flow = Flow(client)

    landing = flow.follow(flow.submit_bsn(BSN_ANNA))

    assert flow.urls[-1] == reverse("portal:home")
    assert landing.status_code == 200
    assert _logged_in_user(client) == people.anna_user
    with inspecting():
        assert Resident.objects.count() == residents
    assert not any(BSN_ANNA in url for url in flow.urls)


def test_it_makes_an_account_for_a_resident_it_did_not_know(client: Client, db: None):
    flow = Flow(client)

    landing = flow.follow(flow.submit_bsn(NEW_BSN))

    assert landing.status_code == 200
    with inspecting():
        resident = Resident.objects.get(bsn_index=selectors.bsn_index(NEW_BSN))
        user = _logged_in_user(client)
        assert user is not None
        assert user.kind == Kind.RESIDENT
        assert resident.user == user
    assert not any(NEW_BSN in url for url in flow.urls)


def test_it_refuses_an_invalid_bsn_on_the_idp_page(client: Client, db: None):
    flow = Flow(client)

    response = flow.submit_bsn(INVALID_BSN)

    assert response.status_code == 200
    assert "digidmock-show" in response.content.decode()
    assert HANDOVER_KEY not in client.session
    assert _logged_in_user(client) is None
    with inspecting():
        assert not Resident.objects.exists()


def test_it_logs_nobody_in_without_the_hand_over(client: Client, people: People):
    response = client.get("/digid/acs/?next=/inwoner/&bsn=" + BSN_ANNA, follow=True)

    assert response.redirect_chain[-1][0] == CANCELLED
    assert en("Logging in with DigiD did not succeed. Please try again.") in (
        response.content.decode()
    )
    assert _logged_in_user(client) is None


def test_it_hands_the_bsn_over_only_once(client: Client, people: People):
    flow = Flow(client)
    flow.follow(flow.submit_bsn(BSN_ANNA))
    assert HANDOVER_KEY not in client.session

    response = client.get("/digid/acs/?next=/inwoner/")

    assert response["Location"] == CANCELLED


def test_it_ignores_a_next_to_another_site_at_the_acs(client: Client, people: People):
    session = client.session
    session[HANDOVER_KEY] = BSN_ANNA
    session.save()

    response = client.get("/digid/acs/?next=https://evil.example/")

    assert response["Location"] == "/inwoner/"


def test_it_leads_the_cancel_button_to_the_cancelled_page(client: Client, db: None):
    flow = Flow(client)
    idp = flow.follow(flow.get("/digid/login/?next=/inwoner/"))
    cancel = re.search(
        r'<form class="button_to" method="get" action="([^"]+)"', idp.content.decode()
    )
    assert cancel is not None

    response = flow.follow(flow.get(urljoin("http://testserver/", html.unescape(cancel.group(1)))))

    assert flow.urls[-1].endswith(CANCELLED)
    assert response.status_code == 200
    assert _logged_in_user(client) is None


def test_it_keeps_a_resident_out_of_staff_pages(client: Client, people: People, login_as):
    login_as(people.anna_user)

    assert client.get(reverse("accounts:resident-home"))["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.get(reverse("accounts:home")).status_code == 404


def test_it_keeps_staff_out_of_the_resident_portal(client: Client, people: People, login_as):
    login_as(people.consulent)

    assert client.get(reverse("accounts:home")).status_code == 200
    assert client.get(reverse("accounts:resident-home")).status_code == 404
