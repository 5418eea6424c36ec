"""Settings for Standort, read from the environment (see README, "Configuration").

One module for every environment. Values that matter in production have no silent
development default: SECRET_KEY must be set, SITE_URL too unless DEBUG is on, DEBUG is
off unless switched on, and a malformed value stops the start-up with its name.
"""

import os
from pathlib import Path

import environ
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def env_bool(name, *, default):
    """The yes-or-no setting `name`. django-environ's env.bool reads every unknown word
    as false, so `SECURE_COOKIES=ture` would quietly switch a protection off: here any
    word but these stops the start-up."""
    words = {"true": True, "1": True, "yes": True, "on": True}
    words |= {"false": False, "0": False, "no": False, "off": False}
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return words[value.strip().lower()]
    except KeyError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a yes-or-no value; use true/false, 1/0, yes/no "
            "or on/off (in any case)."
        ) from None


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # The API's interactive documentation, from its own static files (no CDN).
    "ninja",
    "standort.core",
    "standort.accounts",
    "standort.initiatives",
    "standort.measures",
    "standort.reviews",
    "standort.reports",
    "standort.meetings",
    "standort.indicators",
    "standort.dialog",
    "standort.surveys",
    "standort.transfer",
    "standort.notifications",
    "standort.home",
    "standort.api",
    "standort.oparl",
    "standort.opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "standort.core.memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "standort.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "standort.initiatives.middleware.InitiativeMiddleware",
    # Axes last, as its documentation asks, so it sees every other middleware's work.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "standort.urls"
WSGI_APPLICATION = "standort.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "standort.notifications.context_processors.unread",
            ],
        },
    },
]
FORM_RENDERER = "standort.core.forms.KernFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'standort.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to the same file: WAL lets readers
    # go on while one writes, IMMEDIATE takes the write lock up front instead of
    # failing half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A connection is kept from one request to the next: opening one anew means opening the
# file and running its pragmas on SQLite, a round trip and authentication on PostgreSQL,
# on every request, also for a page served from the cache.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://standort"),
    # Rate limits (core.throttle) count apart from the pages kept in the cache: in the
    # bounded in-process cache a flood of kept pages would evict the counters, and so
    # reset the limits.
    "ratelimit": env.cache("CACHE_URL", default="locmemcache://standort-ratelimit"),
}
RATELIMIT_USE_CACHE = "ratelimit"
# Should that cache fail, requests pass: an outage of the cache must not lock everyone
# out of the sign-in.
RATELIMIT_FAIL_OPEN = True
# The JSON API's limits: per client without a token, per token with one. Generous for a
# tool that syncs a list now and then, tight enough that one client cannot keep the
# server busy for all others.
API_RATE_PUBLIC = env.str("API_RATE_PUBLIC", default="300/m")
API_RATE_TOKEN = env.str("API_RATE_TOKEN", default="600/m")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_TIMEOUT_DAYS = env.int("INVITATION_TIMEOUT_DAYS", default=14)

# Five failed sign-ins for one account from one address lock it for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
# Counted under the address as stored: every spelling of it shares one lockout.
AXES_USERNAME_CALLABLE = "standort.accounts.models.axes_username"
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# What people type (measures, minutes, ideas, comments, names of groups) is written in
# this language whatever language the pages are shown in: on a page in another language,
# the templates mark it with {% content_lang %} so that a screen reader pronounces it as
# German (WCAG 2.1, 3.1.2 Language of Parts).
CONTENT_LANGUAGE = "de"
LOCALE_PATHS = [BASE_DIR / "src" / "standort" / "locale"]
FORMAT_MODULE_PATH = ["standort.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# KERN UX comes from the npm registry (package.json); its dist folder is served as is.
STATICFILES_DIRS = [
    ("kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    # Subsets of KERN's fonts, cut by `make install` (standort.core.fonts).
    ("fonts", BASE_DIR / "build" / "fonts"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Attachments are served through a view that checks permissions, never from MEDIA_URL.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_MB", default=20) * 1024 * 1024
LOGO_MAX_BYTES = env.int("LOGO_MAX_KB", default=1024) * 1024
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_MB", default=5) * 1024 * 1024
# What an uploaded XLSX (a zip archive) may unpack to: a list of 20,000 measures
# unpacks to about 20 MB.
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_MB", default=50) * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://127.0.0.1:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Standort <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Security. Behind TLS in production every flag is on; `make demo` serves plain HTTP on
# loopback and switches the cookie and HSTS flags off (README, "Configuration").
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles from this site only, or
# inline with the nonce of the response; no framing but the embed page's (it names its
# own frame-ancestors, home.views.initiative_embed).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.NONCE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "base-uri": [csp.SELF],
        "object-src": [csp.NONE],
    }
}
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No personal link's token in a log line (core.logs).
    "filters": {"link_tokens": {"()": "standort.core.logs.CutLinkTokens"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["link_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The address that links in e-mails point to. Without DEBUG there is no default: a
# production server would otherwise mail links to the developer's loopback address.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        "Set SITE_URL to the address links in mails point to, such as "
        "https://standort.example.org (required unless DEBUG is on)"
        + (f"; {SITE_URL!r} is not an http(s) address." if SITE_URL else ".")
    )
