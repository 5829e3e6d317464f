"""Weitblick's settings: every value that differs between machines is read here, from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def envbool(name: str, default: bool) -> bool:
    """A yes/no setting; a word it does not know stops the start rather than reading as "off"."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes/no value: use one of "
        f"{', '.join(sorted(TRUE_WORDS))} or {', '.join(sorted(FALSE_WORDS))}."
    )


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def envchoice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of a few words; any other stops the start rather than falling back to the default."""
    value = os.environ.get(name, "").strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(choices)}.")
    return value


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A laptop default, like healthchecks: DEBUG is on unless the environment says otherwise.
# Production (docker-compose.yml) sets DJANGO_DEBUG=0 and must then provide SECRET_KEY.
DEBUG = envbool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"

# Only local names by default, in debug as well: "*" let a forged Host header into every absolute
# link built from the request. Links in mails are built from SITE_URL (below) all the same.
ALLOWED_HOSTS = envlist(
    "ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "127.0.0.1,localhost"
)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    # Only for the API's browsable docs (/api/v1/docs), served from its own static files.
    "ninja",
    "crm",
    "exchange",
    "devdata",
    "encounters",
    "contacts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "crm.middleware.UserPreferencesMiddleware",
    "crm.middleware.RefuseOversizedBodiesMiddleware",
    "crm.middleware.RefuseNulCharactersMiddleware",
    "crm.middleware.FriendlyMethodNotAllowedMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last in the auth chain, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: serves the cached pages once login, language, time zone and CSRF are settled.
    "crm.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "crm.urls"
WSGI_APPLICATION = "crm.wsgi.application"
ASGI_APPLICATION = "crm.asgi.application"

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
                "django.template.context_processors.i18n",
                "crm.context_processors.site",
            ],
        },
    }
]

# The embedded default is an SQLite file next to manage.py, so `make run` needs nothing but Python.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several requests (runserver threads, a test's live server) write at once: wait rather than fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # A transaction takes the write lock when it begins, so two that read and then write (look for
    # a contact, then create it) queue up instead of failing on the upgrade from read to write.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Every form field is rendered through templates/forms/field.html.
FORM_RENDERER = "crm.forms.FormRenderer"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "crm.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes counts failed logins per username and address and locks that pair out for a while.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# How many proxies in front of Weitblick append to X-Forwarded-For (the compose stack's TLS proxy is
# one). None by default: a header nobody trusted sets would let a guesser choose a new address for
# every try, and with the proxy's own address counted instead, five wrong passwords locked every
# client of that proxy out of the account. crm/addresses.py reads it, for axes and the throttles.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "crm.addresses.client_address"

# How people join (crm/signup.py, docs/accounts.md): "closed" (an administrator makes accounts),
# "invite" (staff invite by email) or "open" (anyone signs up and confirms their address). Closed is
# the default: a fresh server should not take strangers before its administrator decides it may.
SIGNUP_MODE = envchoice("SIGNUP_MODE", ("closed", "invite", "open"), "closed")
# A join link (an invitation, or the confirmation of a sign-up) works this long, and once: long
# enough for someone back from a week away, short enough that an old mail in a leak opens nothing.
JOIN_LINK_MAX_AGE = datetime.timedelta(days=envint("JOIN_LINK_MAX_AGE_DAYS", 7))
# Join-link mails to one address per AXES_COOLOFF_TIME: enough to ask again after a typo or a spam
# filter, too few to fill a stranger's inbox.
SIGNUP_MAILS_PER_ADDRESS = envint("SIGNUP_MAILS_PER_ADDRESS", 3)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Times are stored in UTC; each user's own time zone and language are switched on per request.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates by name, per language: crm/formats/.
FORMAT_MODULE_PATH = ["crm.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# In development WhiteNoise serves straight from the static folders, no collectstatic needed.
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Redis is optional: without REDIS_URL the cache is per process and Celery runs tasks in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The largest file the import takes (exchange/imports/jobs.py); a request body larger than it and
# its form is refused from its Content-Length, before a byte of it is read (crm/middleware.py).
IMPORT_MAX_UPLOAD_BYTES = envint("IMPORT_MAX_UPLOAD_MB", 50) * 1024 * 1024
# Where an uploaded file waits for its reading task (exchange/imports/uploads.py): the request only
# copies it here. Web and worker must both reach the folder (a shared volume in docker-compose.yml).
IMPORT_UPLOAD_DIR = Path(os.environ.get("IMPORT_UPLOAD_DIR") or BASE_DIR / "var" / "imports")
# Without a broker no worker reads a large import: a thread of the web process does, after the
# response, so that the request never holds a worker for the minute a big file takes.
IMPORT_READS_IN_THREAD = not REDIS_URL

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# In-process (no Redis) a failing task must not break the request that enqueued it.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
# A dead broker must not hang a request: fail fast, the caller decides what to keep.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "socket_connect_timeout": 2}
# How often beat looks for stuck work, and how long a worker may hold a digest or an import
# without a word before it counts as dead (docs/guarantees.md). A lease is far longer than a mail
# takes to send (EMAIL_TIMEOUT) or an import batch to write, so a live worker never loses its work.
WEITBLICK_SWEEP_SECONDS = envint("WEITBLICK_SWEEP_SECONDS", 60)
DIGEST_LEASE_SECONDS = envint("DIGEST_LEASE_SECONDS", 300)
IMPORT_LEASE_SECONDS = envint("IMPORT_LEASE_SECONDS", 180)
# A failed send is tried again after 1, 2, 4, … minutes (at most an hour apart), 10 tries in all:
# an SMTP server down for a few hours still gets the week's digest out.
DIGEST_RETRY_BASE_SECONDS = envint("DIGEST_RETRY_BASE_SECONDS", 60)
DIGEST_RETRY_MAX_SECONDS = envint("DIGEST_RETRY_MAX_SECONDS", 3600)
DIGEST_MAX_ATTEMPTS = envint("DIGEST_MAX_ATTEMPTS", 10)
# Digests built together (a fixed number of queries) and sent over one SMTP connection per task:
# 50 take about half a second, far inside the lease, and a worker killed mid-batch delays 50 people
# by a lease; larger batches gain little once the per-batch queries are shared by 50.
DIGEST_BATCH_SIZE = envint("DIGEST_BATCH_SIZE", 50)
CELERY_BEAT_SCHEDULE = {
    # Hourly, so that each person's digest goes out at the hour they chose in their own time zone.
    "dispatch-weekly-digests": {
        "task": "encounters.tasks.dispatch_digests",
        "schedule": crontab(minute=0),
    },
    # Work a killed worker or a lost broker message left behind (a digest stuck sending, a retry
    # due, an import whose worker stopped reporting) is handed to a worker again within minutes.
    "sweep-stuck-digests": {
        "task": "encounters.tasks.sweep_digests",
        "schedule": float(WEITBLICK_SWEEP_SECONDS),
    },
    "sweep-stuck-imports": {
        "task": "exchange.tasks.sweep_imports",
        "schedule": float(WEITBLICK_SWEEP_SECONDS),
    },
    # Nightly, when nobody is looking at their circles: one analysis task per person.
    "nightly-network-snapshots": {
        "task": "contacts.network.tasks.nightly_network_snapshots",
        "schedule": crontab(hour=2, minute=30),
    },
}

# E-mail: SMTP when EMAIL_HOST is set; otherwise the console on a development machine, and on a
# server (DEBUG off) no mail at all: its console is the log, and reset and join links do not belong
# there (crm/mail.py; the pages that send mail say that the server cannot).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 25)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "crm.mail.UnconfiguredMailBackend"
# A hung SMTP server must not hold a worker (and its digest lease) forever.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Weitblick <weitblick@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Content-Security-Policy: no inline script and no inline style anywhere, no third-party origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    # Behind a TLS-terminating proxy (see docker-compose.yml) the proxy sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The address of the site in links that leave it (the digest, its unsubscribe link).
WEITBLICK_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Show the demo login hint on the login page only on a development machine.
WEITBLICK_SHOW_DEMO_LOGIN = DEBUG and envbool("WEITBLICK_SHOW_DEMO_LOGIN", True)
