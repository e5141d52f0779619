"""Messages about new documents and decisions, made by an idempotent background task; the
e-mail says only that there is something new."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from regie.conftest import People, inspecting, log_in
from regie.portal.models import Message, MessageKind
from regie.portal.services import messages_notify
from regie.portal.tests.conftest import Dossier
from regie.testing.worker import run_worker


def test_it_announces_documents_and_decisions_once(people: People, dossier: Dossier) -> None:
    people.anna_user.email = "anna@example.org"
    people.anna_user.save()
    assert messages_notify() == 2
    assert messages_notify() == 0
    with inspecting():
        kinds = sorted(Message.objects.values_list("kind", flat=True))
    assert kinds == sorted(
        [MessageKind.CONSENT_REQUEST, MessageKind.DOCUMENT, MessageKind.DECISION]
    )
    assert len(mail.outbox) == 1
    assert "Beschikking" not in mail.outbox[0].body and "Wmo" not in mail.outbox[0].body


def test_it_marks_a_message_read_and_opens_what_it_is_about(
    people: People, dossier: Dossier
) -> None:
    client = log_in(Client(), people.anna_user)
    answer = client.post(reverse("portal:message", args=[dossier.message.public_id]))
    assert answer["Location"] == reverse("portal:consent-request", args=[dossier.request.public_id])
    with inspecting():
        assert Message.objects.get(pk=dossier.message.pk).read_at is not None


@pytest.mark.django_db(transaction=True)
def test_it_runs_as_a_background_task(task_queue: None) -> None:
    from regie.portal.tasks import portal_notify

    portal_notify.enqueue()
    assert run_worker().returncode == 0
