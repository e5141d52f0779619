"""Demo signals for Gemeente Lindendal: a year of mail-gateway months shaped like the council
letter's December 2015 (132,608 received, 56,949 spam, 271 virus), some Suricata alerts, and
one insider alert. Loading twice changes nothing."""

import io
import json
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import Resident, User
from regie.monitoring import services
from regie.monitoring.models import SignalSource, SourceKind
from regie.processing_log.gate import processing
from regie.register import builtin

# Month-on-month shape around the letter's December figures.
_SHAPE = [0.93, 0.95, 1.02, 0.98, 1.01, 0.97, 0.84, 0.88, 1.03, 1.05, 1.04, 1.0]
_SIGNATURES = [
    ("ET SCAN Suspicious inbound to mySQL port 3306", 2, "10.20.0.15", 3306),
    ("ET POLICY RDP connection attempt from outside", 1, "10.20.0.21", 3389),
    ("ET WEB_SERVER SQL injection attempt in URI", 1, "10.20.0.8", 443),
    ("ET INFO Outdated TLS version", 3, "10.20.0.8", 443),
]


@transaction.atomic
def load(users: dict[str, User]) -> None:
    if SignalSource.objects.filter(is_demo=True).exists():
        return
    ciso = users["ciso"]
    mail, _token = services.signal_source_create(
        name="Mailgateway", kind=SourceKind.MAIL_GATEWAY, created_by=ciso, is_demo=True
    )
    ids, _token = services.signal_source_create(
        name="Suricata DMZ", kind=SourceKind.SURICATA_EVE, created_by=ciso, is_demo=True
    )
    services.signals_ingest(source=mail, stream=io.BytesIO(_mail_csv().encode()))
    services.signals_ingest(source=ids, stream=io.BytesIO(_eve().encode()))
    _insider_alert(users)


def _mail_csv() -> str:
    today = timezone.localdate()
    rows = ["period,received,spam,virus,phishing"]
    for back, factor in zip(range(11, -1, -1), _SHAPE, strict=True):
        month = today.year * 12 + today.month - 2 - back
        period = date(month // 12, month % 12 + 1, 1)
        received = round(132_608 * factor)
        rows.append(
            f"{period:%Y-%m},{received},{round(56_949 * factor * 0.98)},"
            f"{round(271 * factor * factor)},{round(40 * factor)}"
        )
    return "\n".join(rows) + "\n"


def _eve() -> str:
    now = timezone.now()
    lines = []
    for number in range(120):
        signature, severity, host, port = _SIGNATURES[number % len(_SIGNATURES)]
        moment = now - timedelta(days=number * 3 % 330, minutes=number * 7)
        lines.append(
            json.dumps(
                {
                    "timestamp": moment.isoformat(),
                    "flow_id": 7_000_000 + number,
                    "event_type": "alert",
                    "src_ip": f"198.51.100.{number % 200 + 1}",
                    "src_port": 50_000 + number,
                    "dest_ip": host,
                    "dest_port": port,
                    "proto": "TCP",
                    "alert": {
                        "signature_id": 2_100_000 + number % 4,
                        "signature": signature,
                        "severity": severity,
                    },
                }
            )
        )
    return "\n".join(lines) + "\n"


def _insider_alert(users: dict[str, User]) -> None:
    """The second case worker opens a dossier of the first's caseload; the rules notice."""
    with processing(
        activity=builtin.REGISTER_RESIDENT,
        actor=users["consulent2"],
        name="case.read",
        subjects_follow=True,
    ) as current:
        resident = (
            Resident.objects.filter(is_demo=True, caseload__consulent=users["consulent"])
            .order_by("pk")
            .first()
        )
        if resident is not None:
            current.add_subject(resident)
    services.insider_scan(day=timezone.localdate())
