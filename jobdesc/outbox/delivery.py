"""Sending queued messages: what the delivery task does with each, and how a failure is judged.

A task's messages are taken by one worker only (a conditional update from «pending» to «sending»,
after SKIP LOCKED on PostgreSQL, in one commit), then each is sent and marked «sent» at once, so a
message already sent is never sent again: not by a second worker, not by the same task run twice, not
after a restart. One commit a message is what bounds the rate (see `make bench`). A failure is
judged by its cause: a bad recipient fails (or retries) that message only; a server that cannot be
reached or refuses the connection defers the rest of the batch with it. Retries wait longer each time
(OUTBOX_RETRY_DELAYS); after the last one the message is marked failed and HR sees it.

One case cannot be made exact with SMTP: a worker killed outright (power cut, SIGKILL) leaves its
task's unsent messages «sending»; after OUTBOX_STUCK_MINUTES `run_periodic` sends them again. Only the
one whose SMTP conversation was under way can then arrive twice (with the same Message-ID, which
receiving servers use to drop a repeat).
"""

import logging
import smtplib
import uuid
from collections import Counter, defaultdict
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.mail import BadHeaderError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import Failure, Message, MessageStatus

logger = logging.getLogger(__name__)

PERMANENT, TEMPORARY, SERVER = "permanent", "temporary", "server"


def judge(error: BaseException) -> str:
    """PERMANENT or TEMPORARY: about this message only; SERVER: about every message sent now."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return PERMANENT if codes and all(code >= 500 for code in codes) else TEMPORARY
    if isinstance(error, smtplib.SMTPDataError):
        return PERMANENT if error.smtp_code >= 500 else TEMPORARY
    if isinstance(error, BadHeaderError | UnicodeError | ValueError):
        return PERMANENT  # the message itself cannot be written out
    return SERVER  # refused or lost connection, timeout, authentication, the sender refused, anything else


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait after the `attempts`-th failure, or None when that was the last attempt."""
    delays = settings.OUTBOX_RETRY_DELAYS
    return timedelta(seconds=delays[attempts - 1]) if attempts <= len(delays) else None


def claim(pks, token: str) -> list[Message]:
    """Take the pending messages among `pks` for this run; those sent, failed or another worker's are left."""
    now = timezone.now()
    taking = Message.objects.filter(pk__in=pks, status=MessageStatus.PENDING)
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            # Rows another worker is taking are skipped at once instead of waited for.
            free = list(taking.select_for_update(skip_locked=True).values_list("pk", flat=True))
            taking.filter(pk__in=free).update(status=MessageStatus.SENDING, claimed_at=now, claimed_by=token)
    else:
        # SQLite has one writer at a time: the conditional update alone decides who takes a row.
        taking.update(status=MessageStatus.SENDING, claimed_at=now, claimed_by=token)
    return list(Message.objects.filter(pk__in=pks, status=MessageStatus.SENDING, claimed_by=token).order_by("pk"))


def _mark_sent(message) -> None:
    sent = {"status": MessageStatus.SENT, "sent_at": timezone.now(), "failure": "", "last_error": "", "claimed_by": ""}
    if _unchanged(message).update(**sent):
        return
    # `run_periodic` took this send for an interrupted one: unless a worker has it again already, it is done.
    if not Message.objects.filter(pk=message.pk, status=MessageStatus.PENDING).update(**sent):
        logger.warning("E-mail %s was sent while another worker sent it again", message.pk)


def _unchanged(message):
    """The message's row as this run last saw it: never overwrite what another worker has done since."""
    return Message.objects.filter(pk=message.pk, status=message.status, claimed_by=message.claimed_by)


def _give_up(message, *, failure, error, now) -> None:
    _unchanged(message).update(
        status=MessageStatus.FAILED,
        attempts=F("attempts") + 1,
        failed_at=now,
        failure=failure,
        last_error=describe(error),
        claimed_by="",
    )


def _postpone(messages, *, failure, error, now, later) -> None:
    """Count a failed attempt on each message: wait for the next one, or fail after the last."""
    for message in messages:
        attempts = message.attempts + 1
        delay = retry_delay(attempts)
        if delay is None:
            _give_up(message, failure=failure, error=error, now=now)
            continue
        _unchanged(message).update(
            status=MessageStatus.PENDING,
            attempts=attempts,
            next_attempt_at=now + delay,
            failure=failure,
            last_error=describe(error),
            claimed_by="",
        )
        later[now + delay].append(message.pk)


def deliver(message_ids, *, organisation_id=None) -> dict:
    """Send each of `message_ids` still pending; returns how many were sent, failed, deferred or skipped."""
    token, tally, later = uuid.uuid4().hex, Counter(), defaultdict(list)
    taken = claim(message_ids, token)
    if len(taken) < len(message_ids):
        tally["skipped"] = len(message_ids) - len(taken)
    backend = mail.get_connection()
    try:
        for index, message in enumerate(taken):
            try:
                backend.open()
                backend.send_messages([message.as_email(backend)])
            except Exception as error:  # every failure is recorded on the message; none stops the worker
                now, verdict = timezone.now(), judge(error)
                logger.warning("E-mail %s to %s not sent (%s): %s", message.pk, message.to_address, verdict, error)
                if verdict == PERMANENT:
                    _give_up(message, failure=Failure.REFUSED, error=error, now=now)
                    tally["failed"] += 1
                elif verdict == TEMPORARY:
                    _postpone([message], failure=Failure.REFUSED, error=error, now=now, later=later)
                    tally["deferred"] += 1
                else:
                    _postpone(taken[index:], failure=Failure.SERVER, error=error, now=now, later=later)
                    tally["deferred"] += len(taken) - index
                    break
            else:
                _mark_sent(message)
                tally["sent"] += 1
    finally:
        _close(backend)
    if later:
        # Imported here: services imports the tasks, which import this module.
        from .services import enqueue_delivery

        for run_after, pks in sorted(later.items()):
            enqueue_delivery(organisation_id, pks, run_after=run_after)
    return dict(tally)


def _close(backend) -> None:
    try:
        backend.close()
    except Exception as error:  # a server that went away while we said goodbye changes nothing
        logger.info("Closing the mail connection: %s", error)
