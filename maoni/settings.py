"""Django settings for Maoni.

Every setting an operator may change comes from the environment, with defaults
that make the embedded mode (one machine, SQLite under ``var/``) work with no
set-up at all. See ``docs/configuration.md`` for the list.
"""

import os
import secrets
from pathlib import Path

import django_stubs_ext

from maoni import config
from maoni.static_headers import embed_script_headers

# Lets classes such as ModelAdmin[Article] be written with their type parameter.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
# The environment as read once; config turns its strings into settings.
_environ = dict(os.environ)
VAR_DIR = Path(os.environ.get("MAONI_VAR_DIR", BASE_DIR / "var"))
# The embedded database and the generated secret key live here.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """Returns SECRET_KEY, or a key kept in var/ so that sessions survive restarts."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        # O_EXCL: when two workers start at once, the first writer wins and
        # the second reads the same key back.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("MAONI_DEBUG")

# Served over HTTPS (behind a proxy that ends TLS and sets X-Forwarded-Proto):
# cookies only over HTTPS, plain HTTP redirected. HSTS is a promise browsers
# keep for MAONI_HSTS_SECONDS; raise it once HTTPS is known to work.
MAONI_HTTPS = env_bool("MAONI_HTTPS")
if MAONI_HTTPS:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = config.whole_number(_environ, "MAONI_HSTS_SECONDS", 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MAONI_HSTS_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = env_bool("MAONI_HSTS_PRELOAD")
# Django system checks an operator has looked at and decided about
# (e.g. security.W021 when the site is not to be preloaded); see manage.py doctor.
SILENCED_SYSTEM_CHECKS = env_list("MAONI_SILENCED_CHECKS", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # For the sitemap's templates.
    "django.contrib.sitemaps",
    "maoni.comments",
    "maoni.articles",
    "maoni.accounts",
    "maoni.moderation",
    "maoni.desk",
    "maoni.notifications",
    "maoni.pagecache",
    "maoni.operations",
    "maoni.api",
    "maoni.imports",
    "maoni.exports",
    "maoni.reports",
    "maoni.privacy",
    # The API layer; listed for its static files (the API's docs page).
    "ninja",
]

MIDDLEWARE = [
    # First, so that it stores pages as the rest leave them and a stored page
    # skips the rest.
    "maoni.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The language of the answer, inside the page store: kept pages are kept
    # per language (pagecache.store.key_of asks the same function).
    "maoni.language.Language",
    # Content-Security-Policy and Permissions-Policy: inside the page store, so
    # kept pages carry them too.
    "maoni.policy_headers.PolicyHeaders",
    # Browsers' cross-origin preflights for the API, before anything else.
    "maoni.api.cors.Preflight",
    "maoni.site.RefuseNulCharacters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages; Django pads them with random bytes against BREACH-style
    # guessing. Static files never reach it: WhiteNoise answers them above,
    # precompressed.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "maoni.urls"
WSGI_APPLICATION = "maoni.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "maoni" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maoni.site.context",
            ],
        },
    },
]

# The database: embedded SQLite under var/ unless DATABASE_URL names another
# (sqlite:///path or postgres://user@host:5432/name); see maoni/config.py and
# docs/deploy.md. MAONI_SQLITE_SYNCHRONOUS=FULL makes SQLite survive a power
# loss as well as a crash; MAONI_DB_POOL_SIZE caps PostgreSQL connections per
# process.
DATABASES = config.databases(_environ, VAR_DIR)
# PostgreSQL read replicas (DATABASE_REPLICA_URLS): reads go to them, a
# reader's own writes and pages kept for everyone to the primary (see
# maoni/routers.py). Without replicas neither the router nor its middleware
# is installed, so nothing is spent on routing.
MAONI_REPLICA_LAG_SECONDS = config.whole_number(_environ, "MAONI_REPLICA_LAG_SECONDS", 5)
# Days the e-mail address of a comment written without an account is kept
# (longer while its author still wants reply notices): manage.py purge_personal_data.
MAONI_ADDRESS_RETENTION_DAYS = config.whole_number(_environ, "MAONI_ADDRESS_RETENTION_DAYS", 180)
# Days a client key (the keyed hash of a client's network that rate limits,
# sanctions and the desk's "same client" history use) stays the same; then a
# key no one can link to the old one takes over (maoni/moderation/clients.py).
MAONI_CLIENT_KEY_DAYS = config.whole_number(_environ, "MAONI_CLIENT_KEY_DAYS", 30, minimum=1)
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["maoni.routers.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("maoni.pagecache.middleware.PageCacheMiddleware") + 1,
        "maoni.routers.ReadYourWrites",
    )

