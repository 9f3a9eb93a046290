"""Django settings, all from environment variables with safe defaults.

With no environment at all this is a development setup on the embedded SQLite database
(`var/luppa.sqlite3`), identification through the local fake Suomi.fi IdP, and mail and SMS
written to local outboxes. Production sets LUPPA_ENV=production and must then provide the secrets.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from luppa.core import renamed_env
from luppa.ops import cache as cache_config
from luppa.ops import logs
from luppa.ops import secrets as secret_config

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("LUPPA_VAR_DIR", Path.cwd() / "var"))

ENV = os.environ.get("LUPPA_ENV", "development")
PRODUCTION = ENV == "production"
DEBUG = os.environ.get("LUPPA_DEBUG", "0" if PRODUCTION else "1") == "1"


def _secret(name: str, dev_default: str) -> str:
    return secret_config.env_secret(name, PRODUCTION, dev_default)


def _optional_secret(name: str, dev_default: str) -> str:
    """A secret of an integration that is off unless configured: empty in production."""
    return os.environ.get(name, "" if PRODUCTION else dev_default)


SECRET_KEY = _secret("LUPPA_SECRET_KEY", "dev-only-secret-key-not-for-production-use-0123456789")


# Separate keys: one encrypts personal data (photos, HETU), one makes the HETU's lookup hash.
def _data_keys() -> dict[str, str]:
    """Master keys by id: LUPPA_DATA_KEYS="id:secret,id:secret", or a key file with one
    "id secret" per line. The last one listed seals new values unless LUPPA_DATA_KEY_ID
    says otherwise; every listed key decrypts (core/crypto.py, `luppa rotate-keys`)."""
    lines: list[str] = []
    if path := os.environ.get("LUPPA_DATA_KEY_FILE"):
        lines = Path(path).read_text().splitlines()
    elif listed := os.environ.get("LUPPA_DATA_KEYS"):
        lines = listed.split(",")
    keys = {}
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            kid, _sep, secret = line.replace(":", " ", 1).partition(" ")
            if not secret.strip() or len(kid) > 32:
                raise ImproperlyConfigured("data keys are 'id secret' (an id of 1-32 characters)")
            keys[kid] = secret.strip()
    return keys


DATA_KEYS = _data_keys()
# LUPPA_DATA_KEY: the single key of earlier versions (Fernet values still decrypt with it).
DATA_KEY = (
    os.environ.get("LUPPA_DATA_KEY")
    or ("" if DATA_KEYS else None)
    or _secret("LUPPA_DATA_KEY", "dev-only-data-key")
)
if not DATA_KEYS:
    DATA_KEYS = {"k1": DATA_KEY}
DATA_KEY_ID = os.environ.get("LUPPA_DATA_KEY_ID") or list(DATA_KEYS)[-1]
if DATA_KEY_ID not in DATA_KEYS:
    raise ImproperlyConfigured("LUPPA_DATA_KEY_ID names no listed data key")
HETU_HASH_KEY = _secret("LUPPA_HETU_HASH_KEY", "dev-only-hetu-hash-key")
# The audit trail's hash chain: a separate key, so a database writer cannot forge records.
AUDIT_KEY = _secret("LUPPA_AUDIT_KEY", "dev-only-audit-chain-key")
if PRODUCTION:
    # A weak or shared key refuses to start, with a message that names the variable.
    secret_config.validate(SECRET_KEY, DATA_KEYS[DATA_KEY_ID], HETU_HASH_KEY)

ALLOWED_HOSTS = os.environ.get("LUPPA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("LUPPA_CSRF_ORIGINS", "").split(",") if o]

# No django.contrib.admin: every change goes through the service's own pages and actions,
# which check the rules and write the audit trail; a generic admin would bypass both.
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "health_check",
    "luppa.core",
    "luppa.accounts",
    "luppa.integrations",
    "luppa.audit",
    "luppa.photos",
    "luppa.directory",
    "luppa.officer",
    "luppa.reports",
    "luppa.bulletins",
    "luppa.outbox",
    "luppa.api",
    "luppa.xroad",
    "luppa.opendata",
    "luppa.web",
    "luppa.kiosk",
    "luppa.jobs",
    "luppa.demo",
]

# luppa.ops.browser_middleware.X is Django's (or the package's) X, passed over for the
# X-Road service, which has no session, cookie, language or page (see that module).
MIDDLEWARE = [
    "luppa.ops.middleware.RequestIdMiddleware",
    "luppa.ops.middleware.StructuredRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "luppa.ops.browser_middleware.PermissionsPolicyMiddleware",
    "luppa.ops.browser_middleware.CSPMiddleware",
    "luppa.ops.browser_middleware.WhiteNoiseMiddleware",
    # By their own names: Django's deployment checks look for these (a lazy session, user and
    # a CSRF-exempt view cost the X-Road service next to nothing).
    "django.contrib.sessions.middleware.SessionMiddleware",
    "luppa.ops.browser_middleware.LocaleMiddleware",
    "luppa.ops.browser_middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "luppa.ops.browser_middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "luppa.accounts.middleware.CurrentAccountMiddleware",
    "luppa.officer.middleware.CurrentOfficerMiddleware",
]
# The middleware of machine-to-machine calls (the X-Road service, /xroad/), which luppa.wsgi
# hands to a lean handler (luppa/ops/machine.py): no session, user, language or page.
MACHINE_MIDDLEWARE = [
    "luppa.ops.middleware.RequestIdMiddleware",
    "luppa.ops.machine.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
]

ROOT_URLCONF = "luppa.urls"
WSGI_APPLICATION = "luppa.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luppa.web.context.site",
                "luppa.bulletins.context.unread",
            ],
        },
    },
]

SQLITE_FILE = VAR_DIR / "luppa.sqlite3"
if "DATABASE_URL" not in os.environ:
    # The embedded database holds personal data: var/ is the owner's alone (0700) and so is
    # the database file (0600; SQLite gives its journal files the same mode).
    VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    VAR_DIR.chmod(0o700)
    os.close(os.open(SQLITE_FILE, os.O_CREAT | os.O_WRONLY, 0o600))
    SQLITE_FILE.chmod(0o600)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_FILE}"),
        # Development serves with runserver, whose threads die with their connections
        # still open: persistent connections there leak one per keep-alive client until
        # PostgreSQL refuses everyone. Production (gunicorn) keeps them, health-checked.
        conn_max_age=int(os.environ.get("LUPPA_DB_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The same backend, whose health check polls the socket instead of a SELECT 1 per request.
    DATABASES["default"]["ENGINE"] = "luppa.core.postgresql"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Take the write lock at BEGIN: two concurrent requests that both append to the audit
    # chain would otherwise deadlock on SQLite's lock upgrade ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
# Finnish date conventions in every language (luppa/formats): 30.11.2026 klo 12.16.
FORMAT_MODULE_PATH = ["luppa.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Production: `luppa serve` runs collectstatic into STATIC_ROOT with hashed names, which
# WhiteNoise serves with a far-future, immutable Cache-Control. Development serves straight
# from the apps' static folders: no collectstatic step for a newcomer.
STATIC_MANIFEST = os.environ.get("LUPPA_STATIC_MANIFEST", "1" if PRODUCTION else "0") == "1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600  # unhashed names (favicon and the like); hashed ones: ten years
# Source maps are for a developer's tools, never fetched by a browser of a user: not worth
# gzipping at every deployment (they are most of the bytes collectstatic compresses).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# Uploads: a permit photo is at most 250 kB; anything far bigger is refused before parsing.
MAX_UPLOAD_BYTES = int(os.environ.get("LUPPA_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
# A session unused this long ends (seconds); the 8 hours above is the most it can last.
SESSION_IDLE_TIMEOUT = int(os.environ.get("LUPPA_SESSION_IDLE_TIMEOUT", str(30 * 60)))
# Who may upload: "open" (private persons and companies, the manual's rule) or
# "registered-business" (only photography companies in the trade register, TOL 74.2).
UPLOAD_POLICY = os.environ.get("LUPPA_UPLOAD_POLICY", "open")

# The self-service kiosk (luppa.kiosk, README "Kiosk"). Its devices by dotted path; outside
# production the simulators (luppa.kiosk.simulators) are the defaults.
KIOSK_DEVICES = {
    name: os.environ[f"LUPPA_KIOSK_{name.upper()}"]
    for name in (
        "document_reader", "camera", "fingerprint_scanner", "fingerprint_register",
        "payment_terminal", "printer",
    )
    if os.environ.get(f"LUPPA_KIOSK_{name.upper()}")
}  # fmt: skip
# The trusted CSCA certificates (PEM files, ":"-separated); by default the simulator's TEST
# CSCA, which production must replace with the ICAO master list's certificates.
KIOSK_CSCA_FILES = [
    p
    for p in os.environ.get(
        "LUPPA_KIOSK_CSCA", "" if PRODUCTION else str(BASE_DIR / "kiosk" / "testpki" / "csca.pem")
    ).split(":")
    if p
]
KIOSK_ID = os.environ.get("LUPPA_KIOSK_ID", "kioski-1")
# A visit untouched this long is abandoned: the screen returns to the start and the wipe
# job deletes what it held.
KIOSK_IDLE_SECONDS = int(os.environ.get("LUPPA_KIOSK_IDLE_SECONDS", "120"))
KIOSK_FEE_CENTS = int(os.environ.get("LUPPA_KIOSK_FEE_CENTS", "6000"))
# The kiosks submit photos as this organisation's own account (the Immigration Service).
KIOSK_BUSINESS_ID = os.environ.get("LUPPA_KIOSK_BUSINESS_ID", "1765515-0")
# Only these networks reach /kiosk/ (the kiosks' addresses in the TUVE network).
KIOSK_NETWORKS = os.environ.get(
    "LUPPA_KIOSK_NETWORKS", "" if PRODUCTION else "127.0.0.0/8,::1/128"
).split(",")
if UPLOAD_POLICY not in ("open", "registered-business"):
    raise ImproperlyConfigured("LUPPA_UPLOAD_POLICY must be open or registered-business")
TRADE_REGISTER_BACKEND = os.environ.get(
    "LUPPA_TRADE_REGISTER",
    "luppa.integrations.trade_register." + ("YtjOpenData" if PRODUCTION else "FakeTradeRegister"),
)
TRADE_REGISTER_URL = os.environ.get(
    "LUPPA_TRADE_REGISTER_URL", "https://avoindata.prh.fi/opendata-ytj-api/v3"
)
# Studio API keys expire after this many days unless revoked sooner.
API_KEY_VALID_DAYS = int(os.environ.get("LUPPA_API_KEY_VALID_DAYS", "365"))
# A company mandate is re-checked before every change and otherwise at least this often.
MANDATE_RECHECK_SECONDS = int(os.environ.get("LUPPA_MANDATE_RECHECK_SECONDS", str(15 * 60)))
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    # The documented set-up: a TLS-terminating proxy (or load balancer) in front, which sets
    # X-Forwarded-Proto and overwrites any such header from the client.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("LUPPA_SSL_REDIRECT", "1") == "1"
    # The balancer probes over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("LUPPA_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # __Host- cookies are sent only over HTTPS, only to this host, for the whole site.
    SESSION_COOKIE_NAME = "__Host-luppa-session"
    CSRF_COOKIE_NAME = "__Host-luppa-csrf"

# No inline script or style anywhere: every script and stylesheet is a static file of our
# own (a test keeps the templates so). Scripts may still set style properties through the
# CSSOM (element.style), which the policy allows.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    # The kiosk and the photo pages never use these; a framed or injected page cannot either.
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# Suomi.fi e-Identification: a SAML 2.0 service provider (luppa.integrations.suomifi). Outside
# production it talks to the local fake IdP mounted at /fake-idp/, with test keys generated
# into var/test-keys/; production names Suomi.fi's metadata and its own keys (see README).
IDENTIFICATION_BACKEND = os.environ.get(
    "LUPPA_IDENTIFICATION", "luppa.integrations.suomifi.SuomiFiIdentification"
)
SAML_CONFIG_LOADER = "luppa.integrations.suomifi.sp_config"  # djangosaml2's loader hook
SAML_BASE_URL = os.environ.get("LUPPA_BASE_URL", "")  # empty: the request's own address
SAML_ENTITY_ID = os.environ.get("LUPPA_SAML_ENTITY_ID", "")  # default {base}/saml2/metadata/
SAML_KEY_FILE = os.environ.get("LUPPA_SAML_KEY_FILE", "")
SAML_CERT_FILE = os.environ.get("LUPPA_SAML_CERT_FILE", "")
SAML_ENCRYPTION_KEY_FILE = os.environ.get("LUPPA_SAML_ENCRYPTION_KEY_FILE", "")
SAML_ENCRYPTION_CERT_FILE = os.environ.get("LUPPA_SAML_ENCRYPTION_CERT_FILE", "")
SAML_IDP_METADATA_URL = os.environ.get("LUPPA_SAML_IDP_METADATA_URL", "")
SAML_IDP_METADATA_FILE = os.environ.get("LUPPA_SAML_IDP_METADATA_FILE", "")
SAML_IDP_METADATA_CERT = os.environ.get("LUPPA_SAML_IDP_METADATA_CERT", "")
SAML_IDP_ENTITY_ID = os.environ.get("LUPPA_SAML_IDP_ENTITY_ID", "")
SAML_LOA = os.environ.get("LUPPA_SAML_LOA", "substantial")
if SAML_LOA not in ("substantial", "high"):
    raise ImproperlyConfigured("LUPPA_SAML_LOA must be substantial or high")
SAML_CONTACT_EMAIL = os.environ.get("LUPPA_SAML_CONTACT_EMAIL", "tuki@luppa.invalid")
if PRODUCTION and not (SAML_BASE_URL and SAML_KEY_FILE and SAML_CERT_FILE):
    raise ImproperlyConfigured(
        "production needs LUPPA_BASE_URL, LUPPA_SAML_KEY_FILE and LUPPA_SAML_CERT_FILE"
    )
if PRODUCTION and not (SAML_IDP_METADATA_URL or SAML_IDP_METADATA_FILE):
    raise ImproperlyConfigured("production needs LUPPA_SAML_IDP_METADATA_URL or _FILE")
# The fake IdP: never in production. Standalone (`luppa fake-idp`) it has its own address and
# reads the service's metadata from a URL.
FAKE_IDP_ENABLED = not PRODUCTION and os.environ.get("LUPPA_FAKE_IDP", "1") == "1"
FAKE_IDP_BASE_URL = os.environ.get("LUPPA_FAKE_IDP_BASE_URL", "")
FAKE_IDP_SP_METADATA_URL = os.environ.get("LUPPA_FAKE_IDP_SP_METADATA_URL", "")
# Officers' and administrators' sign-in: their organisation's OpenID Connect provider
# (mozilla-django-oidc, authorization code flow with PKCE). With the endpoints empty outside
# production, the local fake provider at /fake-oidc/ is used. See README.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "luppa.officer.oidc.OfficerOIDCBackend",
]
# The variables were LUPPA_STAFF_OIDC_* and LUPPA_STAFF_SUOMIFI: the old names still work for
# one release (core.renamed_env), and the system check luppa.W001 names their new names.
OFFICER_OIDC_ISSUER = renamed_env.getenv("LUPPA_OFFICER_OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = renamed_env.getenv("LUPPA_OFFICER_OIDC_CLIENT_ID", "luppa-dev")
OIDC_RP_CLIENT_SECRET = _secret("LUPPA_OFFICER_OIDC_CLIENT_SECRET", "dev-only-oidc-client-secret")
OFFICER_OIDC_CLIENT_ID, OFFICER_OIDC_CLIENT_SECRET = OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET
OIDC_OP_AUTHORIZATION_ENDPOINT = renamed_env.getenv("LUPPA_OFFICER_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = renamed_env.getenv("LUPPA_OFFICER_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = renamed_env.getenv("LUPPA_OFFICER_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = renamed_env.getenv("LUPPA_OFFICER_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = renamed_env.getenv("LUPPA_OFFICER_OIDC_SCOPES", "openid profile email")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_AUTHENTICATION_CALLBACK_URL = "officer_login_callback"
OIDC_TIMEOUT = 10
OIDC_CREATE_USER = True
OFFICER_OIDC_ORG_CLAIM = renamed_env.getenv("LUPPA_OFFICER_OIDC_ORG_CLAIM", "organisation")
OFFICER_OIDC_ROLES_CLAIM = renamed_env.getenv("LUPPA_OFFICER_OIDC_ROLES_CLAIM", "roles")
OFFICER_OIDC_ROLE_VALUES = {
    renamed_env.getenv("LUPPA_OFFICER_OIDC_OFFICER_ROLE", "luppa-officer"): "officer",
    renamed_env.getenv("LUPPA_OFFICER_OIDC_ADMIN_ROLE", "luppa-admin"): "admin",
}
FAKE_OIDC_ENABLED = not PRODUCTION and os.environ.get("LUPPA_FAKE_OIDC", "1") == "1"
if PRODUCTION and not (
    OFFICER_OIDC_ISSUER
    and OIDC_OP_AUTHORIZATION_ENDPOINT
    and OIDC_OP_TOKEN_ENDPOINT
    and OIDC_OP_USER_ENDPOINT
    and OIDC_OP_JWKS_ENDPOINT
):
    raise ImproperlyConfigured("production needs the LUPPA_OFFICER_OIDC_* issuer and endpoints")
# Transitional: officers added by HETU may still enter the officer role after Suomi.fi
# identification. Set LUPPA_OFFICER_SUOMIFI=0 once every officer signs in with OIDC.
OFFICER_SUOMIFI_LOGIN = renamed_env.getenv("LUPPA_OFFICER_SUOMIFI", "1") == "1"

# Suomi.fi e-Authorizations Web API (luppa.integrations.valtuudet); the local fake serves the
# same API at /fake-valtuudet/ outside production.
VALTUUDET_URL = os.environ.get("LUPPA_VALTUUDET_URL", "")  # empty: the fake at this host
VALTUUDET_CLIENT_ID = os.environ.get("LUPPA_VALTUUDET_CLIENT_ID", "luppa-dev")
VALTUUDET_API_KEY = _optional_secret("LUPPA_VALTUUDET_API_KEY", "dev-only-valtuudet-api-key")
VALTUUDET_OAUTH_SECRET = _optional_secret(
    "LUPPA_VALTUUDET_OAUTH_SECRET", "dev-only-valtuudet-oauth"
)
VALTUUDET_HPA_ISSUE = os.environ.get("LUPPA_VALTUUDET_HPA_ISSUE", "luppa-omat-kuvat")
VALTUUDET_MANDATE_ISSUE = os.environ.get("LUPPA_VALTUUDET_ISSUE", "luppa-valokuvien-lahettaminen")
FAKE_VALTUUDET_ENABLED = not PRODUCTION and os.environ.get("LUPPA_FAKE_VALTUUDET", "1") == "1"
# The organisation that runs the service: its administrators also see the audit records of
# the service itself (photographers, citizens, jobs), which carry no organisation.
AUDIT_OPERATOR_ORGANISATION = os.environ.get("LUPPA_AUDIT_OPERATOR", "police")
# Trade register roles that make a person a company's main representative (opens its account).
VALTUUDET_MAIN_ROLES = tuple(
    r for r in os.environ.get("LUPPA_VALTUUDET_MAIN_ROLES", "NIMKO").split(",") if r
)

EMAIL_BACKEND = os.environ.get(
    "LUPPA_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("LUPPA_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("LUPPA_SMTP_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("LUPPA_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("LUPPA_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("LUPPA_SMTP_TLS", "0") == "1"
EMAIL_TIMEOUT = int(os.environ.get("LUPPA_SMTP_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("LUPPA_FROM_EMAIL", "kuvapalvelu@luppa.invalid")
SMS_BACKEND = os.environ.get("LUPPA_SMS", "luppa.integrations.sms.OutboxSmsGateway")
SMS_OUTBOX_DIR = VAR_DIR / "sms"
# Suomi.fi Messages: the receipt to the customer's Suomi.fi mailbox when a HETU was given.
# Off unless LUPPA_MESSAGES names the client (luppa.integrations.viestit.SuomiFiMessagesClient);
# outside production the fake at /fake-viestit/ serves the same API (LUPPA_MESSAGES_URL
# e.g. http://127.0.0.1:8000/fake-viestit) and records messages in var/viestit/.
MESSAGES_BACKEND = os.environ.get("LUPPA_MESSAGES", "")
MESSAGES_URL = os.environ.get("LUPPA_MESSAGES_URL", "http://127.0.0.1:8000/fake-viestit")
MESSAGES_USERNAME = os.environ.get("LUPPA_MESSAGES_USERNAME", "luppa-dev")
MESSAGES_PASSWORD = _optional_secret("LUPPA_MESSAGES_PASSWORD", "dev-only-messages-password")
MESSAGES_SERVICE_ID = os.environ.get("LUPPA_MESSAGES_SERVICE_ID", "luppa-kuvakuitti")
MESSAGES_FAKE_DIR = VAR_DIR / "viestit"
FAKE_MESSAGES_ENABLED = not PRODUCTION and os.environ.get("LUPPA_FAKE_MESSAGES", "1") == "1"
FEEDBACK_EMAIL = os.environ.get("LUPPA_FEEDBACK_EMAIL", "palaute@luppa.invalid")

# The X-Road service (luppa.xroad): the client subsystems allowed to call it, each with the
# organisation its officers act for, and the addresses its security server calls from.
XROAD_CLIENTS = dict(
    pair.strip().rsplit("=", 1)
    for pair in os.environ.get(
        "LUPPA_XROAD_CLIENTS",
        "" if PRODUCTION else "FI/GOV/0245437-2/lupa=police,FI/GOV/1765514-2/lupa=migri",
    ).split(",")
    if "=" in pair
)
XROAD_SOURCES = [
    s.strip()
    for s in os.environ.get("LUPPA_XROAD_SOURCES", "" if PRODUCTION else "127.0.0.1,::1").split(",")
    if s.strip()
]
# Or by TLS client certificate: the TLS-terminating proxy at XROAD_CERT_PROXIES verifies
# the security server's certificate and passes its SHA-256 fingerprint (or the URL-escaped
# PEM) in XROAD_CERT_HEADER; it must be one of XROAD_CERT_FINGERPRINTS (README, "X-Road").
XROAD_CERT_HEADER = os.environ.get("LUPPA_XROAD_CERT_HEADER", "X-SSL-Client-Cert")
XROAD_CERT_FINGERPRINTS = [
    s.strip() for s in os.environ.get("LUPPA_XROAD_CERT_FINGERPRINTS", "").split(",") if s.strip()
]
XROAD_CERT_PROXIES = [
    s.strip()
    for s in os.environ.get("LUPPA_XROAD_CERT_PROXIES", "127.0.0.1,::1").split(",")
    if s.strip()
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["luppa.api.auth.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["luppa.api.permissions.HasAccount"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "luppa.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Luppa studio API",
    "DESCRIPTION": "Checks and submits permit photos for photographers' studio software.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two different choice sets are both called `status`: name each for what it is.
    "ENUM_NAME_OVERRIDES": {
        "CheckStatusEnum": "luppa.api.serializers.CHECK_STATUSES",
        "PhotoStatusEnum": "luppa.api.serializers.STATUS_CHOICES",
    },
}

# One JSON object per line (LUPPA_LOG_FORMAT=console for people reading a terminal).
LOG_JSON = os.environ.get("LUPPA_LOG_FORMAT", "json" if PRODUCTION else "console") == "json"
LOGGING = logs.logging_config(os.environ.get("LUPPA_LOG_LEVEL", "INFO"), LOG_JSON)
# pysaml2 logs whole (decrypted) assertions, HETU included, when a check fails: the service
# logs the refusal itself, without personal data (luppa.integrations.suomifi).
LOGGING.setdefault("loggers", {}).update(
    {
        "saml2": {"level": "CRITICAL"},
        "xmlschema": {"level": "ERROR"},
        # faiss reports at INFO which CPU build it picked, with a ModuleNotFoundError that
        # reads like a failure to a newcomer; its warnings still show.
        "faiss": {"level": "WARNING"},
    }
)
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False  # an address says nothing an operator needs
DJANGO_STRUCTLOG_USER_ID_FIELD = None
# The id from RequestIdMiddleware (a proxy's well-formed X-Request-ID, else a new UUID).
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True

# Shared state (single-use assertions, throttles) lives in this cache: Redis in production.
CACHES = cache_config.caches(os.environ.get("LUPPA_CACHE_URL", ""), PRODUCTION)

# Background work: Django's tasks framework (the django-tasks backport) on the database.
# A task is a row written in the caller's transaction, so a receipt is queued exactly when
# its submission commits; `luppa worker` (any number, on any machine) runs them.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("LUPPA_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
