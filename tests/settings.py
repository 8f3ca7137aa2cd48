"""Test settings: the real settings with a fast password hasher and no HTTPS redirects."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# The benchmarks' own tests (tests/bench) need their app; production settings leave it out.
os.environ.setdefault("JOBDESC_BENCH", "1")

from jobdesc.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Tests never run collectstatic: WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A file, not memory, for SQLite: the live server of the browser tests then gives each of its threads
# its own connection instead of sharing the test's one (concurrent requests broke its savepoints).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per run, so two runs in one checkout (a developer and a helper script) do not collide.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-jobdesc-{os.getpid()}.sqlite3")}  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20  # noqa: F405
