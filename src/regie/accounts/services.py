"""Every write of the accounts app. Keyword-only arguments, one transaction each."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.access import API_SCOPES
from regie.accounts.models import (
    ApiToken,
    CaseloadEntry,
    Kind,
    LoginThrottle,
    Professional,
    Resident,
    Role,
    Team,
    User,
    UserSession,
)
from regie.accounts.selectors import bsn_index, subject_pseudonym
from regie.core.bsn import is_valid_bsn, normalise_bsn
from regie.core.crypto import seal
from regie.processing_log.gate import Actor, processing
from regie.register import builtin

TOKEN_PREFIX = "regie_"  # noqa: S105 - a marker, not a secret


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@transaction.atomic
def staff_create(
    *,
    username: str,
    role: Role,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    team: Team | None = None,
    is_demo: bool = False,
) -> User:
    user = User(
        username=username,
        kind=Kind.STAFF,
        role=role,
        email=email,
        first_name=first_name,
        last_name=last_name,
        team=team,
        is_demo=is_demo,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def resident_register(
    *, bsn: str, name: str, actor: "User | Actor", is_demo: bool = False
) -> Resident:
    """Register a resident by BSN; raises ValidationError naming the field on a bad BSN or
    when the resident is already known. Logged as processing of the new resident's data."""
    bsn = normalise_bsn(bsn)
    if not is_valid_bsn(bsn):
        raise ValidationError({"bsn": _("This is not a valid BSN (it fails the 11-check).")})
    with processing(
        activity=builtin.REGISTER_RESIDENT,
        actor=actor,
        name="resident.register",
        subjects_follow=True,
    ) as current:
        index = bsn_index(bsn)
        if Resident.objects.filter(bsn_index=index).exists():
            raise ValidationError({"bsn": _("A resident with this BSN is already registered.")})
        resident = Resident.objects.create(
            bsn_sealed=seal(bsn, context="resident.bsn"),
            bsn_index=index,
            subject_pseudonym=subject_pseudonym(bsn),
            name_sealed=seal(name, context="resident.name"),
            is_demo=is_demo,
        )
        current.add_subject(resident)
    return resident


@transaction.atomic
def resident_user_for_bsn(*, bsn: str) -> User:
    """The log-in account of the resident with this BSN, made on first DigiD log-in. DigiD
    only tells us the BSN, so a resident Regie did not know yet starts without a name."""
    login = Actor.system("digid")
    with processing(
        activity=builtin.IDENTIFY_RESIDENT, actor=login, name="resident.login", subjects_follow=True
    ) as current:
        resident = Resident.objects.select_for_update().filter(bsn_index=bsn_index(bsn)).first()
        if resident is None:
            resident = resident_register(bsn=bsn, name="", actor=login)
        current.add_subject(resident)
        return resident_user_ensure(resident=resident)


@transaction.atomic
def resident_user_ensure(*, resident: Resident) -> User:
    """RESIDENT's log-in account, made if they have none yet: the account a first DigiD log-in
    makes, so that someone recorded before they ever logged in (a legal representative) finds
    it waiting. No password: residents log in with DigiD only. Runs inside the caller's
    processing of RESIDENT."""
    if resident.user is None:
        user = User(username=f"inwoner-{resident.public_id}", kind=Kind.RESIDENT)
        user.set_unusable_password()
        user.save()
        resident.user = user
        resident.save(update_fields=["user"])
    return resident.user


@transaction.atomic
def professional_create(
    *, name: str, organisation: str, email: str, is_demo: bool = False
) -> Professional:
    professional = Professional(name=name, organisation=organisation, email=email, is_demo=is_demo)
    professional.full_clean()
    user = User(username=f"professional-{professional.public_id}", kind=Kind.PROFESSIONAL)
    user.set_unusable_password()
    user.save()
    professional.user = user
    professional.save()
    return professional


@transaction.atomic
def caseload_assign(*, consulent: User, resident: Resident, assigned_by: "User | Actor") -> None:
    if consulent.role != Role.CONSULENT or not consulent.is_active:
        raise ValidationError({"consulent": _("Only an active case worker can hold a caseload.")})
    with processing(
        activity=builtin.ASSIGN_CASELOAD,
        actor=assigned_by,
        name="caseload.assign",
        subjects=[resident],
    ):
        CaseloadEntry.objects.get_or_create(
            consulent=consulent,
            resident=resident,
            defaults={"assigned_by": assigned_by if isinstance(assigned_by, User) else None},
        )


@transaction.atomic
def session_started(*, user: User, session_key: str) -> None:
    UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


@transaction.atomic
def session_ended(*, session_key: str) -> None:
    UserSession.objects.filter(session_key=session_key).delete()


@transaction.atomic
def user_deactivate(*, user: User) -> int:
    """Deactivate USER and end every session they hold; returns the number ended."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    keys = list(user.sessions.values_list("session_key", flat=True))
    sessions = Session.objects.filter(session_key__in=keys)
    ended = sessions.filter(expire_date__gt=timezone.now()).count()
    sessions.delete()
    user.sessions.all().delete()
    return ended


def _throttle_key(username: str) -> str:
    return _digest(username.strip().lower())


def login_is_locked(*, username: str, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    throttle = LoginThrottle.objects.filter(name_digest=_throttle_key(username)).first()
    return bool(throttle and throttle.locked_until and throttle.locked_until > now)


@transaction.atomic
def login_failed(*, username: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    window = timedelta(seconds=settings.REGIE_LOGIN_LOCK_SECONDS)
    throttle, _created = LoginThrottle.objects.select_for_update().get_or_create(
        name_digest=_throttle_key(username), defaults={"first_failure_at": now}
    )
    if now - throttle.first_failure_at > window:
        throttle.failures = 0
        throttle.first_failure_at = now
        throttle.locked_until = None
    throttle.failures += 1
    if throttle.failures >= settings.REGIE_LOGIN_MAX_FAILURES:
        throttle.locked_until = now + window
    throttle.save()


@transaction.atomic
def login_succeeded(*, username: str) -> None:
    LoginThrottle.objects.filter(name_digest=_throttle_key(username)).delete()


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for USER; replaces an earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return True


@transaction.atomic
def api_token_create(
    *,
    name: str,
    scopes: list[str],
    created_by: User | None,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token; the secret is returned once and only its digest is stored."""
    unknown = sorted(set(scopes) - {action.value for action in API_SCOPES})
    if unknown:
        raise ValidationError({"scopes": _("Unknown scope: %(scope)s") % {"scope": unknown[0]}})
    if not scopes:
        raise ValidationError({"scopes": _("Choose at least one thing the token may do.")})
    if not name.strip():
        raise ValidationError({"name": _("Give the token a name.")})
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    plaintext = f"{TOKEN_PREFIX}{prefix}_{secret}"
    token = ApiToken.objects.create(
        name=name.strip(),
        prefix=prefix,
        digest=_digest(plaintext),
        scopes=sorted(set(scopes)),
        created_by=created_by,
        expires_at=expires_at,
    )
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_authenticate(*, presented: str) -> ApiToken | None:
    """The live token matching PRESENTED, or None. Compares digests in constant time."""
    if not presented.startswith(TOKEN_PREFIX):
        return None
    prefix = presented[len(TOKEN_PREFIX) :].split("_", 1)[0]
    token = ApiToken.objects.filter(prefix=prefix).first()
    if token is None or not secrets.compare_digest(token.digest, _digest(presented)):
        return None
    now = timezone.now()
    if token.revoked_at is not None or (token.expires_at and token.expires_at <= now):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
