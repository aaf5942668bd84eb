"""Workup settings: one module, every value from the environment.

Each variable is read exactly once below with a typed helper; README.md lists them
all (a test keeps the two in step). A missing or malformed value stops start-up with
a message naming the variable.
"""

from __future__ import annotations

import secrets
import sys
import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config import environment as env

BASE_DIR = Path(__file__).resolve().parent.parent

# A local .env (written by `make run`, never committed) fills in what the process
# environment does not set; real environment variables always win.
ENV_FILE = env.path("ENV_FILE", default=BASE_DIR / ".env")
if ENV_FILE.is_file():
    env.read_env_file(ENV_FILE)

DEBUG = env.boolean("DEBUG", default=False)

SECRET_KEY = env.text("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable (or put it "
            "in .env); it is required whenever DEBUG is off."
        )
    # Development only: a throwaway key per process, never a fixed secret in code.
    SECRET_KEY = secrets.token_urlsafe(50)
    warnings.warn("SECRET_KEY not set; using a random development key", stacklevel=1)

ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.string_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "accounts",
    "core",
    "clinic",
    "workup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.audit.AuditContextMiddleware",
    "workup.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------
# SQLite is the embedded default for the one-command demo; production and the test
# suite use PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.integer("DATABASE_CONN_MAX_AGE", default=60, minimum=0)
# A kept connection is checked before a request reuses it, so a database restart or failover that
# dropped it costs a reconnect, not a 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.boolean("DATABASE_CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo's embedded database: a writer waits for the lock instead of failing ("database is
    # locked"), and takes it when its transaction begins, so two writers cannot deadlock upgrading.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env.seconds("SQLITE_BUSY_TIMEOUT_SECONDS", default=20.0),
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.url("REDIS_URL", default="redis://127.0.0.1:6379/0", schemes=("redis", "rediss"))
# What a request may wait on Redis (cache, login throttle, publishing a task): a Redis that accepts
# connections and never answers must not hold a request, so both the connect and every reply are
# bounded. The worker's own broker connection keeps kombu's defaults (it may wait).
REDIS_CONNECT_TIMEOUT_SECONDS = env.seconds("REDIS_CONNECT_TIMEOUT_SECONDS", default=0.5, minimum=0.01)
REDIS_TIMEOUT_SECONDS = env.seconds("REDIS_TIMEOUT_SECONDS", default=0.5, minimum=0.01)
CACHES = {
    "default": {
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "workup",
        "TIMEOUT": 300,
        "OPTIONS": {
            "socket_connect_timeout": REDIS_CONNECT_TIMEOUT_SECONDS,
            "socket_timeout": REDIS_TIMEOUT_SECONDS,
        },
    }
}

# --- Celery -----------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 24 * 3600
# A task is acknowledged only after it finished, and re-queued if its worker dies:
# the database row, not the message, is the source of truth (see workup/referrals/tasks.py).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.integer("CELERY_TASK_SOFT_TIME_LIMIT", default=60, minimum=0)
CELERY_TASK_TIME_LIMIT = env.integer("CELERY_TASK_TIME_LIMIT", default=90, minimum=0)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.integer(
    "CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=300_000, minimum=0
)
# A Redis visibility timeout longer than the hard time limit, so an unacknowledged
# message is redelivered only after its task must have died.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env.boolean("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True

# Referral pipeline deadlines (seconds): after these the sweeper re-sends the work.
REFERRAL_SWEEP_SECONDS = env.integer("REFERRAL_SWEEP_SECONDS", default=60, minimum=0)
REFERRAL_QUEUED_STALE_SECONDS = env.integer("REFERRAL_QUEUED_STALE_SECONDS", default=120, minimum=0)
# A render cannot legitimately outlive the hard time limit, so past it the worker died.
REFERRAL_RENDER_STALE_SECONDS = env.integer(
    "REFERRAL_RENDER_STALE_SECONDS", default=CELERY_TASK_TIME_LIMIT + 30, minimum=0
)
REFERRAL_READY_STALE_SECONDS = env.integer("REFERRAL_READY_STALE_SECONDS", default=300, minimum=0)
# Sends a deferring mail server gets before the referral is failed for the back office to see
# (with the retry backoff and the sweeper, ten attempts span well under an hour).
REFERRAL_MAX_DELIVERY_ATTEMPTS = env.integer("REFERRAL_MAX_DELIVERY_ATTEMPTS", default=10, minimum=1)
# A send still marked in flight after this was cut off (its worker died): its outcome is unknown.
# A send cannot outlive the hard time limit.
REFERRAL_SEND_STALE_SECONDS = env.integer(
    "REFERRAL_SEND_STALE_SECONDS", default=CELERY_TASK_TIME_LIMIT + 30, minimum=0
)
# How long an Idempotency-Key of POST /api/v1/referrals/ is remembered.
IDEMPOTENCY_KEY_HOURS = env.integer("IDEMPOTENCY_KEY_HOURS", default=24, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "sweep-referrals": {"task": "workup.sweep_referrals", "schedule": float(REFERRAL_SWEEP_SECONDS)},
}

