"""Settings for jobdesc, read from the environment (see README.md, «Configuration»)."""

import datetime
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

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
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for development).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# The benchmarks (`manage.py bench`, jobdesc/bench) are a development tool: installed with DEBUG, or where
# JOBDESC_BENCH=1 says so (`make bench` and its production-like child processes, the test settings).
BENCH = env.bool("JOBDESC_BENCH", default=DEBUG)

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
    "jobdesc.demo",
    "axes",
    "csp",
    *(["jobdesc.bench"] if BENCH else []),
    # Django's tasks API (the django-tasks backport until Django 6) with its database backend («Background work»).
    "django_tasks",
    "django_tasks_db",
    "jobdesc.outbox",
    "jobdesc.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A logged-in person's own language, else their organisation's, wins over the browser's.
    "jobdesc.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A lost database answers with the 503 page instead of a traceback; the request's writes are rolled back.
    "jobdesc.faults.DatabaseUnavailableMiddleware",
    # NUL characters are dropped from every query and form value before a view sees them (jobdesc/input_rules.py).
    "jobdesc.input_rules.NulCharacterMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
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
                "jobdesc.menu.menu",
            ],
            "libraries": {"lists": "jobdesc.lists"},
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
# The web server and the worker are two processes writing to one SQLite file: readers must not block the
# writer (WAL), and a writer waits for the other instead of failing at once.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL;")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Argon2id first, with costs measured for bursts of logins (jobdesc/accounts/hashers.py): new passwords
# get it, and a password hashed by another of these (PBKDF2 before it) is rehashed at its next login.
PASSWORD_HASHERS = [
    "jobdesc.accounts.hashers.LoginArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
# The interface's languages; a document's are another list on purpose (`jobdesc.languages`).
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
# Uploaded files: stored PDFs and logos on S3-compatible object storage when STORAGE_URL=s3://bucket/prefix,
# so that several app servers share them. AWS_S3_ENDPOINT_URL names a non-Amazon service; django-storages reads
# the credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself.
STORAGE_URL = env("STORAGE_URL", default="")
STORAGE_ORIGINS = []  # where signed logo URLs point, for the Content Security Policy
_default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if STORAGE_URL.startswith("s3://"):
    _bucket, _, _prefix = STORAGE_URL.removeprefix("s3://").partition("/")
    _default_storage = {
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
    STORAGE_ORIGINS = [_default_storage["OPTIONS"]["endpoint_url"] or "https://*.amazonaws.com"]
elif STORAGE_URL and not STORAGE_URL.startswith("file://"):
    raise ImproperlyConfigured("STORAGE_URL must be s3://bucket[/prefix] (or empty for MEDIA_ROOT).")

STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# filemail:///var/mail (what `make run` writes) keeps each e-mail as a file under the project's var/mail/.
if EMAIL_CONFIG.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = str(BASE_DIR / EMAIL_CONFIG["EMAIL_FILE_PATH"])
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="jobdesc@localhost")

# The similarity model of the clause library (jobdesc/library/similarity.py): "e5" (bundled, offline) or "lemmas".
SIMILARITY_MODEL = env("SIMILARITY_MODEL", default="e5")

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
        # django-axes announces itself at INFO in every command; its lockout warnings stay visible.
        "axes": {"level": "WARNING"},
    },
}

# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one login from one address, that pair is
# locked for AXES_COOLOFF_MINUTES. Attempts live in the database, so every app server sees them.
# Each after the first two answers only once its part is configured; a login also works by e-mail address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "jobdesc.accounts.backends.EmailBackend",
    "jobdesc.orgs.sso.DirectoryBackend",
    "jobdesc.orgs.sso.OpenIDBackend",
]
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

