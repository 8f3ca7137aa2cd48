"""Deployment check: SITE_URL, which every e-mail link and printed verification code uses, must name the real site."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1", ""}


@register(Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
    host = (urlsplit(settings.SITE_URL).hostname or "").lower()
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in e-mails and the QR code on printed pages would point "
                "at this machine, not at the site.",
                hint="Set SITE_URL to the address people open, e.g. https://jobdesc.example.org.",
                id="jobdesc.W001",
            )
        ]
    return []
