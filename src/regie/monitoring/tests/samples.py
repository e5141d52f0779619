"""Real-format samples of what the security tools deliver, generated for the tests."""

import json
from datetime import UTC, datetime, timedelta

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def eve_alert(
    number: int,
    *,
    signature: str = "ET SCAN Suspicious inbound to mySQL port 3306",
    severity: int = 2,
    dest_ip: str = "10.20.0.15",
    moment: datetime | None = None,
) -> str:
    """One Suricata EVE alert line, as `eve.json` holds it."""
    moment = moment or START + timedelta(seconds=number)
    return json.dumps(
        {
            "timestamp": moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + "+0000",
            "flow_id": 1_000_000 + number,
            "in_iface": "eth0",
            "event_type": "alert",
            "src_ip": f"203.0.113.{number % 250 + 1}",
            "src_port": 40_000 + number % 20_000,
            "dest_ip": dest_ip,
            "dest_port": 3306,
            "proto": "TCP",
            "alert": {
                "action": "allowed",
                "gid": 1,
                "signature_id": 2_010_937,
                "rev": 3,
                "signature": signature,
                "category": "Potentially Bad Traffic",
                "severity": severity,
            },
        }
    )


def eve_flow(number: int) -> str:
    return json.dumps(
        {
            "timestamp": (START + timedelta(seconds=number)).isoformat(),
            "flow_id": 2_000_000 + number,
            "event_type": "flow",
            "src_ip": "10.20.0.3",
            "dest_ip": "10.20.0.4",
            "proto": "UDP",
        }
    )


def eve_file(lines: list[str]) -> bytes:
    return "".join(line + "\n" for line in lines).encode()


MAIL_CSV = (
    "period,received,spam,virus,phishing\n"
    "2015-11,128455,54010,240,31\n"
    "2015-12,132608,56949,271,44\n"
)
