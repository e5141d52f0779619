"""No BSN and no resident's name reaches the application log, a URL or a redirect."""

import html
import io
import logging
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.conftest import BSN_ANNA, PASSWORD, People
from regie.core.logging import redact

NAME_ANNA = "Anna Willems"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"resident {BSN_ANNA} logged in", "resident [bsn] logged in"),
        (BSN_ANNA, "[bsn]"),
        (f"/inwoner/?bsn={BSN_ANNA}&next=/", "/inwoner/?bsn=[bsn]&next=/"),
        (f"{BSN_ANNA},999990020", "[bsn],[bsn]"),
        ("order 123456789 shipped", "order 123456789 shipped"),  # fails the 11-proef
        ("call 0612345678", "call 0612345678"),  # ten digits
        ("id 1999990019", "id 1999990019"),  # a BSN inside a longer number
        ("9999900190", "9999900190"),
        ("", ""),
    ],
)
def test_it_redacts_valid_bsns_only(text: str, expected: str):
    assert redact(text) == expected


def test_it_redacts_the_token_of_a_share_link():
    logged = "Not Found: /delen/p-kKbq9uz3Df5b9oowhsQW_E5xN1g/documenten/3/"
    assert redact(logged) == "Not Found: /delen/[token]/documenten/3/"


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """The output of the console handler that settings.LOGGING configures, at DEBUG level."""
    handler = logging.getHandlerByName("console")
    assert handler is not None
    assert isinstance(handler, logging.StreamHandler)
    output = io.StringIO()
    previous_stream = handler.setStream(output)
    root = logging.getLogger()
    previous_level = root.level
    root.setLevel(logging.DEBUG)
    try:
        yield output
    finally:
        root.setLevel(previous_level)
        handler.setStream(previous_stream)


def test_it_redacts_a_bsn_a_library_logs(console: io.StringIO):
    logging.getLogger("django.request").warning("Not Found: /x/%s/", BSN_ANNA)
    logging.getLogger("digid_eherkenning").debug(f"assertion for {BSN_ANNA}")
    logging.getLogger("regie.accounts").info("lookup %(bsn)s", {"bsn": BSN_ANNA})

    output = console.getvalue()
    assert output.count("[bsn]") == 3
    assert BSN_ANNA not in output


def test_it_redacts_a_bsn_in_a_logged_exception(console: io.StringIO):
    try:
        raise ValueError(f"no resident with BSN {BSN_ANNA}")
    except ValueError:
        logging.getLogger("django.request").exception("Internal Server Error: /inwoner/")

    output = console.getvalue()
    assert "ValueError" in output
    assert BSN_ANNA not in output


class _Browser:
    """The test client, remembering every URL it asked for and every redirect it was sent."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.urls: list[str] = []
        self.locations: list[str] = []

    def get(self, url: str, **extra):
        self.urls.append(url)
        return self._follow(self.client.get(url, **extra))

    def post(self, url: str, data: dict[str, str]):
        self.urls.append(url)
        return self._follow(self.client.post(url, data))

    def _follow(self, response):
        while response.status_code in {301, 302, 303, 307, 308}:
            location = response["Location"]
            self.locations.append(location)
            self.urls.append(location)
            response = self.client.get(location)
        return response


def _digid_log_in(browser: _Browser, bsn: str):
    choice = browser.get("/digid/login/?next=/inwoner/")
    assert choice.status_code == 200
    bsn_page_url = re.search(
        r"href=[\"'](/digid-mock/inloggen_bsn/\?[^\"']+)", choice.content.decode()
    )
    assert bsn_page_url is not None
    bsn_page = browser.get(html.unescape(bsn_page_url.group(1)))
    assert bsn_page.status_code == 200
    query = urlsplit(bsn_page.wsgi_request.get_full_path()).query
    return browser.post(f"/digid-mock/inloggen_bsn/?{query}", {"auth_bsn": bsn})


def _staff_log_in(browser: _Browser, people: People):
    browser.get("/medewerker/inloggen/")
    wrong = browser.post(
        "/medewerker/inloggen/", {"username": people.consulent.username, "password": "wrong"}
    )
    assert wrong.status_code == 200
    code_page = browser.post(
        "/medewerker/inloggen/", {"username": people.consulent.username, "password": PASSWORD}
    )
    assert code_page.wsgi_request.path == "/medewerker/inloggen/code/"
    device = TOTPDevice.objects.get(user=people.consulent)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    home = browser.post("/medewerker/inloggen/code/", {"code": code})
    assert home.wsgi_request.path == "/werk/"
    assert home.status_code == 200


def test_it_keeps_the_bsn_and_name_out_of_logs_and_urls(
    client: Client, people: People, caplog: pytest.LogCaptureFixture, console: io.StringIO
):
    caplog.set_level(logging.DEBUG)
    browser = _Browser(client)

    resident_home = _digid_log_in(browser, BSN_ANNA)
    assert resident_home.wsgi_request.path == reverse("portal:home")
    assert resident_home.status_code == 200
    assert browser.get("/api/v1/me/").json()["kind"] == "resident"
    browser.post("/uitloggen/", {})

    _staff_log_in(browser, people)
    assert browser.get("/api/v1/me/").status_code == 200
    browser.post("/uitloggen/", {})

    assert browser.get("/dit-bestaat-niet/").status_code == 404
    assert browser.get("/api/v1/me/").status_code == 401
    _token, secret = services.api_token_create(
        name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
    )
    assert browser.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200

    assert any(record.name == "django.request" for record in caplog.records)
    secrets = (BSN_ANNA, NAME_ANNA, "Willems")
    for record in caplog.records:
        logged = record.getMessage() + (record.exc_text or "") + repr(record.args)
        for secret in secrets:
            assert secret not in logged, (record.name, logged)
    for secret in secrets:
        assert secret not in caplog.text
        assert secret not in console.getvalue()
    assert browser.locations
    for url in browser.urls + browser.locations:
        assert BSN_ANNA not in url, url
