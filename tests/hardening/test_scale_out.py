"""Scale-out: two app servers against one PostgreSQL database and one S3-compatible bucket act as one app.

Two gunicorn processes run on their own loopback ports with the same settings, as behind a load
balancer; the bucket is moto's S3 server on loopback. A person logs in on one server and carries on
on the other (the session is in the database), a PDF stored by one is downloaded from the other (the
file is in the bucket), and nothing depends on which process answered.
"""

import hashlib
import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.db import connection

from jobdesc.bench.load import free_port, wait_until_serving
from jobdesc.instructions.models import Acknowledgement, AckStatus, Status, Version
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

BUCKET = "jobdesc-scale-out"
PREFIX = "media"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_S3_REGION_NAME": "us-east-1"}
# Where the app servers (tests.settings) would keep files if the bucket were not used.
APP_MEDIA_ROOT = Path(settings.BASE_DIR) / "var" / "test-media"


@contextmanager
def running(command, url, log, environment=None):
    """A child process that serves `url`, stopped (by its own pid) however the test ends."""
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        wait_until_serving(url, process, log)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def bucket(tmp_path):
    """An empty bucket on moto's S3 server; yields the environment that points the app at it."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: several app servers share one database server")
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with running(command, endpoint, tmp_path / "moto.log"):
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=CREDENTIALS["AWS_S3_REGION_NAME"],
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )
        s3.create_bucket(Bucket=BUCKET)
        yield s3, {"STORAGE_URL": f"s3://{BUCKET}/{PREFIX}", "AWS_S3_ENDPOINT_URL": endpoint, **CREDENTIALS}


def database_url() -> str:
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "postgres")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def app_servers(transactional_db, reference_data, bucket, tmp_path):
    """Two gunicorn processes with the same settings, database and bucket; yields their base URLs."""
    _s3, storage = bucket
    environment = {
        **{key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG", "PYTHONPATH")},
        **storage,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "JOBDESC_NO_DOTENV": "1",
        "DATABASE_URL": database_url(),
        # Plain HTTP on loopback: the cookies cannot be marked HTTPS-only here.
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }
    urls = Servers()
    urls.environment = environment
    with running_apps(environment, tmp_path, urls):
        yield urls


class Servers(list):
    """The app servers' base URLs, with the environment they run in (a worker started with it shares both)."""

    environment: dict


def run_worker_once(environment):
    """The background worker, with the app servers' settings, until the queue is empty: it stores the approved PDF."""
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
        timeout=300,
        capture_output=True,
    )


@contextmanager
def running_apps(environment, tmp_path, urls):
    ports = [free_port(), free_port()]
    commands = [
        [sys.executable, "-m", "gunicorn", "jobdesc.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"]
        for port in ports
    ]
    with (
        running(commands[0], f"http://127.0.0.1:{ports[0]}/accounts/login/", tmp_path / "app-a.log", environment),
        running(commands[1], f"http://127.0.0.1:{ports[1]}/accounts/login/", tmp_path / "app-b.log", environment),
    ):
        urls.extend(f"http://127.0.0.1:{port}" for port in ports)
        yield


class Browser:
    """One person's browser: a cookie jar shared by every server it talks to, as behind one load balancer."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, url):
        with self.opener.open(url, timeout=60) as response:
            return response.status, response.read()

    def post(self, url, form_page_url, data):
        """Submit a form the way a browser does: with the CSRF token of the page that shows it."""
        _status, page = self.get(form_page_url)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(url, data=body, method="POST")
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def log_in(self, server, username):
        status, _body = self.post(
            f"{server}/accounts/login/", f"{server}/accounts/login/", {"username": username, "password": PASSWORD}
        )
        assert status == 302, f"login of {username} on {server}: {status}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, request, response, code, message, headers):
        return response


@pytest.fixture
def on_approval(complete_draft, hr, lawyer, employee_user):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    workflow.agree(version=complete_draft, user=lawyer)
    return complete_draft


def test_two_app_servers_share_sessions_and_stored_pdfs_through_the_database_and_the_bucket(
    app_servers, bucket, on_approval, approver, employee_user
):
    first, second = app_servers
    s3, _storage = bucket
    version_page = f"/instructions/version/{on_approval.pk}/"

    director = Browser()
    director.log_in(first, "director")
    status, page = director.get(second + version_page)
    assert status == 200 and b'id="approve-form"' in page

    status, _body = director.post(
        f"{second}/instructions/version/{on_approval.pk}/approve/",
        second + version_page,
        {"password": PASSWORD, "effective_date": "2026-01-01"},
    )
    assert status == 302
    # The approval renders nothing itself: the worker stores the PDF in the bucket after the commit.
    run_worker_once(app_servers.environment)
    version = Version.objects.get(pk=on_approval.pk)
    assert version.status == Status.APPROVED
    stored = s3.get_object(Bucket=BUCKET, Key=f"{PREFIX}/{version.pdf.name}")["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == version.pdf_sha256
    assert not (APP_MEDIA_ROOT / version.pdf.name).exists()

    status, downloaded = director.get(f"{first}/documents/version/{version.pk}.pdf")
    assert status == 200
    assert downloaded == stored

    employee = Browser()
    employee.log_in(second, "manager")
    ack = Acknowledgement.objects.get(version=version, employee__user=employee_user)
    status, _body = employee.post(
        f"{first}/instructions/mine/{ack.pk}/sign/", f"{second}/instructions/mine/{ack.pk}/", {"password": PASSWORD}
    )
    assert status == 302
    signed = Acknowledgement.objects.get(pk=ack.pk)
    assert signed.status == AckStatus.SIGNED and signed.pdf_sha256 == version.pdf_sha256
