"""Every response carries Regie's browser protections: a strict, nonce-based CSP, no framing,
no sniffing, no caching of personal pages, and HSTS in production."""

import base64
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.middleware import LOGIN_AT
from regie.accounts.models import Role, User
from regie.conftest import People
from regie.testing.production import production_env

ONE_YEAR = 365 * 24 * 60 * 60


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_script = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_script += data


def _tags(response) -> _Tags:
    parser = _Tags()
    parser.feed(response.content.decode())
    return parser


def _csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {parts[0]: parts[1:] for parts in directives}


def _nonce(response) -> str:
    nonces = [
        source.removeprefix("'nonce-").removesuffix("'")
        for source in _csp(response)["script-src"]
        if source.startswith("'nonce-")
    ]
    assert len(nonces) == 1
    return nonces[0]


Page = tuple[str, Callable[[Client, Callable[[User], Client], People], Client]]

HTML_PAGES: list[Page] = [
    ("/", lambda client, login_as, people: client),
    ("/werk/", lambda client, login_as, people: login_as(people.consulent)),
    ("/inwoner/portaal/", lambda client, login_as, people: login_as(people.anna_user)),
]


@pytest.fixture(params=HTML_PAGES, ids=["anonymous", "staff", "resident"])
def html_page(request, client: Client, login_as, people: People) -> tuple[Client, str]:
    url, log_in = request.param
    return log_in(client, login_as, people), url


def test_it_sends_a_strict_csp_with_a_fresh_nonce_on_html_pages(html_page):
    client, url = html_page

    first = client.get(url)
    second = client.get(url)

    assert first.status_code == 200
    policy = _csp(first)
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in first["Content-Security-Policy"]
    assert "'unsafe-eval'" not in first["Content-Security-Policy"]
    assert _nonce(first) != _nonce(second)
    assert len(base64.urlsafe_b64decode(_nonce(first) + "==")) >= 16


def test_it_puts_the_header_nonce_on_every_script_tag(html_page):
    client, url = html_page

    response = client.get(url)

    scripts = [attrs for tag, attrs in _tags(response).tags if tag == "script"]
    assert scripts
    assert all(attrs.get("nonce") == _nonce(response) for attrs in scripts)


