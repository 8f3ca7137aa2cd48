"""The one way the product sends an e-mail: in the recipient's language, with absolute links, after the commit.

Every message is a pair of templates, `templates/mail/<name>_subject.txt` and `templates/mail/<name>.txt`,
rendered in the recipient's language with the organisation's name and links built from `SITE_URL`. The
message is rendered and handed to Django's mail backend only once the transaction that caused it has
committed, so a rolled-back action never sends anything.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Recipient:
    address: str
    language: str


def absolute_url(path: str) -> str:
    """`path` on the site's configured address (`SITE_URL`), as e-mails and printed pages need it."""
    return settings.SITE_URL.rstrip("/") + path


def recipient(user) -> Recipient | None:
    """The user's address and language, or None when they have no e-mail."""
    return Recipient(user.email, user.interface_language) if user.email else None


def send(*, to: Recipient | None, template: str, organisation, context=None) -> None:
    """Send `template` to `to` once the current transaction commits (at once outside a transaction)."""
    if to is None or not to.address:
        return
    values = {"organisation": organisation, "site_url": settings.SITE_URL.rstrip("/"), **(context or {})}
    transaction.on_commit(lambda: _deliver(to, template, values))


def _deliver(to: Recipient, template: str, values: dict) -> None:
    with translation.override(to.language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"mail/{template}_subject.txt", values).split())
        body = render_to_string(f"mail/{template}.txt", values)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to.address]).send()
