"""Regie's one settings module. Every knob is an environment variable; see docs/operations.md.

REGIE_ENV selects the mode: "production" (the default, so a forgotten variable fails closed),
"demo" (embedded defaults and demo log-ins) or "test".
"""

import base64
import hashlib
import os
import shutil
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from regie.core.env import ConfigurationError, envbool, envint, envlist, envsecret
from regie.processing_log import signed_note

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parents[1]

REGIE_ENV = os.environ.get("REGIE_ENV", "production")
if REGIE_ENV not in {"production", "demo", "test"}:
    raise ConfigurationError(f"REGIE_ENV must be production, demo or test, not {REGIE_ENV!r}")
PRODUCTION = REGIE_ENV == "production"
DEMO = REGIE_ENV == "demo"

DEBUG = envbool("REGIE_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ConfigurationError("REGIE_DEBUG must be off in production (REGIE_ENV=production)")

_DEMO_SECRET = "regie-demo-only-secret-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = envsecret("REGIE_SECRET_KEY") or ""
if not SECRET_KEY:
    if PRODUCTION:
        raise ConfigurationError(
            "REGIE_SECRET_KEY (or REGIE_SECRET_KEY_FILE) is not set; production needs one"
        )
    SECRET_KEY = _DEMO_SECRET
if PRODUCTION and (SECRET_KEY == _DEMO_SECRET or len(SECRET_KEY) < 50):
    raise ConfigurationError("REGIE_SECRET_KEY must be a random value of at least 50 characters")


def _key(name: str, purpose: str) -> bytes:
    """A 32-byte key from NAME (base64) or NAME_FILE; derived from the demo secret outside
    production so that the demo runs with nothing configured."""
    raw = envsecret(name)
    if raw:
        try:
            key = base64.b64decode(raw, validate=True)
        except ValueError:
            raise ConfigurationError(f"{name} must be base64") from None
        if len(key) != 32:
            raise ConfigurationError(f"{name} must decode to exactly 32 bytes")
        return key
    if PRODUCTION:
        raise ConfigurationError(f"{name} (or {name}_FILE) is not set; production needs one")
    return hashlib.sha256(f"{_DEMO_SECRET}:{purpose}".encode()).digest()


# Key-encryption key for personal fields, and the key of the BSN blind index.
REGIE_KEK = _key("REGIE_KEK", "kek")
REGIE_KEK_ID = os.environ.get("REGIE_KEK_ID", "k1")


def _previous_keys(value: str | None) -> dict[str, bytes]:
    """REGIE_KEK_PREVIOUS: "id:base64,id:base64", the retired keys that still open old data."""
    keys: dict[str, bytes] = {}
    for item in (value or "").split(","):
        if not item.strip():
            continue
        key_id, sep, encoded = item.strip().partition(":")
        try:
            key = base64.b64decode(encoded, validate=True) if sep else b""
        except ValueError:
            key = b""
        if not key_id or len(key) != 32:
            raise ConfigurationError("REGIE_KEK_PREVIOUS must read id:base64-of-32-bytes,…")
        keys[key_id] = key
    if REGIE_KEK_ID in keys:
        raise ConfigurationError("REGIE_KEK_PREVIOUS must not repeat the current REGIE_KEK_ID")
    return keys


REGIE_KEK_PREVIOUS = _previous_keys(envsecret("REGIE_KEK_PREVIOUS"))
REGIE_BLIND_INDEX_KEY = _key("REGIE_BLIND_INDEX_KEY", "blind-index")

ALLOWED_HOSTS = envlist(
    "REGIE_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigurationError("REGIE_ALLOWED_HOSTS is not set; name the host names Regie serves")

REGIE_MUNICIPALITY = os.environ.get("REGIE_MUNICIPALITY", "Gemeente Lindendal")
# Where people reach Regie; the links in notification e-mails start with it.
REGIE_BASE_URL = os.environ.get("REGIE_BASE_URL", "http://127.0.0.1:8000")

# The processing log: the LDV resource name, the checkpoint origin, and the Ed25519 key that
# signs checkpoints (a signed-note signer key, see `regie log_signing_key`).
REGIE_LOG_RESOURCE = os.environ.get("REGIE_LOG_RESOURCE", "regie")
REGIE_LOG_ORIGIN = os.environ.get(
    "REGIE_LOG_ORIGIN", f"{ALLOWED_HOSTS[0] if ALLOWED_HOSTS else 'regie.localhost'}/verwerkingen"
)
REGIE_LOG_SIGNING_KEY = envsecret("REGIE_LOG_SIGNING_KEY") or ""
if not REGIE_LOG_SIGNING_KEY:
    if PRODUCTION:
        raise ConfigurationError(
            "REGIE_LOG_SIGNING_KEY (or REGIE_LOG_SIGNING_KEY_FILE) is not set; make one with "
            "`regie log_signing_key NAME`"
        )
    REGIE_LOG_SIGNING_KEY = signed_note.signer_from_seed(
        "regie.demo", hashlib.sha256(f"{_DEMO_SECRET}:log-signing".encode()).digest()
    )
try:
    REGIE_LOG_VERIFIER_KEY = signed_note.verifier_for(REGIE_LOG_SIGNING_KEY)
except signed_note.NoteError:
    raise ConfigurationError(
        "REGIE_LOG_SIGNING_KEY is not a signer key (PRIVATE+KEY+name+hash+key)"
    ) from None
REGIE_LOG_SEAL_SECONDS = envint("REGIE_LOG_SEAL_SECONDS", 5)


def _retired_verifiers(value: list[str]) -> list[tuple[str, int]]:
    """REGIE_LOG_RETIRED_VERIFIERS: "verifier-key@size,…", each a signing key taken out of use
    whose signatures count only on checkpoints up to that tree size."""
    retired = []
    for item in value:
        key, sep, size = item.rpartition("@")
        try:
            signed_note.check_verifier(key)
            if not sep or not size.isdigit():
                raise signed_note.NoteError("missing @size")
        except signed_note.NoteError as exc:
            raise ConfigurationError(
                f"REGIE_LOG_RETIRED_VERIFIERS must read verifier-key@size,…: {exc}"
            ) from None
        retired.append((key, int(size)))
    return retired


REGIE_LOG_RETIRED_VERIFIERS = _retired_verifiers(envlist("REGIE_LOG_RETIRED_VERIFIERS", []))
REGIE_DATA_DIR = Path(os.environ.get("REGIE_DATA_DIR", PROJECT_DIR / "var"))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "solo",
    "privates",
    "simple_certmanager",
    "digid_eherkenning",
    "django_tasks_db",
    "regie.core",
    "regie.accounts",
    "regie.register",
    "regie.processing_log",
    "regie.lawfulness",
    "regie.vault",
    "regie.isms",
    "regie.cases",
    "regie.breaches",
    "regie.requests",
    "regie.reports",
    "regie.exchange",
    "regie.monitoring",
    "regie.portal",
    "regie.web",
    "regie.api",
    "regie.demo",
]

# The header middleware sits outside the rest, so that a response another middleware answers
# early (a 400 for an unknown host, say) is protected too; WhiteNoise answers /static/ first.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "regie.core.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "regie.processing_log.middleware.TraceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "regie.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "regie.web.context_processors.regie",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    # The embedded default: a SQLite file that needs its folder.
    REGIE_DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{REGIE_DATA_DIR / 'regie.sqlite3'}",
        conn_max_age=envint("REGIE_DB_CONN_MAX_AGE", 0),
    )
}
if REGIE_ENV == "test" and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file rather than memory, so that a real task worker in another process can share it.
    DATABASES["default"]["TEST"] = {"NAME": str(REGIE_DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker process: the DigiD SAML flow keeps its pending requests
# there. A folder on this host by default; Redis when REGIE_REDIS_URL is set.
if REGIE_ENV == "test":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif os.environ.get("REGIE_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REGIE_REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(REGIE_DATA_DIR / "cache"),
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["regie.accounts.backends.StaffPasswordBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
if REGIE_ENV == "test":
    # A deliberately fast hasher: the suite hashes hundreds of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Log-in throttling: after this many failures for one user name within the window, that
# name is locked for the window, whether or not the account exists.
REGIE_LOGIN_MAX_FAILURES = envint("REGIE_LOGIN_MAX_FAILURES", 5)
REGIE_LOGIN_LOCK_SECONDS = envint("REGIE_LOGIN_LOCK_SECONDS", 15 * 60)

# Sessions: idle time-out and absolute lifetime ("clean screen").
REGIE_HTTPS = envbool("REGIE_HTTPS", PRODUCTION)
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = envint("REGIE_SESSION_IDLE_SECONDS", 15 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
REGIE_SESSION_ABSOLUTE_SECONDS = envint("REGIE_SESSION_ABSOLUTE_SECONDS", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = REGIE_HTTPS
CSRF_COOKIE_SECURE = REGIE_HTTPS
CSRF_COOKIE_HTTPONLY = True
# The __Host- prefix pins a cookie to this exact host over HTTPS; browsers reject it on plain
# HTTP, so the demo on http://127.0.0.1 uses unprefixed names.
SESSION_COOKIE_NAME = "__Host-regie_session" if REGIE_HTTPS else "regie_session"
CSRF_COOKIE_NAME = "__Host-regie_csrf" if REGIE_HTTPS else "regie_csrf"
LANGUAGE_COOKIE_NAME = "__Host-regie_language" if REGIE_HTTPS else "regie_language"
LANGUAGE_COOKIE_SECURE = REGIE_HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = envlist("REGIE_CSRF_TRUSTED_ORIGINS", [])

# Security headers.
SECURE_SSL_REDIRECT = REGIE_HTTPS and envbool("REGIE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("REGIE_BEHIND_PROXY", False) else None
)
SECURE_HSTS_SECONDS = envint("REGIE_HSTS_SECONDS", 63072000 if REGIE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("REGIE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = REGIE_DATA_DIR / "static"
MEDIA_ROOT = REGIE_DATA_DIR / "media"
PRIVATE_MEDIA_ROOT = REGIE_DATA_DIR / "private"
PRIVATE_MEDIA_URL = "/private-media/"
SENDFILE_BACKEND = "django_sendfile.backends.simple"
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT
SENDFILE_URL = PRIVATE_MEDIA_URL
WHITENOISE_USE_FINDERS = not PRODUCTION

_S3_BUCKET = os.environ.get("REGIE_S3_BUCKET")
if _S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _S3_BUCKET,
            "endpoint_url": os.environ.get("REGIE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("REGIE_S3_REGION") or None,
            "access_key": os.environ.get("REGIE_S3_ACCESS_KEY_ID") or None,
            "secret_key": envsecret("REGIE_S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    }
STORAGES = {
    "default": _default_storage,
    # Required by django-simple-certmanager (DigiD SAML certificates); never served publicly.
    "privates": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": PRIVATE_MEDIA_URL},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Mail: a file per message in the demo; SMTP when REGIE_EMAIL_HOST is set.
if os.environ.get("REGIE_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["REGIE_EMAIL_HOST"],
                "port": envint("REGIE_EMAIL_PORT", 587),
                "username": os.environ.get("REGIE_EMAIL_USER", ""),
                "password": envsecret("REGIE_EMAIL_PASSWORD") or "",
                "use_tls": envbool("REGIE_EMAIL_USE_TLS", True),
            },
        }
    }
elif PRODUCTION:
    raise ConfigurationError("REGIE_EMAIL_HOST is not set; production sends notices by SMTP")
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(REGIE_DATA_DIR / "mail")},
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("REGIE_DEFAULT_FROM_EMAIL", "regie@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Crypto-shredding writes every destroyed key to this journal too, outside the database, so that
# `regie vault_reshred` can destroy them again after a restore from backup. Keep it on other
# storage than the database and its backups, and back it up separately.
REGIE_SHRED_JOURNAL = Path(
    os.environ.get("REGIE_SHRED_JOURNAL", REGIE_DATA_DIR / "shredding-journal.jsonl")
)

# Virus scanning: "clamd" or "off"; unset means uploads are refused until one is chosen.
REGIE_SCAN = os.environ.get("REGIE_SCAN", "")
if REGIE_SCAN not in {"", "clamd", "off"}:
    raise ConfigurationError(f"REGIE_SCAN must be clamd or off, not {REGIE_SCAN!r}")
if PRODUCTION and REGIE_SCAN == "off":
    raise ConfigurationError("REGIE_SCAN=off is for the demo only; use REGIE_SCAN=clamd")
REGIE_CLAMD_SOCKET = os.environ.get("REGIE_CLAMD_SOCKET", "")
REGIE_CLAMD_HOST = os.environ.get("REGIE_CLAMD_HOST", "127.0.0.1")
REGIE_CLAMD_PORT = envint("REGIE_CLAMD_PORT", 3310)
REGIE_CLAMD_TIMEOUT = envint("REGIE_CLAMD_TIMEOUT", 30)
# Reading scanned post that has no text layer (cases.ocr): "tesseract" or "off"; unset means
# tesseract when Debian's tesseract-ocr and poppler-utils are installed, else off.
REGIE_OCR = os.environ.get("REGIE_OCR") or (
    "tesseract" if shutil.which("tesseract") and shutil.which("pdftoppm") else "off"
)
if REGIE_OCR not in {"tesseract", "off"}:
    raise ConfigurationError(f"REGIE_OCR must be tesseract or off, not {REGIE_OCR!r}")
REGIE_OCR_TIMEOUT = envint("REGIE_OCR_TIMEOUT", 60)
# The largest file Regie accepts, and the limits for what an archive or office file may unpack to.
REGIE_UPLOAD_MAX_BYTES = envint("REGIE_UPLOAD_MAX_BYTES", 100 * 1024 * 1024)
REGIE_UPLOAD_MAX_ENTRIES = envint("REGIE_UPLOAD_MAX_ENTRIES", 1000)
REGIE_UPLOAD_MAX_UNPACKED_BYTES = envint("REGIE_UPLOAD_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)

# Background tasks: run in-process at once by default; with REGIE_TASKS=database they go into a
# database queue that `regie db_worker` processes (django-tasks-db), and `regie enqueue_periodic`
# puts the periodic ones on it.
REGIE_TASKS = os.environ.get("REGIE_TASKS", "immediate")
if REGIE_TASKS not in {"immediate", "database"}:
    raise ConfigurationError(f"REGIE_TASKS must be immediate or database, not {REGIE_TASKS!r}")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if REGIE_TASKS == "database"
        else "django.tasks.backends.immediate.ImmediateBackend"
    }
}

# Residents log in with DigiD: the package's mock IdP in demo and tests, SAML in production.
REGIE_DIGID = os.environ.get("REGIE_DIGID", "" if PRODUCTION else "mock")
if REGIE_DIGID not in {"", "mock", "saml"}:
    raise ConfigurationError(f"REGIE_DIGID must be mock or saml, not {REGIE_DIGID!r}")
if PRODUCTION and REGIE_DIGID == "mock":
    raise ConfigurationError("REGIE_DIGID=mock is for the demo only; use REGIE_DIGID=saml")
if REGIE_DIGID == "mock":
    AUTHENTICATION_BACKENDS.append("regie.accounts.backends.DigiDMockBackend")
    DIGID_MOCK_APP_TITLE = REGIE_MUNICIPALITY
    DIGID_MOCK_RETURN_URL = "accounts:resident-home"
    DIGID_MOCK_CANCEL_URL = "accounts:digid-cancelled"
    DIGID_MOCK_IDP_VALIDATE_CALLBACK_URLS = True
elif REGIE_DIGID == "saml":
    AUTHENTICATION_BACKENDS.append("regie.accounts.backends.DigiDSamlBackend")
DIGID_SESSION_AGE = SESSION_COOKIE_AGE

# Staff log in with the municipality's OpenID Connect provider when it is configured.
OIDC_RP_CLIENT_ID = os.environ.get("REGIE_OIDC_CLIENT_ID", "")
REGIE_OIDC = bool(OIDC_RP_CLIENT_ID)
if REGIE_OIDC:
    _missing = [
        name
        for name in (
            "REGIE_OIDC_AUTHORIZATION_ENDPOINT",
            "REGIE_OIDC_TOKEN_ENDPOINT",
            "REGIE_OIDC_USER_ENDPOINT",
            "REGIE_OIDC_JWKS_ENDPOINT",
        )
        if not os.environ.get(name)
    ]
    if _missing:
        raise ConfigurationError(f"REGIE_OIDC_CLIENT_ID is set but {_missing[0]} is not")
    OIDC_RP_CLIENT_SECRET = envsecret("REGIE_OIDC_CLIENT_SECRET") or ""
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["REGIE_OIDC_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["REGIE_OIDC_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["REGIE_OIDC_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["REGIE_OIDC_JWKS_ENDPOINT"]
    OIDC_RP_SIGN_ALGO = os.environ.get("REGIE_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False
    OIDC_USERNAME_CLAIM = os.environ.get("REGIE_OIDC_USERNAME_CLAIM", "preferred_username")
    LOGIN_REDIRECT_URL_FAILURE = "/medewerker/inloggen/"
    AUTHENTICATION_BACKENDS.append("regie.accounts.backends.StaffOIDCBackend")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "regie.accounts.api_auth.ApiTokenAuthentication",
        "regie.accounts.api_auth.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["regie.accounts.api_auth.AccessDecision"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "regie.core.problems.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regie API",
    "DESCRIPTION": "Privacy and information security of the social domain.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "regie.core.logging.RedactPersonalData"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("REGIE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint reports every step of every PDF (and of its own style sheet at import).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The demo's in-process worker seals the log every few seconds; a line per run would
        # bury the demo's log-ins and requests. Failures are errors and still show.
        **({"django.tasks": {"level": "WARNING"}} if DEMO else {}),
    },
}
CSRF_FAILURE_VIEW = "regie.web.views.csrf_failure"
