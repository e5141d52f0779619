"""The one access decision: may this person do this to this object?

Every view and API endpoint asks `decide` (through `permits`, `get_for` or the API
permission class); nothing else in Regie compares roles. A refusal of an object the person
may not see looks exactly like an object that does not exist (404).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import ApiToken, Kind, Resident, Role, Team, User
from regie.core import gate


class Action(StrEnum):
    STAFF_HOME = "staff.home"
    RESIDENT_HOME = "resident.home"
    RESIDENT_VIEW = "resident.view"
    TEAM_VIEW = "team.view"
    USER_MANAGE = "user.manage"
    APITOKEN_MANAGE = "apitoken.manage"
    API_ME = "api.me"
    PROCESSING_LOG_READ = "processing_log.read"
    PROCESSING_LOG_WRITE = "processing_log.write"
    PROCESSING_LOG_OWN = "processing_log.own"
    LAWFULNESS_ASSESS = "lawfulness.assess"
    ISMS_VIEW = "isms.view"
    ISMS_MANAGE = "isms.manage"
    REGISTER_READ = "register.read"
    REGISTER_MANAGE = "register.manage"
    CASE_VIEW = "case.view"
    CASE_WORK = "case.work"
    CASE_ADDRESS_APPROVE = "case.address.approve"
    CASE_ADDRESS_ALERTS = "case.address.alerts"
    CONSULTATION_VIEW = "consultation.view"
    CASE_COUNTERSIGN = "case.countersign"
    REPRESENTATION_MANAGE = "representation.manage"
    BREACH_READ = "breach.read"
    BREACH_MANAGE = "breach.manage"
    BREACH_ASSESS = "breach.assess"
    REQUEST_MANAGE = "request.manage"
    REPORTS_PUBLIC = "reports.public"
    REPORTS_READ = "reports.read"
    REPORTS_MANAGE = "reports.manage"
    SIGNALS_TRIAGE = "signals.triage"
    INSIDER_ALERTS = "insider.alerts"
    PORTAL_USE = "portal.use"
    POST_INTAKE = "post.intake"
    POST_QUEUE = "post.queue"
    POST_OPENINGS = "post.openings"
    POST_BATCH = "post.batch"


ALL_STAFF = frozenset(Role)

# Which staff roles may perform an action at all; object rules below narrow it further.
ROLE_GRANTS: dict[Action, frozenset[Role]] = {
    Action.STAFF_HOME: ALL_STAFF,
    Action.RESIDENT_VIEW: frozenset({Role.CONSULENT, Role.TEAMLEIDER}),
    Action.TEAM_VIEW: frozenset({Role.TEAMLEIDER}),
    Action.USER_MANAGE: frozenset({Role.BEHEERDER}),
    Action.APITOKEN_MANAGE: frozenset({Role.BEHEERDER}),
    Action.API_ME: ALL_STAFF,
    Action.PROCESSING_LOG_READ: frozenset({Role.PRIVACY_OFFICER}),
    Action.LAWFULNESS_ASSESS: frozenset({Role.CONSULENT, Role.TEAMLEIDER, Role.PRIVACY_OFFICER}),
    # The ISMS holds no resident data: the CISO keeps it, the privacy officer reads along.
    Action.ISMS_VIEW: frozenset({Role.CISO, Role.PRIVACY_OFFICER}),
    Action.ISMS_MANAGE: frozenset({Role.CISO}),
    Action.REGISTER_READ: ALL_STAFF,
    Action.REGISTER_MANAGE: frozenset({Role.PRIVACY_OFFICER}),
    Action.CASE_VIEW: frozenset({Role.CONSULENT, Role.TEAMLEIDER}),
    Action.CASE_WORK: frozenset({Role.CONSULENT}),
    Action.CASE_ADDRESS_APPROVE: frozenset({Role.TEAMLEIDER}),
    Action.CASE_ADDRESS_ALERTS: frozenset({Role.PRIVACY_OFFICER}),
    Action.CONSULTATION_VIEW: frozenset({Role.CONSULENT, Role.TEAMLEIDER}),
    Action.CASE_COUNTERSIGN: frozenset({Role.TEAMLEIDER}),
    # Recording and ending who legally represents a resident of their caseload (a team
    # leader: of the team's caseloads), with the evidence seen.
    Action.REPRESENTATION_MANAGE: frozenset({Role.CONSULENT, Role.TEAMLEIDER}),
    Action.BREACH_READ: frozenset({Role.PRIVACY_OFFICER, Role.CISO}),
    Action.BREACH_MANAGE: frozenset({Role.PRIVACY_OFFICER}),
    Action.BREACH_ASSESS: frozenset({Role.PRIVACY_OFFICER, Role.CISO}),
    Action.REQUEST_MANAGE: frozenset({Role.PRIVACY_OFFICER}),
    # The council reports: the published ones are for everyone; in Regie the closed
    # committee reads the frozen confidential reports, which the CISO and the privacy
    # officer draft, review and freeze.
    Action.REPORTS_PUBLIC: ALL_STAFF,
    Action.REPORTS_READ: frozenset({Role.COMMISSIELID, Role.CISO, Role.PRIVACY_OFFICER}),
    Action.REPORTS_MANAGE: frozenset({Role.CISO, Role.PRIVACY_OFFICER}),
    Action.SIGNALS_TRIAGE: frozenset({Role.CISO}),
    Action.INSIDER_ALERTS: frozenset({Role.PRIVACY_OFFICER}),
    # Scanning post into cases of their own caseload (a team leader: their team's); the
    # post nobody could match waits for a team leader, who knows the team's cases.
    Action.POST_INTAKE: frozenset({Role.CONSULENT, Role.TEAMLEIDER}),
    Action.POST_QUEUE: frozenset({Role.TEAMLEIDER}),
    # The progress and outcome of one's own upload of post (the object rule: only one's own).
    Action.POST_BATCH: frozenset({Role.CONSULENT, Role.TEAMLEIDER}),
    # Who opened a waiting scan before anyone knew whose it was; names no resident.
    Action.POST_OPENINGS: frozenset({Role.PRIVACY_OFFICER}),
}

# Actions on objects that hold no one's personal data (the register's activities, work
# processes, processors and agreements; the breach register, which counts people and names
# none; alert groups and insider alerts): the role grant decides alone.
_ROLE_ONLY = frozenset(
    {
        Action.REGISTER_READ,
        Action.REGISTER_MANAGE,
        Action.BREACH_READ,
        Action.BREACH_MANAGE,
        Action.SIGNALS_TRIAGE,
        Action.INSIDER_ALERTS,
    }
)

# Rights requests are residents' data, but not per caseload: the privacy officer handles
# every one of them.
_ALL_REQUESTS = frozenset({Action.REQUEST_MANAGE})

# What another municipal system may be given through an API token; pages are for people.
# PROCESSING_LOG_WRITE is for systems only: they report the processings they did themselves.
API_SCOPES = frozenset(
    {
        Action.API_ME,
        Action.PROCESSING_LOG_READ,
        Action.PROCESSING_LOG_WRITE,
        Action.LAWFULNESS_ASSESS,
    }
)

# What each scope lets a system do, in words for the beheerder who hands out the token.
SCOPE_DESCRIPTIONS = {
    Action.API_ME: _("See which token it uses"),
    Action.PROCESSING_LOG_READ: _("Search the processing log and export it"),
    Action.PROCESSING_LOG_WRITE: _("Report its own processing of residents' data to the log"),
    Action.LAWFULNESS_ASSESS: _("Ask whether a proposed exchange of residents' data is lawful"),
}

# Actions a resident may take (on their own data only).
RESIDENT_GRANTS = frozenset(
    {Action.RESIDENT_HOME, Action.API_ME, Action.PROCESSING_LOG_OWN, Action.PORTAL_USE}
)

# Actions an external professional may take.
PROFESSIONAL_GRANTS = frozenset({Action.API_ME})


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


Actor = User | AnonymousUser | ApiToken


def _needs_second_factor(user: User) -> bool:
    return user.kind == Kind.STAFF and not getattr(user, "is_verified", lambda: False)()


def decide(
    actor: Actor, action: Action, obj: Model | None = None, *, in_service: bool = False
) -> Decision:
    """May ACTOR do ACTION (to OBJ)? `in_service=True` is for a service or selector acting
    for a user outside a request (the view that called it has checked the second factor
    already; the demo loader has none): the role and object rules still apply."""
    if isinstance(actor, ApiToken):
        if action.value in actor.scopes:
            return Decision(True, "token scope")
        return Decision(False, "token lacks scope")
    if not actor.is_authenticated or not actor.is_active:
        return Decision(False, "not logged in")
    assert isinstance(actor, User)
    if actor.kind == Kind.RESIDENT:
        if action not in RESIDENT_GRANTS:
            return Decision(False, "not for residents")
        if obj is not None and not _owns(actor, obj):
            return Decision(False, "not the resident's own data")
        return Decision(True, "own data")
    if actor.kind == Kind.PROFESSIONAL:
        return Decision(action in PROFESSIONAL_GRANTS, "professional grants")
    if not in_service and _needs_second_factor(actor):
        return Decision(False, "second factor missing")
    try:
        role = Role(actor.role)
    except ValueError:
        return Decision(False, "no role")
    if role not in ROLE_GRANTS.get(action, frozenset()):
        return Decision(False, f"role {role} lacks {action}")
    if obj is None:
        return Decision(True, "role grant")
    return _object_rule(actor, role, action, obj)


def _owns(user: User, obj: Model) -> bool:
    """The resident's own data, or (for the portal) that of a minor or ward USER represents
    as legal representative: `portal.Representation`, read through its reverse accessor so
    that this module imports nothing from above. The caller has the gate open for an object
    other than the resident itself."""
    resident = _about_resident(obj)
    if resident is None:
        return False
    if resident.user_id == user.pk:
        return True
    links = getattr(resident, "representations", None)
    if links is None or gate.current() is None:
        # Representation is checked only inside a processing (the portal's selectors and
        # services), where reading it is logged too.
        return False
    return bool(links.filter(representative=user, ended_at=None).exists())


def _about_resident(obj: Model) -> Resident | None:
    """The resident OBJ is about: the resident itself, or what a model of an app higher up (a
    case, a note in it) names as `about_resident`, so that the caseload rules cover it too."""
    if isinstance(obj, Resident):
        return obj
    about = getattr(obj, "about_resident", None)
    return about if isinstance(about, Resident) else None


def _object_rule(user: User, role: Role, action: Action, obj: Model) -> Decision:
    if action == Action.CONSULTATION_VIEW:
        # An anonymised consultation is for the colleague asked, and whoever asked.
        mine = user.pk in {getattr(obj, "colleague_id", None), getattr(obj, "author_id", None)}
        return Decision(mine, "consulted" if mine else "not consulted")
    if action == Action.CASE_ADDRESS_ALERTS:
        return Decision(True, "supervision by the privacy officer")
    if action == Action.POST_BATCH:
        # An upload batch shows the names the files were uploaded under, which can name
        # someone: for the uploader alone (what was queued reaches the team leader through
        # the queue).
        own = getattr(obj, "uploaded_by_id", None) == user.pk
        return Decision(own, "own upload" if own else "another's upload")
    if (resident := _about_resident(obj)) is not None:
        obj = resident
    if isinstance(obj, Resident):
        if role == Role.CONSULENT:
            in_caseload = obj.caseload.filter(consulent=user).exists()
            return Decision(in_caseload, "own caseload" if in_caseload else "not in caseload")
        if role == Role.TEAMLEIDER:
            in_team = (
                user.team_id is not None
                and obj.caseload.filter(consulent__team_id=user.team_id).exists()
            )
            return Decision(in_team, "team caseload" if in_team else "not in team caseload")
    if isinstance(obj, Team) and role == Role.TEAMLEIDER:
        own = obj.pk == user.team_id
        return Decision(own, "own team" if own else "another team")
    if isinstance(obj, User | ApiToken) and action in {Action.USER_MANAGE, Action.APITOKEN_MANAGE}:
        return Decision(True, "role grant")
    if action in {Action.ISMS_VIEW, Action.ISMS_MANAGE} and obj._meta.app_label == "isms":
        # Frameworks, assessments, measures, risks: organisation-wide, no narrower rule.
        return Decision(True, "role grant")
    if action in _ROLE_ONLY:
        return Decision(True, "role grant")
    if action in _ALL_REQUESTS:
        return Decision(True, "the privacy officer handles every request")
    if action in {Action.REPORTS_READ, Action.REPORTS_MANAGE} and obj._meta.app_label == "reports":
        # The committee reads a report once it is frozen; drafts stay with their authors.
        if role == Role.COMMISSIELID and getattr(obj, "status", "") != "frozen":
            return Decision(False, "report not frozen yet")
        return Decision(True, "role grant")
    return Decision(False, "no rule for this object")


def may(
    actor: Actor, action: Action, obj: Model | None = None, *, in_service: bool = False
) -> bool:
    return decide(actor, action, obj, in_service=in_service).allowed


def get_for[M: Model](request: HttpRequest, action: Action, model: type[M], **lookup: Any) -> M:
    """The object, if this request's user may do ACTION to it; otherwise 404, whether the
    object exists or not."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None or not may(request.user, action, obj):
        raise Http404
    return obj


def _login_redirect(request: HttpRequest, action: Action) -> HttpResponse:
    user = request.user
    if isinstance(user, User) and user.is_authenticated and _needs_second_factor(user):
        return redirect(reverse("accounts:login-code") + "?" + _next_query(request))
    login_url = (
        reverse("accounts:digid-start")
        if action in RESIDENT_GRANTS - {Action.API_ME}
        else settings.LOGIN_URL
    )
    return redirect_to_login(request.get_full_path(), login_url)


def _next_query(request: HttpRequest) -> str:
    return urlencode({"next": request.get_full_path()})


V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def permits(action: Action) -> Callable[[V], V]:
    """Decorate a view: anonymous people are sent to log in, everyone else who may not do
    ACTION gets 404. Object checks happen in the view through `get_for`."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated or (isinstance(user, User) and _needs_second_factor(user)):
                return _login_redirect(request, action)
            if not may(user, action):
                raise Http404
            return view(request, *args, **kwargs)

        wrapped.regie_action = action  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def public[F: Callable[..., HttpResponse]](view: F) -> F:
    """Mark a view as deliberately open to everyone (log-in pages, the landing page)."""
    view.regie_action = None  # type: ignore[attr-defined]
    return view