# --- Files ------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Referral PDFs live here: outside every public URL, served only by the authorised
# download view.
PRIVATE_STORAGE_ROOT = env.path("PRIVATE_STORAGE_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # PDFs name patients: readable by the service's own user only.
        "OPTIONS": {
            "location": str(PRIVATE_STORAGE_ROOT),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # API bodies over 1 MB are refused.

# --- Email ------------------------------------------------------------------------
# With DEBUG (make run) messages go to files in EMAIL_FILE_PATH, readable by this user only: the
# console backend would print every referral PDF (name, date of birth, NHS number) into the log.
EMAIL_BACKEND = env.text(
    "EMAIL_BACKEND",
    default=(
        "config.mail.PrivateFileEmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
    ),
)
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=BASE_DIR / "var" / "mail")
EMAIL_HOST = env.text("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", default=25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", default=20, minimum=0)
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", default="workup@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Auth -------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# A session ends after SESSION_IDLE_MINUTES without a request, and in any case SESSION_MAX_HOURS after
# its login (accounts.middleware.SessionLifetimeMiddleware); the cookie never outlives the latter.
SESSION_IDLE_MINUTES = env.integer("SESSION_IDLE_MINUTES", default=30, minimum=1)
SESSION_MAX_HOURS = env.integer("SESSION_MAX_HOURS", default=10, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# API tokens (accounts.models.ApiToken) expire this long after they were issued.
API_TOKEN_HOURS = env.integer("API_TOKEN_HOURS", default=12, minimum=1)
# Password-reset emails a client address may ask for per hour (also per email address typed).
PASSWORD_RESET_RATE = env.rate("PASSWORD_RESET_RATE", default="5/hour")

# Two-factor authentication for every account: django-allauth's MFA (TOTP, passkeys, recovery codes)
# behind our own login page and throttle; allauth's own login, signup and password pages are not routed.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_RATE_LIMITS = False  # one lockout policy: workup.login_throttle counts every door
MFA_ADAPTER = "accounts.adapters.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False  # a passkey is the second factor after the password
MFA_TOTP_ISSUER = "Workup"
MFA_TOTP_TOLERANCE = 1  # one 30-second step either side: clocks of phones drift
ACCOUNT_FORMS = {"reauthenticate": "accounts.forms.ThrottledReauthenticateForm"}
MFA_FORMS = {
    "authenticate": "accounts.forms.ThrottledAuthenticateForm",
    "reauthenticate": "accounts.forms.ThrottledMfaReauthenticateForm",
}
MFA_RATE_LIMITS = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the page's script reads it to send X-CSRFToken

# --- HTTPS (on by default whenever DEBUG is off) ------------------------------------
SECURE_HTTPS = env.boolean("SECURE_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE_HTTPS
# The container healthcheck speaks plain HTTP inside the container (scripts/healthcheck.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
# Passkeys need a secure origin; a plain-HTTP origin is allowed only where HTTPS is off (demo, tests).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not SECURE_HTTPS
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", default=31_536_000 if SECURE_HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- API --------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.tokens.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "workup.api.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"login": env.rate("LOGIN_THROTTLE_RATE", default="10/min")},
    # Behind a reverse proxy, how many X-Forwarded-For hops to trust for the client address
    # (login throttling is per address and username). Unset: trust only REMOTE_ADDR.
    "NUM_PROXIES": env.integer("NUM_PROXIES", default=None, minimum=0),
    "DEFAULT_PARSER_CLASSES": [
        "workup.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Workup API",
    "DESCRIPTION": "Diagnostic workup for suspected nerve compression in primary care.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UrgencyEnum": "workup.models.Urgency",
        "SpecialtyEnum": "clinic.models.Specialty",
        "AssessedSpecialtyEnum": "workup.api.serializers.encounters.ASSESSED_SPECIALTIES",
        "EncounterStatusEnum": "workup.models.Encounter.Status",
        "ReferralStatusEnum": "workup.models.Referral.Status",
        "SexEnum": "clinic.models.Patient.Sex",
    },
    # Swagger UI from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Locale -----------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.text("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

# --- Logging: no patient data, only opaque ids (spec §7) ----------------------------
LOG_LEVEL = env.choice("LOG_LEVEL", choices=env.LOG_LEVELS, default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr, "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint narrates every rendering step at INFO; keep only its warnings.
    "loggers": {"weasyprint": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}
