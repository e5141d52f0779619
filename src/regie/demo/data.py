"""The demo municipality: people, teams and caseloads, made through the services so the demo
exercises the same code as production. Loading twice changes nothing."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import Professional, Role, Team, User
from regie.breaches import demo as breaches_demo
from regie.cases import demo as cases_demo
from regie.exchange import demo as exchange_demo
from regie.isms import demo as isms_demo
from regie.lawfulness import demo as lawfulness_demo
from regie.monitoring import demo as monitoring_demo
from regie.portal import demo as portal_demo
from regie.processing_log.gate import Actor
from regie.register import demo as register_demo
from regie.reports import demo as reports_demo
from regie.requests import demo as requests_demo

DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 - printed for the demo, refused in production


@dataclass(frozen=True)
class DemoStaff:
    username: str
    first_name: str
    last_name: str
    role: Role
    team: str | None


STAFF = [
    DemoStaff("consulent", "Sanne", "de Vries", Role.CONSULENT, "Wmo"),
    DemoStaff("consulent2", "Ahmed", "Yilmaz", Role.CONSULENT, "Jeugd"),
    DemoStaff("teamleider", "Marieke", "Jansen", Role.TEAMLEIDER, "Wmo"),
    DemoStaff("privacy", "Joost", "Bakker", Role.PRIVACY_OFFICER, None),
    DemoStaff("ciso", "Fatima", "El Amrani", Role.CISO, None),
    DemoStaff("beheerder", "Pieter", "Smit", Role.BEHEERDER, None),
    DemoStaff("raadslid", "Els", "Visser", Role.RAADSLID, None),
    DemoStaff("commissielid", "Henk", "Mulder", Role.COMMISSIELID, None),
]

# Test BSNs from the range that the DigiD pre-production environment reserves for testing.
RESIDENTS = [
    ("999990019", "Anna Willems", "consulent"),
    ("999990020", "Bram Hendriks", "consulent"),
    ("999990032", "Cor van Dijk", "consulent"),
    ("999990044", "Daan Peters", "consulent2"),
    # Bram's mother: logs in with her own DigiD as his legal representative (portal demo).
    ("999990056", "Ilse Hendriks", "consulent"),
]


@transaction.atomic
def load() -> None:
    teams = {name: Team.objects.get_or_create(name=name)[0] for name in ("Wmo", "Jeugd")}
    users: dict[str, User] = {}
    for person in STAFF:
        user = User.objects.filter(username=person.username).first()
        if user is None:
            user = services.staff_create(
                username=person.username,
                role=person.role,
                password=DEMO_PASSWORD,
                first_name=person.first_name,
                last_name=person.last_name,
                email=f"{person.username}@lindendal.example",
                team=teams[person.team] if person.team else None,
                is_demo=True,
            )
            TOTPDevice.objects.create(user=user, name="demo authenticator", confirmed=True)
        users[person.username] = user
    isms_demo.load(users)
    register_demo.load(users)
    loader = Actor.system("demo")
    for bsn, name, consulent in RESIDENTS:
        try:
            resident = services.resident_register(bsn=bsn, name=name, actor=loader, is_demo=True)
        except ValidationError:
            continue  # loaded before
        services.caseload_assign(
            consulent=users[consulent], resident=resident, assigned_by=users["teamleider"]
        )
    lawfulness_demo.load(users)
    cases_demo.load(users)
    portal_demo.load(users)
    if not Professional.objects.filter(is_demo=True).exists():
        services.professional_create(
            name="Karin Bos",
            organisation="Zorggroep De Linde",
            email="k.bos@delinde.example",
            is_demo=True,
        )
    breaches_demo.load(users)
    requests_demo.load(users)
    exchange_demo.load(users)
    monitoring_demo.load(users)
    # Last: the reports gather the figures of everything loaded before.
    reports_demo.load(users)


def login_sheet(base_url: str) -> str:
    lines = [
        "",
        "Regie demo: Gemeente Lindendal (fictional data)",
        f"  Open {base_url}/",
        "",
        f"  Staff log in at {base_url}/medewerker/inloggen/ with password {DEMO_PASSWORD!r};",
        "  the code step shows the current authenticator code in the demo.",
    ]
    for person in STAFF:
        lines.append(f"    {person.username:<14} {person.role.label}")
    lines += ["", f"  Residents log in at {base_url}/inwoner/inloggen/ (DigiD mock) with a BSN:"]
    for bsn, name, _consulent in RESIDENTS:
        lines.append(f"    {bsn}      {name}")
    lines.append("")
    return "\n".join(lines)
