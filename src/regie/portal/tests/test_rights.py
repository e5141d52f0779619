"""Objection, rectification and the full copy each become a rights request with its statutory
deadline for the privacy office."""

from django.test import Client
from django.urls import reverse

from regie.conftest import People, inspecting, log_in
from regie.portal.tests.conftest import Dossier
from regie.requests.models import RightsRequest


def test_it_files_an_objection_with_its_deadline(people: People, dossier: Dossier) -> None:
    client = log_in(Client(), people.anna_user)
    answer = client.post(
        reverse("portal:rights"), {"kind": "objection", "details": "Niet delen met het CIZ."}
    )
    assert answer.status_code == 302
    with inspecting():
        filed = RightsRequest.objects.get(resident=people.anna)
    assert filed.kind == "objection" and filed.channel == "portal"
    assert filed.deadline > filed.received_on
    page = client.get(reverse("portal:rights")).content.decode()
    assert filed.reference in page


def test_it_files_an_access_request_for_the_copy(people: People, dossier: Dossier) -> None:
    log_in(Client(), people.anna_user).post(reverse("portal:copy"))
    with inspecting():
        assert RightsRequest.objects.get(resident=people.anna).kind == "access"
