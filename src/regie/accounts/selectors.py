"""Reads of the accounts app. A resident's own data (the Resident model) is gated: read it
inside `processing_log.processing()`, which the services do."""

from django.db.models import Count, QuerySet

from regie.accounts.models import ApiToken, Role, Team, User
from regie.core.crypto import blind_index


def bsn_index(bsn: str) -> str:
    return blind_index(bsn, purpose="resident.bsn")


def subject_pseudonym(bsn: str) -> str:
    """The LDV data subject id: never the BSN itself."""
    return blind_index(bsn, purpose="ldv.data-subject")


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