# Sessions live in the database (Django's default engine) and the cache, which nothing relies on for
# correctness, comes from CACHE_URL: set dbcache:// or redis:// to share it between app servers.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# --- Background work and outgoing mail (README, «Background worker») ----------------------------------
# Django's tasks API (the django-tasks backport until Django 6) with its database backend: tasks are rows of
# the app's own database, taken by `manage.py db_worker` processes (with SKIP LOCKED on PostgreSQL, so any
# number of workers on any number of machines share one queue). E-mails go out through the outbox
# (jobdesc/outbox): a row written in the step's transaction, sent by the worker after commit.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
# An SMTP server that accepts the connection and then hangs must not hold a worker for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Messages per delivery task: a request that mails 1 000 people enqueues 20 tasks.
OUTBOX_BATCH_SIZE = env.int("OUTBOX_BATCH_SIZE", default=50)
# Seconds before each retry of a message that could not be sent; after the last one it is marked failed.
OUTBOX_RETRY_DELAYS = env.list("OUTBOX_RETRY_DELAYS", cast=int, default=[60, 300, 1800, 7200])
# `run_periodic` sends again what has waited this long without a worker taking it (minutes).
OUTBOX_STUCK_MINUTES = env.int("OUTBOX_STUCK_MINUTES", default=10)
# A library change confirmed for more instructions than this is carried into them on the worker.
PROPAGATION_SYNC_LIMIT = env.int("PROPAGATION_SYNC_LIMIT", default=20)
# HR's page of mail problems lists messages still unsent after this long (minutes).
OUTBOX_LATE_MINUTES = env.int("OUTBOX_LATE_MINUTES", default=30)
# A task a worker took this long ago and never finished is marked failed by `run_periodic` (minutes).
TASK_ABANDONED_MINUTES = env.int("TASK_ABANDONED_MINUTES", default=60)
# Finished task results are pruned by `run_periodic` after this many days (failed ones after three times as long).
TASK_RESULTS_KEEP_DAYS = env.int("TASK_RESULTS_KEEP_DAYS", default=14)
# The largest scan of a signed acknowledgement sheet HR may upload (bytes).
ACK_SCAN_MAX_BYTES = env.int("ACK_SCAN_MAX_BYTES", default=20 * 1024 * 1024)
# The jobs of `manage.py run_periodic`, in order; each is a function of the time of the run.
PERIODIC_JOBS = [
    "jobdesc.outbox.periodic.send_stuck_messages",
    "jobdesc.outbox.periodic.fail_abandoned_tasks",
    "jobdesc.outbox.periodic.prune_task_results",
    "jobdesc.instructions.acknowledgements.reminders.run_campaigns",
    "jobdesc.api.periodic.send_stuck_deliveries",
    "jobdesc.api.periodic.prune_api_records",
]
# Fernet key(s) that encrypt the organisation's seal key at rest (documents/seal.py); comma-separated to rotate.
DOCUMENT_SEAL_KEY = env("DOCUMENT_SEAL_KEY", default="")
# --- People, invitations and single sign-on (README, «People and logins», «Single sign-on») --------------
# LDAP / Active Directory: the directory's address, an account that may search it, where people are and by
# which attribute they log in. Empty LDAP_SERVER_URI: no directory sign-in.
LDAP_SERVER_URI = env("LDAP_SERVER_URI", default="")
LDAP_START_TLS = env.bool("LDAP_START_TLS", default=False)
LDAP_BIND_DN = env("LDAP_BIND_DN", default="")
LDAP_BIND_PASSWORD = env("LDAP_BIND_PASSWORD", default="")
LDAP_SEARCH_BASE = env("LDAP_SEARCH_BASE", default="")
LDAP_USER_ATTRIBUTE = env("LDAP_USER_ATTRIBUTE", default="uid")  # sAMAccountName for Active Directory
LDAP_EMAIL_ATTRIBUTE = env("LDAP_EMAIL_ATTRIBUTE", default="mail")
LDAP_TIMEOUT = env.int("LDAP_TIMEOUT", default=5)
# OpenID Connect (mozilla-django-oidc): the client registered at the provider and the provider's endpoints.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="OpenID Connect")
OIDC_RP_SCOPES = "openid email profile"
OIDC_CREATE_USER = False  # only invited people log in
OIDC_USE_NONCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=failed"

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
        # With OpenID Connect the login button leads to the provider's page.
        "form-action": [SELF, *([OIDC_OP_AUTHORIZATION_ENDPOINT] if OIDC_OP_AUTHORIZATION_ENDPOINT else [])],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- The REST API and webhooks (jobdesc/api, README «API») ------------------------------------------
# Requests per token in a sliding window of this many seconds; more answer 429 with Retry-After.
API_RATE_LIMIT = (env.int("API_RATE_LIMIT", default=120), env.int("API_RATE_WINDOW", default=60))
# Networks a webhook may reach although they are not public (loopback, private, link-local are refused
# otherwise), e.g. WEBHOOK_ALLOWED_NETWORKS=10.20.0.0/16 for a system in the organisation's own network.
WEBHOOK_ALLOWED_NETWORKS = env.list("WEBHOOK_ALLOWED_NETWORKS", default=[])
# Seconds before each retry of a failed delivery; after the last one it is marked failed.
WEBHOOK_RETRY_DELAYS = env.list("WEBHOOK_RETRY_DELAYS", cast=int, default=[30, 120, 600, 3600, 14400])
WEBHOOK_TIMEOUT = env.int("WEBHOOK_TIMEOUT", default=10)
# A delivery «sending» or overdue this long is queued again by `run_periodic` (minutes).
WEBHOOK_STUCK_MINUTES = env.int("WEBHOOK_STUCK_MINUTES", default=15)
# The delivery log keeps finished deliveries this many days; a create's Idempotency-Key is kept this many hours.
WEBHOOK_LOG_DAYS = env.int("WEBHOOK_LOG_DAYS", default=30)
API_IDEMPOTENCY_HOURS = env.int("API_IDEMPOTENCY_HOURS", default=24)
