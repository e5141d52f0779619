import base64
from datetime import datetime, time
from io import BytesIO
from urllib.parse import urlencode
from uuid import UUID

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import selectors, services
from regie.accounts.access import Action, get_for, permits, public
from regie.accounts.forms import ApiTokenForm, CodeForm, LoginForm
from regie.accounts.models import ApiToken, Kind, Role, Team, User


def _safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(fallback)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _lock_message() -> str:
    minutes = max(1, settings.REGIE_LOGIN_LOCK_SECONDS // 60)
    return ngettext(
        "Too many failed attempts. Try again in %(minutes)d minute.",
        "Too many failed attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def _end_locked_login(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.error(request, _lock_message())
    return redirect("accounts:login")


@public
def login_view(request: HttpRequest) -> HttpResponse:
    """Step one of the staff log-in: user name and password. The same message answers a
    wrong password and an unknown user name."""
    next_url = _safe_next(request, "accounts:home")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if services.login_is_locked(username=username):
            form.add_error(None, _lock_message())
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                services.login_failed(username=username)
                form.add_error(None, _("The user name or password is incorrect."))
            else:
                login(request, user)
                return redirect(_with_next("accounts:login-code", next_url))
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def _pending_staff(request: HttpRequest) -> User | None:
    user = request.user
    if isinstance(user, User) and user.is_authenticated and user.kind == Kind.STAFF:
        return user
    return None


@public
def login_code(request: HttpRequest) -> HttpResponse:
    """Step two: the code from the authenticator app."""
    user = _pending_staff(request)
    if user is None:
        return redirect("accounts:login")
    next_url = _safe_next(request, "accounts:home")
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect(_with_next("accounts:totp-setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.login_is_locked(username=user.username):
            return _end_locked_login(request)
        if device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            services.login_succeeded(username=user.username)
            return redirect(next_url)
        services.login_failed(username=user.username)
        if services.login_is_locked(username=user.username):
            return _end_locked_login(request)
        form.add_error("code", _("This code is incorrect or has expired."))
    demo_code = None
    if settings.DEMO and user.is_demo:
        demo_code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        demo_code = f"{demo_code.token():0{device.digits}d}"
    return render(
        request,
        "accounts/login_code.html",
        {"form": form, "next": next_url, "demo_code": demo_code},
    )


def _qr_data_uri(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@public
def totp_setup(request: HttpRequest) -> HttpResponse:
    """First log-in of a staff member: link an authenticator app."""
    user = _pending_staff(request)
    if user is None:
        return redirect("accounts:login")
    next_url = _safe_next(request, "accounts:home")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(_with_next("accounts:login-code", next_url))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = services.totp_device_start(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(device=device, token=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is linked."))
            return redirect(next_url)
        form.add_error("code", _("This code is incorrect or has expired."))
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/totp_setup.html",
        {
            "form": form,
            "next": next_url,
            "secret": secret,
            "qr": _qr_data_uri(device.config_url),
        },
    )


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have been logged out."))
    return redirect("home")


@permits(Action.STAFF_HOME)
def staff_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context = {
        "role": Role(user.role),
        "team": user.team,
        "caseload_size": selectors.caseload_size(user),
        "leads_team": user.role == Role.TEAMLEIDER and user.team is not None,
    }
    return render(request, "accounts/staff_home.html", context)


@permits(Action.TEAM_VIEW)
def team_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    team = get_for(request, Action.TEAM_VIEW, Team, public_id=public_id)
    return render(
        request, "accounts/team.html", {"team": team, "members": selectors.team_members(team)}
    )


@permits(Action.USER_MANAGE)
def user_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/users.html", {"users": selectors.staff_list()})


@permits(Action.USER_MANAGE)
def user_deactivate(request: HttpRequest, public_id: UUID) -> HttpResponse:
    target = get_for(request, Action.USER_MANAGE, User, public_id=public_id, kind=Kind.STAFF)
    if target == request.user:
        messages.error(request, _("You cannot deactivate your own account."))
        return redirect("accounts:users")
    if request.method == "POST":
        ended = services.user_deactivate(user=target)
        messages.success(
            request,
            _("%(name)s is deactivated; %(count)d session(s) ended.")
            % {"name": target.username, "count": ended},
        )
        return redirect("accounts:users")
    return render(request, "accounts/user_deactivate.html", {"target": target})


_NEW_TOKEN_KEY = "regie_new_api_token"  # noqa: S105 - a session key name


@permits(Action.APITOKEN_MANAGE)
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        expires = form.cleaned_data["expires_at"]
        _token, secret = services.api_token_create(
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            created_by=request.user,  # type: ignore[arg-type]
            expires_at=timezone.make_aware(datetime.combine(expires, time.max))
            if expires
            else None,
        )
        # Shown once, on the page the redirect leads to; reloading that page makes no
        # second token and no longer shows the secret.
        request.session[_NEW_TOKEN_KEY] = secret
        return redirect("accounts:tokens")
    created_secret = request.session.pop(_NEW_TOKEN_KEY, None)
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": selectors.api_tokens(), "created_secret": created_secret},
    )


@permits(Action.APITOKEN_MANAGE)
def token_revoke(request: HttpRequest, public_id: UUID) -> HttpResponse:
    token = get_for(request, Action.APITOKEN_MANAGE, ApiToken, public_id=public_id)
    if request.method == "POST":
        services.api_token_revoke(token=token)
        messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
        return redirect("accounts:tokens")
    return render(request, "accounts/token_revoke.html", {"token": token})


@public
def digid_start(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/digid_start.html", {"digid": settings.REGIE_DIGID})


@public
def digid_cancelled(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/digid_cancelled.html")


@permits(Action.RESIDENT_HOME)
def resident_home(request: HttpRequest) -> HttpResponse:
    """Where DigiD returns a resident to: the portal (the "Inwonercloud") is their home. The
    address stays, as the DigiD return address and for bookmarks."""
    return redirect("portal:home")
