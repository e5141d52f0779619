"""Reads of the accounts app. Reads of a resident's personal data will pass the processing-log
gate once it exists (issue: processing log); for now only identifiers leave this module
except through `resident_name`, which callers use for the resident's own eyes or a caseload."""

from django.db.models import Count, QuerySet

from regie.accounts.models import ApiToken, Resident, Role, Team, User
from regie.core.crypto import blind_index, unseal


def bsn_index(bsn: str) -> str:
    return blind_index(bsn, purpose="resident.bsn")


def resident_by_bsn(bsn: str) -> Resident | None:
    return Resident.objects.filter(bsn_index=bsn_index(bsn)).first()


def resident_name(resident: Resident) -> str:
    return unseal(bytes(resident.name_sealed), context="resident.name")


def staff_list() -> QuerySet[User]:
    return User.objects.filter(kind="staff").select_related("team").order_by("username")


def team_members(team: Team) -> QuerySet[User]:
    return (
        team.members.filter(is_active=True)
        .annotate(caseload_size=Count("caseload"))
        .order_by("username")
    )


def caseload_size(user: User) -> int:
    if user.role != Role.CONSULENT:
        return 0
    return user.caseload.count()


def api_tokens() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("created_by")
