"""The portal demo loads once: Anna has a request for consent and messages, Ilse Hendriks acts
for her son Bram; it leaves with the demo."""

from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from regie.accounts.models import User
from regie.cases.models import Case
from regie.conftest import inspecting, log_in
from regie.portal.models import ConsentRequest, Message, Representation


def test_it_loads_the_portal_demo_once_and_removes_it(db: None, settings: Settings) -> None:
    settings.DEMO = True
    call_command("demo", no_serve=True, stdout=StringIO())
    call_command("demo", no_serve=True, stdout=StringIO())
    with inspecting():
        assert ConsentRequest.objects.count() == 1
        assert Representation.objects.count() == 1
        assert Message.objects.filter(kind="decision").count() == 1
        ilse = Representation.objects.get().representative
        bram_case = Case.objects.get(resident__representations__isnull=False, is_demo=True)
    client = log_in(Client(), User.objects.get(pk=ilse.pk))
    page = client.get(reverse("portal:home")).content.decode()
    assert "Bram Hendriks" in page
    # His case worker sees it on the case's screen, with the evidence she saw.
    staff = log_in(Client(), User.objects.get(username="consulent"))
    screen = staff.get(reverse("portal:representations", args=[bram_case.public_id]))
    assert "Ilse Hendriks" in screen.content.decode()
    assert "Uittreksel gezagsregister" in screen.content.decode()

    call_command("remove_demo", stdout=StringIO())
    with inspecting():
        assert not Representation.objects.exists() and not ConsentRequest.objects.exists()
