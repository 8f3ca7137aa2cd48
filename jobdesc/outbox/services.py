"""Writing e-mails into the outbox, and HR's «retry»: the one way the app sends mail.

`send()` (one text, any number of recipients) and `send_each()` (a text of its own for each) write one
row per recipient in the caller's transaction, so a step that is rolled back sends nothing and a step
that commits never loses its mail; after the commit, delivery tasks for the new rows are enqueued, a
few messages each. Nothing here talks to a mail server: the worker does (`delivery.py`).
"""

import logging
import re
from collections.abc import Iterable
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .errors import OutboxError
from .models import Failure, Message, MessageStatus
from .tasks import LABELS, deliver, failed_tasks

logger = logging.getLogger(__name__)

SUBJECT_LENGTH = Message._meta.get_field("subject").max_length
LINK_LENGTH = Message._meta.get_field("link").max_length
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BODY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Letter(NamedTuple):
    """One recipient's e-mail for `send_each`: a user (their address is used) or an address."""

    to: object
    subject: str
    body: str
    link: str = ""


def single_line(text: str, limit: int = SUBJECT_LENGTH) -> str:
    """A header value: line breaks and control characters become spaces, runs of spaces one, cut to `limit`."""
    text = " ".join(_CONTROL.sub(" ", str(text)).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _body(body: str, link: str) -> str:
    """The text as sent: one kind of line break, no control characters, and the link if the text lacks it."""
    body = _BODY_CONTROL.sub("", str(body).replace("\r\n", "\n").replace("\r", "\n")).rstrip()
    if link and link not in body:
        body = f"{body}\n\n{link}"
    return body + "\n"


def _address_of(recipient):
    """(user or None, address) of a recipient given as a user or as an address."""
    if isinstance(recipient, str):
        return None, recipient.strip()
    return recipient, (getattr(recipient, "email", "") or "").strip()


def _message(organisation_id, kind, recipient, subject, body, link, now) -> Message | None:
    user, address = _address_of(recipient)
    if not address:
        return None  # a person without an address gets no e-mail; the step itself goes on
    # Only a web address: the outbox page shows the link as one.
    link = single_line(link, LINK_LENGTH) if str(link).startswith(("https://", "http://")) else ""
    message = Message(
        organisation_id=organisation_id,
        recipient=user,
        to_address=address[:254],
        subject=single_line(subject),
        body=_body(body, link),
        link=link,
        kind=kind[:50],
        created_at=now,
        next_attempt_at=now,
    )
    try:
        validate_email(address)
    except ValidationError:
        # A bad address fails this message at once, visibly for HR, and nothing else.
        message.status, message.failure, message.failed_at = MessageStatus.FAILED, Failure.ADDRESS, now
        message.last_error = _("«%(address)s» is not an e-mail address.") % {"address": single_line(address, 200)}
    return message


def _organisation_id(organisation):
    return getattr(organisation, "pk", organisation)


def send(*, to, subject: str, body: str, organisation=None, link: str = "", kind: str = "") -> list[Message]:
    """Queue one e-mail to each of `to` (a user, an address, or a list of them) in the current transaction.

    Users without an address are left out, a repeated address gets one message; the subject is made one
    line, and `link` (the page the message is about) is added to the text unless it is already there.
    Returns the messages written, including any that failed at once because the address is not valid.
    """
    recipients = [to] if isinstance(to, str) or not isinstance(to, Iterable) else list(to)
    return send_each(
        (Letter(recipient, subject, body, link) for recipient in recipients), organisation=organisation, kind=kind
    )


def send_each(letters: Iterable[Letter], *, organisation=None, kind: str = "") -> list[Message]:
    """Queue a letter of its own to each recipient, in one insert and a few delivery tasks."""
    now, seen, rows = timezone.now(), set(), []
    organisation_id = _organisation_id(organisation)
    for letter in letters:
        message = _message(organisation_id, kind, letter.to, letter.subject, letter.body, letter.link, now)
        if message is None or (message.to_address.lower(), message.subject, message.body) in seen:
            continue
        seen.add((message.to_address.lower(), message.subject, message.body))
        rows.append(message)
    created = Message.objects.bulk_create(rows, batch_size=500)
    due = [message.pk for message in created if message.status == MessageStatus.PENDING]
    if due:
        # robust: a queue that cannot be written now must not turn a committed step into an error page;
        # the rows are there, and `run_periodic` enqueues what no worker has taken.
        transaction.on_commit(partial(enqueue_delivery, organisation_id, due), robust=True)
    return created


def enqueue_delivery(organisation_id, message_ids, run_after=None) -> None:
    """Delivery tasks for `message_ids`, OUTBOX_BATCH_SIZE messages each (call it after the commit)."""
    task = deliver.using(run_after=run_after) if run_after else deliver
    size = max(1, settings.OUTBOX_BATCH_SIZE)
    for start in range(0, len(message_ids), size):
        task.enqueue(organisation_id=organisation_id, message_ids=list(message_ids[start : start + size]))


@transaction.atomic
def retry_messages(*, organisation, message_ids, by) -> int:
    """HR sends failed messages again, to the recipient's current address; returns how many are queued."""
    if not by.is_hr or by.organisation_id != _organisation_id(organisation):
        raise OutboxError(_("Only an HR officer of the organisation sends its e-mails again."))
    failed = list(
        Message.objects.select_for_update(of=("self",))
        .select_related("recipient")
        .filter(organisation_id=_organisation_id(organisation), pk__in=message_ids, status=MessageStatus.FAILED)
    )
    now = timezone.now()
    for message in failed:
        user, address = _address_of(message.recipient) if message.recipient else (None, message.to_address)
        message.to_address = (address or message.to_address)[:254]
        message.status, message.attempts, message.next_attempt_at = MessageStatus.PENDING, 0, now
        message.failure, message.failed_at, message.last_error = "", None, ""
        try:
            validate_email(message.to_address)
        except ValidationError:
            message.status, message.failure, message.failed_at = MessageStatus.FAILED, Failure.ADDRESS, now
            message.last_error = _("«%(address)s» is not an e-mail address.") % {
                "address": single_line(message.to_address, 200)
            }
    Message.objects.bulk_update(
        failed, ["to_address", "status", "attempts", "next_attempt_at", "failure", "failed_at", "last_error"]
    )
    due = [message.pk for message in failed if message.status == MessageStatus.PENDING]
    if due:
        transaction.on_commit(partial(enqueue_delivery, _organisation_id(organisation), due), robust=True)
    logger.info("%s sent %d failed e-mails again", by.username, len(due))
    return len(due)


@transaction.atomic
def retry_task(*, organisation, task_id, by):
    """HR runs a failed background task of the organisation again; the failed result makes way for the new one."""
    if not by.is_hr or by.organisation_id != _organisation_id(organisation):
        raise OutboxError(_("Only an HR officer of the organisation runs its tasks again."))
    result = failed_tasks(organisation).select_for_update().filter(pk=task_id).first()
    if result is None or result.task_path not in LABELS:
        raise OutboxError(_("This task has already been run again, or it is not one of your organisation's."))
    task = import_string(result.task_path)
    arguments = result.args_kwargs
    logger.info("%s runs task %s (%s) again after: %s", by.username, result.pk, result.task_path, result.traceback)
    result.delete()
    transaction.on_commit(lambda: task.enqueue(*arguments["args"], **arguments["kwargs"]), robust=True)
