"""Sharing and consent lists who outside the municipality can open which documents now, and
until when; a revoked share disappears from it."""

from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.conftest import People, log_in
from regie.exchange import services as exchange_services
from regie.exchange.tests.conftest import Shareable, shareable  # noqa: F401 (fixture)


def test_it_lists_current_shares_and_drops_revoked_ones(
    people: People,
    shareable: Shareable,  # noqa: F811 (the exchange tests' fixture)
    bram_user: User,
) -> None:
    share = exchange_services.share_create(
        actor=people.consulent,
        case_id=shareable.case.public_id,
        contact_id=shareable.contact.public_id,
        professional_id=people.professional.public_id,
        document_ids=[shareable.document.public_id],
        days=7,
        max_downloads=3,
    )
    client = log_in(Client(), people.anna_user)
    page = client.get(reverse("portal:sharing")).content.decode()
    assert people.professional.organisation in page and "Plan" in page

    other = log_in(Client(), bram_user)
    assert (
        people.professional.organisation
        not in other.get(reverse("portal:sharing")).content.decode()
    )

    exchange_services.share_revoke(
        actor=people.consulent, case_id=shareable.case.public_id, share_id=share.public_id
    )
    page = client.get(reverse("portal:sharing")).content.decode()
    assert people.professional.organisation not in page
