"""Real `manage.py db_worker` processes against the test database, for the tests that stop and start them."""

import os
import signal
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager

from django.conf import settings
from django.db import connection


def database_url() -> str:
    """The test database (the one this test writes to), as a URL for a child process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = urllib.parse.quote(db["USER"] or "postgres")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_environment(smtp_port: int, **extra) -> dict:
    """Production settings for a worker, sending through the test SMTP server on loopback."""
    inherited = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG", "PYTHONPATH")}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "jobdesc.settings",
        "JOBDESC_NO_DOTENV": "1",
        "DEBUG": "0",
        "SECRET_KEY": "worker-test-secret-key-not-for-production-0123456789-abcdefgh",
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "PYTHONUNBUFFERED": "1",
        **{key: str(value) for key, value in extra.items()},
    }


def worker_command(*options) -> list[str]:
    return [
        sys.executable,
        str(settings.BASE_DIR / "manage.py"),
        "db_worker",
        "--queue-name=*",
        "--no-reload",
        "--no-startup-delay",
        "--interval=0.05",
        *options,
    ]


@contextmanager
def worker(log, environment, *options):
    """A worker process, ended (by its own pid) however the test ends."""
    with log.open("w") as output:
        process = subprocess.Popen(
            worker_command(*options), cwd=settings.BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def wait_for(condition, *, timeout, what, process=None, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the worker stopped while waiting for {what}:\n{log.read_text()[-3000:]}")
        time.sleep(0.02)
    raise AssertionError(f"no {what} within {timeout} s" + (f":\n{log.read_text()[-3000:]}" if log else ""))


def stop(process, sig=signal.SIGTERM, timeout=60) -> int:
    process.send_signal(sig)
    return process.wait(timeout=timeout)
