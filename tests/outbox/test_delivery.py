"""Delivery through a real SMTP server on loopback: once per message, retried with backoff, failed visibly."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobdesc.outbox import delivery
from jobdesc.outbox import services as outbox
from jobdesc.outbox.errors import OutboxError
from jobdesc.outbox.models import Failure, Message, MessageStatus
from tests.outbox.worker import committed, run_tasks

pytestmark = pytest.mark.django_db


def queue(*addresses, subject="Ознакомьтесь с инструкцией"):
    with committed():
        return [m.pk for m in outbox.send(to=list(addresses), subject=subject, body="Текст письма.")]


def test_a_message_arrives_once_with_its_headers(mailbox):
    queue("ivanov@example.org")
    run_tasks()
    (received,) = mailbox.received
    message = Message.objects.get()
    assert received["Subject"] and received["To"] == "ivanov@example.org"
    assert received["Message-ID"] == message.message_id and received["Auto-Submitted"] == "auto-generated"
    assert "Текст письма." in received.get_payload(decode=True).decode()
    assert (message.status, message.attempts, message.sent_at is not None) == (MessageStatus.SENT, 0, True)


def test_delivering_the_same_messages_twice_sends_each_once(mailbox):
    ids = queue("a@example.org", "b@example.org")
    delivery.deliver(ids)
    assert delivery.deliver(ids) == {"skipped": 2}
    assert sorted(mailbox.message_ids.values()) == [1, 1]


def test_a_refused_recipient_fails_that_message_only(mailbox):
    mailbox.refuse["gone@example.org"] = "550 5.1.1 No such user"
    ids = queue("gone@example.org", "here@example.org")
    assert delivery.deliver(ids) == {"failed": 1, "sent": 1}
    gone, here = Message.objects.get(pk=ids[0]), Message.objects.get(pk=ids[1])
    assert (gone.status, gone.failure) == (MessageStatus.FAILED, Failure.REFUSED)
    assert "No such user" in gone.last_error and here.status == MessageStatus.SENT


def test_a_temporary_refusal_is_retried_later_with_a_longer_wait_each_time(mailbox, settings):
    settings.OUTBOX_RETRY_DELAYS = [60, 300]
    mailbox.refuse["full@example.org"] = "452 4.2.2 Mailbox full"
    (pk,) = queue("full@example.org")
    before = timezone.now()
    assert delivery.deliver([pk]) == {"deferred": 1}
    message = Message.objects.get(pk=pk)
    assert (message.status, message.attempts) == (MessageStatus.PENDING, 1)
    assert message.next_attempt_at >= before + datetime.timedelta(seconds=60)
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry.run_after == message.next_attempt_at and retry.args_kwargs["kwargs"]["message_ids"] == [pk]


def test_a_server_that_is_down_defers_the_whole_batch_and_fails_it_after_the_last_attempt(smtp_down, quick_retries):
    ids = queue("a@example.org", "b@example.org", "c@example.org")
    run_tasks()
    messages = list(Message.objects.filter(pk__in=ids))
    assert {(m.status, m.attempts, m.failure) for m in messages} == {(MessageStatus.FAILED, 3, Failure.SERVER)}
    assert all("Connection refused" in m.last_error or "Errno" in m.last_error for m in messages)
    # One task per attempt for the whole batch, not one per message.
    assert DBTaskResult.objects.count() == 3


def test_mail_that_failed_goes_out_once_the_server_is_back(smtp_down, quick_retries, hr, settings, smtp_server):
    (pk,) = queue("a@example.org")
    run_tasks()
    assert Message.objects.get(pk=pk).status == MessageStatus.FAILED
    mailbox, port = smtp_server
    settings.EMAIL_PORT = port
    with pytest.raises(OutboxError):
        outbox.retry_messages(organisation=None, message_ids=[pk], by=hr)
    Message.objects.filter(pk=pk).update(organisation=hr.organisation)
    with committed():
        assert outbox.retry_messages(organisation=hr.organisation, message_ids=[pk], by=hr) == 1
    run_tasks()
    assert Message.objects.get(pk=pk).status == MessageStatus.SENT and len(mailbox) == 1
