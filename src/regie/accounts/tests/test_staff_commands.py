"""The operator's commands: create a staff account, reset a lost authenticator."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import Kind, Role, User
from regie.conftest import People


def test_it_creates_a_staff_account_with_a_one_time_password(db: None) -> None:
    out = StringIO()
    call_command("staff_create", "jdevries", role="privacy_officer", team="Privacy", stdout=out)
    user = User.objects.get(username="jdevries")
    assert user.kind == Kind.STAFF
    assert user.role == Role.PRIVACY_OFFICER
    assert user.team is not None and user.team.name == "Privacy"
    password = out.getvalue().rsplit(": ", 1)[1].strip()
    assert authenticate(username="jdevries", password=password) == user
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_it_names_the_field_when_the_account_exists(people: People) -> None:
    with pytest.raises(CommandError, match="username"):
        call_command("staff_create", "consulent", role="ciso", stdout=StringIO())
    assert User.objects.filter(username="consulent").count() == 1


def test_it_refuses_an_unknown_role(db: None) -> None:
    with pytest.raises(CommandError, match="role"):
        call_command("staff_create", "x", role="koning", stdout=StringIO())
    assert not User.objects.filter(username="x").exists()


def test_it_forgets_a_lost_authenticator(people: People) -> None:
    call_command("totp_reset", "consulent", stdout=StringIO())
    assert not TOTPDevice.objects.filter(user=people.consulent).exists()
    assert TOTPDevice.objects.filter(user=people.ciso).exists()


def test_it_resets_only_staff_accounts(people: People) -> None:
    with pytest.raises(CommandError, match="username"):
        call_command("totp_reset", people.anna_user.username, stdout=StringIO())
