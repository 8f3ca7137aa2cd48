"""Settings come from the environment, and production defaults pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    # The test settings put their own switches into os.environ; a production check must not inherit them.
    environment = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "PYTHONPATH"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="jobdesc.settings", JOBDESC_NO_DOTENV="1")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environment, capture_output=True, text=True
    )


def check_deploy(**environment):
    """`check --deploy` failing on warnings, in production settings with a real secret and `environment`."""
    return run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="jobdesc.example.org",
        **{"SITE_URL": "https://jobdesc.example.org", **environment},
    )


def test_check_deploy_is_clean_without_debug_and_with_a_real_secret():
    result = check_deploy()
    assert result.returncode == 0, result.stderr + result.stdout


def installed_apps(**environment):
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(' '.join(settings.INSTALLED_APPS))", **environment
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_settings_leave_the_benchmarks_out_and_development_has_them():
    production = installed_apps(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50))
    assert "jobdesc.bench" not in production
    assert "jobdesc.demo" in production  # `make run` seeds the demo with it
    assert "jobdesc.bench" in installed_apps(DEBUG="1")
    assert "jobdesc.bench" in installed_apps(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), JOBDESC_BENCH="1")


def test_it_refuses_to_start_in_production_without_a_secret():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_database_comes_from_database_url():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/jobdesc",
    )
    assert result.stdout.strip().endswith("django.db.backends.postgresql"), result.stderr
