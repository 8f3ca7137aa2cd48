"""Settings for jobdesc, read from the environment (see README.md, «Configuration»)."""

import datetime
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local .env (written by `make run`) holds the development settings; tests of the settings skip it.
if not env.bool("JOBDESC_NO_DOTENV", default=False):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Without DEBUG a real secret is mandatory; the development default is never used in production.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key" if DEBUG else None)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for development).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_fsm",
    "simple_history",
    "jobdesc.accounts",
    "jobdesc.orgs",
    "jobdesc.library",
    "jobdesc.instructions",
    "jobdesc.documents",
    "jobdesc.grammar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jobdesc.urls"
WSGI_APPLICATION = "jobdesc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'jobdesc.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# The source documents the shared clause library is built from (`build_clause_fixture`); beside the
# repository by default, anywhere else with JOBDESC_SEEDS.
SEEDS_DIR = env.path("JOBDESC_SEEDS", default=BASE_DIR.parent / "shared" / "seeds")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="jobdesc@localhost")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Production hardening: on unless DEBUG, each switch can be turned off from the environment
# (for example behind a proxy that terminates TLS on a private network).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # These libraries log every dictionary load and layout step at INFO: noise in commands and logs.
    "loggers": {
        "pymorphy3": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Hardening and scale-out (README, «Deployment») -------------------------------------------------
INSTALLED_APPS += ["axes", "csp", "jobdesc.bench"]
MIDDLEWARE += [
    "csp.middleware.CSPMiddleware",
    # A lost database answers with the 503 page instead of a traceback; the request's writes are rolled back.
    "jobdesc.faults.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one login from one address, that pair is
# locked for AXES_COOLOFF_MINUTES. Attempts live in the database, so every app server sees them.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "429.html"
AXES_CLIENT_IP_CALLABLE = "jobdesc.accounts.throttling.client_ip"
# Behind N reverse proxies (nginx, a load balancer) the client is the N-th address from the end of
# X-Forwarded-For; with 0 it is the connection's own address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Uploaded files: stored PDFs and logos on S3-compatible object storage when STORAGE_URL=s3://bucket/prefix,
# so that several app servers share them. AWS_S3_ENDPOINT_URL names a non-Amazon service; django-storages reads
# the credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself.
STORAGE_URL = env("STORAGE_URL", default="")
STORAGE_ORIGINS = []  # where signed logo URLs point, for the Content Security Policy
if STORAGE_URL.startswith("s3://"):
    _bucket, _, _prefix = STORAGE_URL.removeprefix("s3://").partition("/")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "location": _prefix.strip("/"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            # Private objects: PDFs are streamed by the app after its permission check, logos by signed URLs.
            "default_acl": None,
            "querystring_auth": True,
            # A stored PDF is what employees signed: a name that exists is never overwritten.
            "file_overwrite": False,
        },
    }
    STORAGE_ORIGINS = [STORAGES["default"]["OPTIONS"]["endpoint_url"] or "https://*.amazonaws.com"]
elif STORAGE_URL and not STORAGE_URL.startswith("file://"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("STORAGE_URL must be s3://bucket[/prefix] (or empty for MEDIA_ROOT).")

# Sessions live in the database (Django's default engine) and the cache, which nothing relies on for
# correctness, comes from CACHE_URL: set dbcache:// or redis:// to share it between app servers.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# Content Security Policy: only the app's own scripts and styles; no inline script anywhere, and the one
# inline style (the document's per-organisation margins and font size) carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        # data: for the QR code of the preview; the storage's own host for signed logo URLs.
        "img-src": [SELF, "data:", *STORAGE_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# django-axes announces itself at INFO in every command; its lockout warnings stay visible.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
