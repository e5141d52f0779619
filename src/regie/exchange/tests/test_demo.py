"""The demo shares Anna's support plan with Zorggroep De Linde once, the professional can open
it with the mailed link and code, and it leaves with the demo."""

from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from regie.conftest import inspecting
from regie.exchange.models import Share
from regie.exchange.tests.conftest import Commit, link_token, mailed_code


def test_it_shares_the_demo_plan_once_and_removes_it(
    db: None, settings: Settings, commit: Commit
) -> None:
    settings.DEMO = True
    commit(call_command, "demo", no_serve=True, stdout=StringIO())
    commit(call_command, "demo", no_serve=True, stdout=StringIO())

    with inspecting():
        [share] = Share.objects.select_related("professional")
    assert share.professional.organisation == "Zorggroep De Linde"
    assert len([m for m in mail.outbox if "/delen/" in str(m.body)]) == 1
    token = link_token()
    client = Client()
    commit(client.post, reverse("exchange:open", args=[token]), {"send": "1"})
    client.post(reverse("exchange:open", args=[token]), {"code": mailed_code()})
    page = client.get(reverse("exchange:documents", args=[token])).content.decode()
    assert "Ondersteuningsplan 2026" in page

    call_command("remove_demo", stdout=StringIO())

    with inspecting():
        assert not Share.objects.exists()
