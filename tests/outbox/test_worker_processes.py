"""Real worker processes: stopped and started again mid-way, killed outright, and two at once on PostgreSQL.

A test SMTP server on loopback counts what arrives, by each message's Message-ID (the same at every
attempt of one message).
"""

import io
import signal

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobdesc.outbox import services as outbox
from jobdesc.outbox.models import Message, MessageStatus
from jobdesc.outbox.services import enqueue_delivery
from tests.outbox.processes import stop, wait_for, worker, worker_environment

pytestmark = pytest.mark.django_db(transaction=True)


def run_periodic_as_if_later(settings):
    """`run_periodic` once its time limits have passed (here at once): what a stopped worker held is taken up."""
    settings.OUTBOX_STUCK_MINUTES = settings.TASK_ABANDONED_MINUTES = 0
    call_command("run_periodic", stdout=io.StringIO())
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()


def queue(count, settings, batch):
    settings.OUTBOX_BATCH_SIZE = batch
    return outbox.send(to=[f"employee{n}@example.org" for n in range(count)], subject="Ознакомьтесь", body="Текст")


def test_a_worker_stopped_mid_way_and_started_again_sends_each_message_exactly_once(smtp_server, settings, tmp_path):
    mailbox, port = smtp_server
    messages = queue(200, settings, batch=10)
    environment = worker_environment(port)
    with worker(tmp_path / "first.log", environment) as first:
        wait_for(lambda: len(mailbox) >= 40, timeout=120, what="40 e-mails", process=first, log=tmp_path / "first.log")
        assert stop(first) == 0, "SIGTERM lets the worker finish its task and leave"
    sent_before_restart = len(mailbox)
    assert 40 <= sent_before_restart < 200, "the worker was stopped mid-way"
    # django-tasks-db leaves a task «running» if the signal comes right after the worker took it; at most one.
    assert DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() <= 1
    assert not Message.objects.filter(status=MessageStatus.SENDING).exists(), "no e-mail was left half-sent"
    run_periodic_as_if_later(settings)
    with worker(tmp_path / "second.log", environment, "--batch") as second:
        assert second.wait(timeout=180) == 0
    assert len(mailbox) == 200
    assert set(mailbox.message_ids) == {message.message_id for message in messages}
    assert set(mailbox.message_ids.values()) == {1}, "no message arrived twice"
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}


def test_a_worker_killed_outright_loses_nothing_once_run_periodic_has_run(smtp_server, settings, tmp_path):
    mailbox, port = smtp_server
    messages = queue(200, settings, batch=10)
    environment = worker_environment(port)
    log = tmp_path / "killed.log"
    with worker(log, environment) as killed:
        wait_for(lambda: len(mailbox) >= 40, timeout=120, what="40 e-mails", process=killed, log=log)
        stop(killed, signal.SIGKILL)
    assert len(mailbox) < 200
    run_periodic_as_if_later(settings)
    with worker(tmp_path / "after.log", environment, "--batch") as after:
        assert after.wait(timeout=180) == 0
    assert set(mailbox.message_ids) == {message.message_id for message in messages}, "every message arrived"
    # Only a message in the middle of its SMTP conversation when the process died can arrive twice.
    assert sum(count - 1 for count in mailbox.message_ids.values()) <= 1
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}


@pytest.mark.postgres
def test_two_workers_on_one_postgresql_never_run_a_task_or_send_a_message_twice(smtp_server, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://…): workers on several machines share one")
    mailbox, port = smtp_server
    environment = worker_environment(port)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    with (
        worker(logs[0], environment, "--worker-id=worker-a") as a,
        worker(logs[1], environment, "--worker-id=worker-b") as b,
    ):
        for process, log in ((a, logs[0]), (b, logs[1])):
            wait_for(
                lambda log=log: "Starting worker" in log.read_text(),
                timeout=60,
                what="a started worker",
                process=process,
                log=log,
            )
        messages = queue(300, settings, batch=10)
        # Every batch is enqueued a second time, so the two workers also race for the same messages.
        ids = [message.pk for message in messages]
        enqueue_delivery(None, ids)
        wait_for(
            lambda: (
                not DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists()
            ),
            timeout=240,
            what="an empty queue",
        )
        assert stop(a) == 0 and stop(b) == 0
    results = list(DBTaskResult.objects.all())
    assert len(results) == 60 and {r.status for r in results} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(r.worker_ids) == 1 for r in results), "no task was taken by two workers"
    assert {r.worker_ids[0] for r in results} == {"worker-a", "worker-b"}, "both workers took tasks"
    assert sum(r.return_value.get("sent", 0) for r in results) == 300
    assert len(mailbox) == 300 and set(mailbox.message_ids.values()) == {1}, "no message was sent twice"
