"""Who looked at my data: organisation and role, purpose and ground from the register, and a
verified mark against the latest signed checkpoint; a rolled-back log is noticed."""

from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from regie.accounts.models import Role
from regie.conftest import People, inspecting, log_in
from regie.portal.models import CheckpointSeen
from regie.portal.tests.conftest import Dossier
from regie.processing_log.models import Checkpoint
from regie.processing_log.services import log_seal_all
from regie.processing_log.tests.factories import tamper_signature

UNSIGNED = (
    "Warning: the signature of the log's latest checkpoint does not verify with the "
    "municipality's log key. The log may have been changed. The privacy officer has to look "
    "into this; nothing is marked as verified until then."
)


def _page(client: Client) -> str:
    with override("en"):
        return client.get(reverse("portal:log"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_it_shows_role_not_name_and_the_verified_mark(people: People, dossier: Dossier) -> None:
    log_seal_all()
    client = log_in(Client(), people.anna_user)
    page = _page(client)
    with override("en"):
        assert gettext("The municipality: %(role)s") % {"role": Role.CONSULENT.label} in page
        assert gettext("Verified") in page
    assert people.consulent.get_full_name() not in page
    with inspecting():
        assert (
            CheckpointSeen.objects.get(resident=people.anna).size
            == Checkpoint.objects.latest("size").size
        )


def test_it_notices_a_rolled_back_log(people: People, dossier: Dossier) -> None:
    log_seal_all()
    client = log_in(Client(), people.anna_user)
    _page(client)
    log_seal_all()  # the visit itself is sealed into a larger tree
    _page(client)
    # Someone restores an older backup of the log: the portal saw a larger tree than the
    # log now has (the PostgreSQL triggers forbid deleting the checkpoint itself).
    with inspecting():
        CheckpointSeen.objects.filter(resident=people.anna).update(
            size=Checkpoint.objects.latest("size").size + 5
        )
    page = _page(client)
    with override("en"):
        assert "no longer matches what this page verified before" in page
        assert gettext("Verified") + "</span>" not in page


def test_it_checks_the_checkpoint_signature_itself(people: People, dossier: Dossier) -> None:
    log_seal_all()
    client = log_in(Client(), people.anna_user)
    with inspecting():
        tamper_signature(Checkpoint.objects.latest("size"))
    with override("nl"):
        page = client.get(reverse("portal:log")).content.decode()
        assert gettext(UNSIGNED) in page
        assert gettext("Verified") + "</span>" not in page
    with inspecting():
        # An unsigned checkpoint is not remembered as seen either.
        assert not CheckpointSeen.objects.filter(resident=people.anna).exists()
