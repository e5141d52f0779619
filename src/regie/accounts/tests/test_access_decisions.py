"""`accounts.access.decide` as a table: who may do what to which object."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from regie.accounts import services
from regie.accounts.access import Action, decide
from regie.accounts.models import Role, User
from regie.conftest import People


class _Verified:
    """Stands in for django-otp's request-bound flag: the second factor was given."""

    def __init__(self, user: User) -> None:
        user.is_verified = lambda: True  # type: ignore[attr-defined]
        self.user = user


@pytest.mark.parametrize(
    ("who", "resident", "allowed"),
    [
        ("consulent", "anna", True),  # in own caseload
        ("consulent", "bram", False),  # in another consulent's caseload
        ("other_consulent", "bram", True),
        ("teamleider", "anna", True),  # caseload of a team member
        ("teamleider", "bram", False),  # another team's caseload
        ("privacy_officer", "anna", False),
        ("ciso", "anna", False),
        ("beheerder", "anna", False),  # administrators see no dossiers
        ("raadslid", "anna", False),
        ("commissielid", "anna", False),
    ],
)
def test_it_decides_dossier_access_by_role_and_caseload(
    people: People, who: str, resident: str, allowed: bool
) -> None:
    user = _Verified(getattr(people, who)).user
    assert decide(user, Action.RESIDENT_VIEW, getattr(people, resident)).allowed is allowed


def test_it_refuses_staff_who_have_not_given_the_second_factor(people: People) -> None:
    people.consulent.is_verified = lambda: False  # type: ignore[attr-defined]
    decision = decide(people.consulent, Action.RESIDENT_VIEW, people.anna)
    assert not decision.allowed
    assert decision.reason == "second factor missing"


def test_it_refuses_a_deactivated_user(people: People) -> None:
    user = _Verified(people.consulent).user
    services.user_deactivate(user=user)
    assert not decide(user, Action.RESIDENT_VIEW, people.anna).allowed


def test_it_refuses_anonymous_visitors(people: People) -> None:
    assert not decide(AnonymousUser(), Action.STAFF_HOME).allowed


def test_it_lets_a_resident_reach_only_their_own_data(people: People) -> None:
    assert decide(people.anna_user, Action.RESIDENT_HOME).allowed
    assert decide(people.anna_user, Action.RESIDENT_HOME, people.anna).allowed
    assert not decide(people.anna_user, Action.RESIDENT_HOME, people.bram).allowed
    assert not decide(people.anna_user, Action.STAFF_HOME).allowed


def test_it_gives_a_professional_no_staff_or_resident_pages(people: People) -> None:
    user = people.professional.user
    assert user is not None
    assert not decide(user, Action.STAFF_HOME).allowed
    assert not decide(user, Action.RESIDENT_HOME).allowed


def test_it_limits_a_team_leader_to_their_own_team(people: People) -> None:
    leader = _Verified(people.teamleider).user
    assert decide(leader, Action.TEAM_VIEW, people.team).allowed
    assert not decide(leader, Action.TEAM_VIEW, people.other_team).allowed


def test_it_keeps_a_role_without_a_grant_out(people: People) -> None:
    user = _Verified(people.consulent).user
    user.role = ""
    assert not decide(user, Action.STAFF_HOME).allowed
    user.role = Role.CONSULENT
    assert not decide(user, Action.USER_MANAGE).allowed


def test_it_decides_tokens_by_scope(people: People) -> None:
    token, _secret = services.api_token_create(
        name="Zaaksysteem", scopes=[Action.API_ME.value], created_by=people.beheerder
    )
    assert decide(token, Action.API_ME).allowed
    assert not decide(token, Action.USER_MANAGE).allowed


def test_it_stops_a_token_once_revoked_or_expired(people: People) -> None:
    token, secret = services.api_token_create(
        name="Zaaksysteem",
        scopes=[Action.API_ME.value],
        created_by=people.beheerder,
        expires_at=timezone.now() + timedelta(days=1),
    )
    assert services.api_token_authenticate(presented=secret) == token
    services.api_token_revoke(token=token)
    assert services.api_token_authenticate(presented=secret) is None
