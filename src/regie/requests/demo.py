"""Demo rights requests: an access request by letter close to its deadline and an objection
at the desk, in hand. Loading twice changes nothing."""

from datetime import timedelta

from django.utils import timezone

from regie.accounts.models import User
from regie.core.gate import system_access
from regie.requests import selectors, services
from regie.requests.models import Channel, Kind, RightsRequest


def load(users: dict[str, User]) -> None:
    officer = users["privacy"]
    with system_access("demo: whether the demo requests were loaded before"):
        if RightsRequest.objects.filter(is_demo=True).exists():
            return
    today = timezone.localdate()
    services.request_file_for_bsn(
        bsn="999990019",
        kind=Kind.ACCESS,
        channel=Channel.LETTER,
        details="Ik wil graag weten welke gegevens de gemeente over mij en mijn Wmo-aanvraag "
        "heeft, en aan wie die zijn gegeven.",
        received_on=today - timedelta(days=26),
        actor=officer,
        is_demo=True,
    )
    objection = services.request_file_for_bsn(
        bsn="999990032",
        kind=Kind.OBJECTION,
        channel=Channel.DESK,
        details="Bezwaar tegen het delen van mijn gegevens met de woningcorporatie.",
        received_on=today - timedelta(days=5),
        actor=officer,
        is_demo=True,
    )
    detail = selectors.request_detail(public_id=objection.public_id, actor=officer)
    assert detail is not None
    services.request_identity_check(
        request=detail.request, method="Rijbewijs getoond aan de balie", actor=officer
    )
    services.request_assign(request=detail.request, handler=officer, actor=officer)
