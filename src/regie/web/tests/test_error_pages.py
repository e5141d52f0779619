"""Error pages tell a person what happened in plain words, in the page shell, and show nothing
personal or technical: no BSN from the URL, no exception text, no stack trace."""

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path
from django.utils.translation import gettext, override
from rest_framework.request import Request
from rest_framework.views import APIView

from regie.conftest import BSN_ANNA

SECRET_DETAIL = f"database row for BSN {BSN_ANNA} is locked"


def _broken_page(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_DETAIL)


class _BrokenApi(APIView):
    regie_public = True

    def get(self, request: Request) -> HttpResponse:
        raise RuntimeError(SECRET_DETAIL)


# A URLconf for these tests: Regie's own, plus one page and one API endpoint that fail.
urlpatterns = [
    path("kapot/", _broken_page),
    path("api/v1/kapot/", _BrokenApi.as_view()),
    path("", include("regie.urls")),
]
handler400 = "regie.web.views.error_400"
handler403 = "regie.web.views.error_403"
handler404 = "regie.web.views.error_404"
handler500 = "regie.web.views.error_500"

ENGLISH = {"accept-language": "en"}


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    handler = logging.getHandlerByName("console")
    assert isinstance(handler, logging.StreamHandler)
    output = io.StringIO()
    previous = handler.setStream(output)
    try:
        yield output
    finally:
        handler.setStream(previous)


def _english(text: str) -> str:
    with override("en"):
        return gettext(text)


def _assert_plain_page(response, status: int, title: str) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert "'nonce-" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.get("Cache-Control", "")
    html = response.content.decode()
    assert _english(title) in html
    assert 'href="/"' in html
    for leak in (BSN_ANNA, "Traceback", "RuntimeError", "database row", 'File "'):
        assert leak not in html
    return html


def test_it_shows_a_plain_not_found_page_without_the_url(client: Client, db: None):
    response = client.get(f"/inwoner/dossier/{BSN_ANNA}/", headers=ENGLISH)

    _assert_plain_page(response, 404, "Page not found")


def test_it_shows_a_plain_not_found_page(client: Client, db: None):
    response = client.get("/geen-pagina/", headers=ENGLISH)

    _assert_plain_page(response, 404, "Page not found")


def test_it_redacts_the_bsn_in_the_not_found_log_line(
    client: Client, db: None, console: io.StringIO
):
    client.get(f"/inwoner/dossier/{BSN_ANNA}/")

    assert "Not Found: /inwoner/dossier/[bsn]/" in console.getvalue()
    assert BSN_ANNA not in console.getvalue()


@pytest.mark.urls(__name__)
def test_it_hides_what_went_wrong_behind_a_plain_error_page(db: None, console: io.StringIO):
    client = Client(raise_request_exception=False)

    response = client.get("/kapot/", headers=ENGLISH)

    _assert_plain_page(response, 500, "Something went wrong")
    assert "RuntimeError" in console.getvalue()
    assert BSN_ANNA not in console.getvalue()


@pytest.mark.urls(__name__)
def test_it_answers_a_failing_api_call_with_a_500_problem(db: None, console: io.StringIO):
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/kapot/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == 500
    assert body["instance"] == "/api/v1/kapot/"
    assert BSN_ANNA not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()
    assert BSN_ANNA not in console.getvalue()


def test_it_explains_an_expired_form(db: None):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/medewerker/inloggen/", {"username": "consulent", "password": "x"}, headers=ENGLISH
    )

    html = _assert_plain_page(response, 403, "Not allowed")
    assert _english("The form had expired. Go back, reload the page and try again.") in html


def test_it_answers_an_unknown_host_with_a_bad_request_page(client: Client, db: None):
    response = client.get("/", HTTP_HOST="regie.evil.example", headers=ENGLISH)

    _assert_plain_page(response, 400, "Bad request")


def test_it_answers_an_unknown_host_on_the_api_with_a_400_problem(client: Client, db: None):
    response = client.get("/api/v1/me/", HTTP_HOST="regie.evil.example")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == 400
