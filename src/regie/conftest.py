"""Fixtures shared by every app's tests: one named person per role, and log-in helpers."""

import importlib
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations import RunPython
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import Professional, Resident, Role, Team, User
from regie.core.gate import system_access
from regie.processing_log.gate import Actor
from regie.register.models import ProcessingActivity

pytest_plugins = ["regie.testing.browser", "regie.testing.clamd", "regie.testing.worker"]

os.environ.setdefault("REGIE_ENV", "test")

PASSWORD = "correct-horse-battery-staple"
BSN_ANNA = "999990019"
BSN_BRAM = "999990020"


@dataclass
class People:
    team: Team
    other_team: Team
    consulent: User
    other_consulent: User
    teamleider: User
    privacy_officer: User
    ciso: User
    beheerder: User
    raadslid: User
    commissielid: User
    anna: Resident
    bram: Resident
    anna_user: User
    professional: Professional

    def staff(self) -> dict[str, User]:
        return {
            "consulent": self.consulent,
            "teamleider": self.teamleider,
            "privacy_officer": self.privacy_officer,
            "ciso": self.ciso,
            "beheerder": self.beheerder,
            "raadslid": self.raadslid,
            "commissielid": self.commissielid,
        }


def _staff(username: str, role: Role, team: Team | None = None) -> User:
    user = services.staff_create(
        username=username,
        role=role,
        password=PASSWORD,
        team=team,
        first_name=username.capitalize(),
        last_name="Test",
    )
    TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


# Data migrations that seed rows the application needs (the register's own activities).
SEEDING_MIGRATIONS = [
    "regie.register.migrations.0002_regie_own_activities",
    "regie.register.migrations.0003_log_reading_activity",
    "regie.lawfulness.migrations.0002_lawfulness_activities",
    "regie.vault.migrations.0002_shredding_activity",
    "regie.cases.migrations.0002_case_activities",
    "regie.requests.migrations.0002_handling_activity",
    "regie.monitoring.migrations.0002_insider_supervision_activity",
    "regie.portal.migrations.0002_portal_activities",
    "regie.cases.migrations.0007_post_activity",
]


@pytest.fixture(autouse=True)
def vault_storage(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each test stores files and the shredding journal in a folder of its own, never under
    var/; the value is the storage folder."""
    folder = tmp_path_factory.mktemp("files")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder / "media")},
        },
    }
    settings.REGIE_SHRED_JOURNAL = folder / "journal" / "shredding.jsonl"
    return folder / "media"


@pytest.fixture(autouse=True)
def _seeded_rows(request: pytest.FixtureRequest, django_db_blocker: Any) -> None:
    """A transactional test ends by emptying every table, seeded rows included. Before a
    test that uses the database, put them back if they are gone (a committed write, outside
    the test's own transaction), so it finds the database as the migrations left it."""
    if "django_db_setup" not in request.fixturenames:
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        if ProcessingActivity.objects.exists():
            return
        registry: Any = django_apps  # the live registry serves get_model like StateApps
        with connection.schema_editor() as editor:
            for name in SEEDING_MIGRATIONS:
                for operation in importlib.import_module(name).Migration.operations:
                    if isinstance(operation, RunPython):
                        operation.code(registry, editor)


@pytest.fixture
def people(db: None) -> People:
    team = Team.objects.create(name="Wmo")
    other_team = Team.objects.create(name="Jeugd")
    consulent = _staff("consulent", Role.CONSULENT, team)
    other_consulent = _staff("other_consulent", Role.CONSULENT, other_team)
    intake = INTAKE
    anna = services.resident_register(bsn=BSN_ANNA, name="Anna Willems", actor=intake)
    bram = services.resident_register(bsn=BSN_BRAM, name="Bram Hendriks", actor=intake)
    services.caseload_assign(consulent=consulent, resident=anna, assigned_by=intake)
    services.caseload_assign(consulent=other_consulent, resident=bram, assigned_by=intake)
    anna_user = services.resident_user_for_bsn(bsn=BSN_ANNA)
    with system_access("test fixture: see the user the log-in just linked"):
        anna.refresh_from_db()
    professional = services.professional_create(
        name="Karin Bos", organisation="Zorggroep De Linde", email="k.bos@delinde.example"
    )
    return People(
        team=team,
        other_team=other_team,
        consulent=consulent,
        other_consulent=other_consulent,
        teamleider=_staff("teamleider", Role.TEAMLEIDER, team),
        privacy_officer=_staff("privacy", Role.PRIVACY_OFFICER),
        ciso=_staff("ciso", Role.CISO),
        beheerder=_staff("beheerder", Role.BEHEERDER),
        raadslid=_staff("raadslid", Role.RAADSLID),
        commissielid=_staff("commissielid", Role.COMMISSIELID),
        anna=anna,
        bram=bram,
        anna_user=anna_user,
        professional=professional,
    )


def inspecting() -> AbstractContextManager[None]:
    """Let a test look straight into the personal-data tables, as the application cannot."""
    return system_access("a test inspects the database")


INTAKE = Actor.system("test intake")


def log_in(client: Client, user: User) -> Client:
    """Log USER in on CLIENT as a finished log-in: staff with their second factor given."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def login_as(client: Client) -> Callable[[User], Client]:
    return lambda user: log_in(client, user)
