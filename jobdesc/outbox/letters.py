"""E-mails written from templates: rendered in the recipient's language, with absolute links, queued in the outbox.

Every such message is a pair of templates, `templates/mail/<name>_subject.txt` and `templates/mail/<name>.txt`,
rendered with the organisation and `site_url` in the recipient's language (their own choice, else the
organisation's), then written into the outbox in the caller's transaction like every other e-mail: a step
that is rolled back sends nothing, a failed delivery is retried and shown to HR.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import services


def absolute_url(path: str) -> str:
    """`path` on the site's configured address (`SITE_URL`), as e-mails and printed pages need it."""
    return settings.SITE_URL.rstrip("/") + path


def send(*, to, template: str, organisation, language: str = "", context=None, kind: str = ""):
    """Queue `template` to `to` (a user or an address) in `language`; returns the outbox messages written.

    The context's `link`, when there is one, is the page the message is about (the outbox keeps it apart).
    """
    values = {"organisation": organisation, "site_url": settings.SITE_URL.rstrip("/"), **(context or {})}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"mail/{template}_subject.txt", values).split())
        body = render_to_string(f"mail/{template}.txt", values)
    return services.send(
        to=to, subject=subject, body=body, organisation=organisation, link=values.get("link", ""), kind=kind or template
    )