# Redis, when several app servers must share page counters, rate limits,
# questions and sessions (redis://host:6379/0). Without it, one machine's
# workers share them through var/ and the database.
MAONI_REDIS_URL = config.redis_url(_environ)
if MAONI_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": MAONI_REDIS_URL,
            "KEY_PREFIX": "maoni",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# Where the counters that tell kept pages from stale ones live: "redis",
# "database" (PostgreSQL without Redis: every app server reads the same
# table) or "file" (var/page-versions: the workers of one machine).
MAONI_PAGE_COUNTERS = config.page_counters(
    _environ, engine=DATABASES["default"]["ENGINE"], redis=MAONI_REDIS_URL
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The languages pages are written in, each named in itself (docs/languages.md).
# MAONI_LANGUAGE is the site's own; a reader's choice (the language link on
# every page) or their browser's Accept-Language comes first (maoni/language.py).
LANGUAGES = [("en", "English"), ("sw", "Kiswahili")]
LANGUAGE_CODE = config.language(_environ, "MAONI_LANGUAGE", LANGUAGES)
LANGUAGE_COOKIE_NAME = "maoni_language"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as Swahili readers write them (maoni/formats/sw/formats.py).
FORMAT_MODULE_PATH = ["maoni.formats"]
TIME_ZONE = os.environ.get("MAONI_TIME_ZONE", "Africa/Nairobi")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "maoni" / "static"]
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

# Other sites load the embed scripts by their plain names (their snippets do
# not change with each release), which WhiteNoise would cache for a minute:
# they are cached a day, then revalidated in the background for a week. The
# hashed copies collectstatic writes are cached for good, as every static file's.
WHITENOISE_ADD_HEADERS_FUNCTION = embed_script_headers

MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
CSRF_FAILURE_VIEW = "maoni.site.csrf_failure"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Mail goes to the console (the terminal `make run` serves from) unless an
# SMTP server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = config.whole_number(_environ, "EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
# Mail is sent while a request waits; a stuck SMTP server must not hold it long.
EMAIL_TIMEOUT = config.whole_number(_environ, "EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("MAONI_FROM_EMAIL", "Maoni <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address links in e-mails start with, e.g. https://news.example.org.
MAONI_BASE_URL = os.environ.get("MAONI_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Bodies larger than a comment form could ever need are refused with a 400
# before they are parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MAONI_LOG_LEVEL", "WARNING")},
}

# Maoni's own settings.
MAONI_SITE_NAME = os.environ.get("MAONI_SITE_NAME", "Maoni")
MAONI_COMMENTS_PER_PAGE = 50
# Proxies (addresses or ranges) whose X-Forwarded-For header is believed,
# e.g. "127.0.0.1,10.0.0.0/8" behind nginx. Empty: the header is ignored.
MAONI_TRUSTED_PROXIES = env_list("MAONI_TRUSTED_PROXIES", "")
MAONI_CAPTCHA_LIFETIME_SECONDS = 24 * 60 * 60
# Pages for readers who are not logged in are kept in each worker's memory
# (up to MAONI_PAGE_CACHE_MB) and served while nothing on them has changed.
MAONI_PAGE_CACHE = env_bool("MAONI_PAGE_CACHE", default=True)
MAONI_PAGE_CACHE_MB = config.whole_number(_environ, "MAONI_PAGE_CACHE_MB", 32)
# Stored pages are answered by a thin layer in front of Django (maoni.wsgi).
MAONI_PAGE_CACHE_FRONT = env_bool("MAONI_PAGE_CACHE_FRONT", default=True)
# How long a CDN or proxy may serve its copy of a public page without asking
# again (Cache-Control s-maxage); browsers always ask, and get 304s.
MAONI_SHARED_CACHE_SECONDS = config.whole_number(_environ, "MAONI_SHARED_CACHE_SECONDS", 5)
# Moderators get at most one digest of held comments per this many minutes.
MAONI_DIGEST_MINUTES = config.whole_number(_environ, "MAONI_DIGEST_MINUTES", 15)
