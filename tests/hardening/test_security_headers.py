"""Production settings and response headers: HTTPS only, secure cookies, HSTS and a Content Security Policy
that allows no inline script — so the templates must carry none."""

import json
import re
import secrets
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import login
from tests.test_settings import check_deploy, run_manage

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE = {
    "an inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "an inline style element without the request's nonce": re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I),
    "a style attribute": re.compile(r"\sstyle=", re.IGNORECASE),
    "an event handler attribute": re.compile(r"\son[a-z]+=", re.IGNORECASE),
    "an htmx inline handler": re.compile(r"\shx-on", re.IGNORECASE),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def template_names():
    return sorted(str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize(
    "name",
    template_names(),
)
def test_no_template_carries_inline_script_or_style(name):
    text = (TEMPLATES / name).read_text()
    found = [what for what, pattern in INLINE.items() if pattern.search(text)]
    assert not found, f"{name} has {', '.join(found)}"


def test_htmx_is_told_not_to_inject_its_indicator_style(hr_client):
    page = hr_client.get(reverse("home")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in page


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_page_carries_a_policy_without_inline_scripts(hr_client):
    directives = policy(hr_client.get(reverse("home")))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_the_preview_s_own_style_carries_the_nonce_of_its_policy(approved_version, hr):
    response = login(hr).get(reverse("instructions:preview", args=[approved_version.pk]))
    nonce = re.search(r"<style nonce=\"([^\"]+)\"", response.content.decode())
    assert nonce, "the preview's <style> has no nonce"
    assert f"'nonce-{nonce.group(1)}'" in policy(response)["style-src"]


def test_the_login_page_over_https_is_marked_https_only(db, client):
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def production(**environment):
    environment = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "jobdesc.example.org",
        **environment,
    }
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE,"
        "'hsts': s.SECURE_HSTS_SECONDS, 'redirect': s.SECURE_SSL_REDIRECT, 'axes': s.AXES_ENABLED,"
        "'last_middleware': s.MIDDLEWARE[-1], 'backends': s.AUTHENTICATION_BACKENDS,"
        "'storage': s.STORAGES['default']['BACKEND'], 'script_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']"
        "['script-src']}))"
    )
    result = run_manage("shell", "-c", script, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_are_https_only_with_secure_cookies_and_throttled_logins():
    values = production()
    assert values["session_secure"] and values["csrf_secure"] and values["redirect"]
    assert values["hsts"] >= 31536000
    assert values["axes"] is True
    assert values["last_middleware"] == "axes.middleware.AxesMiddleware"
    assert values["backends"][0] == "axes.backends.AxesStandaloneBackend"
    assert values["script_src"] == ["'self'"]
    assert values["storage"] == "django.core.files.storage.FileSystemStorage"


def test_check_deploy_stays_clean_with_files_on_object_storage():
    result = check_deploy(
        STORAGE_URL="s3://jobdesc-files/production", AWS_S3_ENDPOINT_URL="https://storage.example.org"
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_storage_url_switches_stored_files_to_object_storage():
    values = production(STORAGE_URL="s3://jobdesc-files/prod", AWS_S3_ENDPOINT_URL="https://storage.example.org")
    assert values["storage"] == "storages.backends.s3.S3Storage"


def test_an_unknown_storage_url_stops_the_start():
    result = run_manage("check", DEBUG="1", STORAGE_URL="ftp://files.example.org/")
    assert result.returncode != 0
    assert "STORAGE_URL" in result.stderr