def test_it_sends_the_other_protections_on_html_pages(html_page):
    client, url = html_page

    response = client.get(url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_it_protects_api_responses_the_same_way(login_as, people: People):
    response = login_as(people.consulent).get("/api/v1/me/")

    assert response.status_code == 200
    policy = _csp(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url", ["/medewerker/inloggen/", "/inwoner/inloggen/", "/api/v1/me/", "/geen-pagina/", "/werk/"]
)
def test_it_forbids_caching_of_every_dynamic_response(client: Client, db: None, url: str):
    response = client.get(url)

    assert response.status_code in {200, 302, 401, 404}
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


def test_it_still_serves_static_files_with_nosniff(client: Client):
    response = client.get("/static/regie/idle.js")

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


def _main_pages(client: Client, login_as, people: People) -> dict[str, str]:
    """The HTML of every page Regie renders itself, for each kind of visitor."""
    pages: dict[str, str] = {}

    def fetch(name: str, url: str) -> None:
        response = client.get(url)
        assert response.status_code in {200, 404}, (name, response.status_code)
        pages[name] = response.content.decode()

    fetch("landing", "/")
    fetch("staff log-in", "/medewerker/inloggen/")
    fetch("DigiD start", "/inwoner/inloggen/")
    fetch("DigiD cancelled", "/inwoner/inloggen/afgebroken/")
    fetch("not found", "/geen-pagina/")
    client.force_login(people.consulent)
    fetch("log-in code", "/medewerker/inloggen/code/")
    newcomer = services.staff_create(username="nieuw", role=Role.CISO, password="x" * 20)
    client.force_login(newcomer)
    fetch("authenticator set-up", "/medewerker/tweestapsverificatie/")
    client.logout()
    token, _secret = services.api_token_create(
        name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
    )
    login_as(people.beheerder)
    pages["tokens with new secret"] = client.post(
        "/beheer/api-tokens/", {"name": "Archief", "scopes": ["api.me"]}
    ).content.decode()
    fetch("tokens", "/beheer/api-tokens/")
    fetch("token revoke", f"/beheer/api-tokens/{token.public_id}/intrekken/")
    fetch("users", "/beheer/gebruikers/")
    fetch("user deactivate", f"/beheer/gebruikers/{people.consulent.public_id}/deactiveren/")
    for role, user in people.staff().items():
        login_as(user)
        fetch(f"staff home ({role})", "/werk/")
    login_as(people.teamleider)
    fetch("team", f"/werk/teams/{people.team.public_id}/")
    client.logout()
    login_as(people.anna_user)
    fetch("resident home", "/inwoner/portaal/")
    return pages


def test_it_renders_no_inline_script_or_style(client: Client, login_as, people: People):
    pages = _main_pages(client, login_as, people)

    assert len(pages) > 15
    for name, html in pages.items():
        parser = _Tags()
        parser.feed(html)
        for tag, attrs in parser.tags:
            assert "style" not in attrs, (name, tag, attrs)
            assert not any(attr.startswith("on") for attr in attrs), (name, tag, attrs)
            if tag == "script":
                assert attrs.get("src"), (name, attrs)
        assert parser.inline_script.strip() == "", name
        assert "<style" not in html, name
        assert not re.search(r"href=[\"']javascript:", html), name


def _unlabelled_controls(html: str) -> list[dict[str, str | None]]:
    parser = _Tags()
    parser.feed(html)
    labelled = {attrs.get("for") for tag, attrs in parser.tags if tag == "label"}
    controls = [
        attrs
        for tag, attrs in parser.tags
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {"hidden", "submit"}
    ]
    assert controls
    return [attrs for attrs in controls if not attrs.get("id") or attrs["id"] not in labelled]


def test_it_labels_every_field_of_the_log_in_and_token_pages(
    client: Client, login_as, people: People
):
    pages = {"staff log-in": client.get("/medewerker/inloggen/").content.decode()}
    client.force_login(people.consulent)
    pages["log-in code"] = client.get("/medewerker/inloggen/code/").content.decode()
    TOTPDevice.objects.filter(user=people.ciso).delete()
    client.force_login(people.ciso)
    pages["authenticator"] = client.get("/medewerker/tweestapsverificatie/").content.decode()
    login_as(people.beheerder)
    pages["tokens"] = client.get("/beheer/api-tokens/").content.decode()
    pages["tokens, invalid"] = client.post("/beheer/api-tokens/", {}).content.decode()

    for name, html in pages.items():
        assert _unlabelled_controls(html) == [], name


HSTS_PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(headers={"host": "regie.lindendal.example"})
secure = client.get("/api/v1/me/", secure=True)
plain = client.get("/api/v1/me/")
print(json.dumps({
    "seconds": settings.SECURE_HSTS_SECONDS,
    "hsts": secure.headers.get("Strict-Transport-Security", ""),
    "secure_status": secure.status_code,
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "cookie_secure": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
}))
"""


def test_it_sends_hsts_for_at_least_a_year_in_production(tmp_path: Path):
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", HSTS_PROBE],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["seconds"] > ONE_YEAR
    max_age = re.search(r"max-age=(\d+)", probe["hsts"])
    assert max_age and int(max_age.group(1)) > ONE_YEAR
    assert "includeSubDomains" in probe["hsts"]
    assert probe["secure_status"] == 401
    assert probe["plain_status"] == 301
    assert probe["plain_location"].startswith("https://regie.lindendal.example/")
    assert probe["session_cookie"].startswith("__Host-")
    assert probe["cookie_secure"] is True


def test_it_protects_responses_that_middleware_answers_early(login_as, people: People):
    """A session past its absolute lifetime is ended by middleware before any view runs."""
    client = login_as(people.consulent)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - settings.REGIE_SESSION_ABSOLUTE_SECONDS - 60
    session.save()

    response = client.get("/werk/")

    assert response.status_code == 302
    assert "no-store" in response.get("Cache-Control", "")
    assert response.get("X-Frame-Options") == "DENY"
    assert "Content-Security-Policy" in response
