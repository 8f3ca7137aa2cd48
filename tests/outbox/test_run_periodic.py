"""`manage.py run_periodic`: stuck e-mails are enqueued again, old task results pruned, each job on its own."""

import datetime
import io
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobdesc.outbox import periodic
from jobdesc.outbox.models import Failure, Message, MessageStatus
from jobdesc.outbox.tasks import deliver

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.timedelta(hours=1)


def message(status, *, due_ago=LONG_AGO, claimed_ago=None):
    now = timezone.now()
    return Message.objects.create(
        to_address="a@example.org",
        subject="S",
        body="B",
        status=status,
        next_attempt_at=now - due_ago,
        claimed_at=now - claimed_ago if claimed_ago is not None else None,
        claimed_by="dead-worker" if claimed_ago is not None else "",
        sent_at=now if status == MessageStatus.SENT else None,
    )


def enqueued_ids():
    return sorted(pk for r in DBTaskResult.objects.all() for pk in r.args_kwargs["kwargs"]["message_ids"])


def test_messages_no_worker_took_are_enqueued_again_and_only_once_a_while():
    lost = message(MessageStatus.PENDING)
    recent = message(MessageStatus.PENDING, due_ago=datetime.timedelta(minutes=1))
    message(MessageStatus.SENT)
    message(MessageStatus.FAILED)
    periodic.send_stuck_messages(timezone.now())
    assert enqueued_ids() == [lost.pk]
    periodic.send_stuck_messages(timezone.now())
    assert enqueued_ids() == [lost.pk], "the next run waits before enqueueing the same message again"
    assert Message.objects.get(pk=recent.pk).status == MessageStatus.PENDING


def test_a_message_left_half_sent_by_a_stopped_worker_is_sent_again():
    interrupted = message(MessageStatus.SENDING, claimed_ago=LONG_AGO)
    in_hand = message(MessageStatus.SENDING, claimed_ago=datetime.timedelta(seconds=5))
    summary = periodic.send_stuck_messages(timezone.now())
    interrupted.refresh_from_db()
    assert (interrupted.status, interrupted.failure, interrupted.attempts) == (
        MessageStatus.PENDING,
        Failure.INTERRUPTED,
        1,
    )
    assert enqueued_ids() == [interrupted.pk] and "1 of them interrupted" in summary
    assert Message.objects.get(pk=in_hand.pk).status == MessageStatus.SENDING


def result(status, finished_days_ago):
    finished = timezone.now() - datetime.timedelta(days=finished_days_ago)
    return DBTaskResult.objects.create(
        id=uuid.uuid4(),
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path=deliver.module_path,
        backend_name="default",
        run_after=finished,
        finished_at=finished,
    )


def test_old_task_results_are_pruned_and_failed_ones_kept_longer(settings):
    settings.TASK_RESULTS_KEEP_DAYS = 14
    old = result(TaskResultStatus.SUCCESSFUL, 20)
    kept = result(TaskResultStatus.SUCCESSFUL, 2)
    failed_recently = result(TaskResultStatus.FAILED, 20)
    failed_long_ago = result(TaskResultStatus.FAILED, 50)
    periodic.prune_task_results(timezone.now())
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {kept.pk, failed_recently.pk}
    assert not DBTaskResult.objects.filter(pk__in=[old.pk, failed_long_ago.pk]).exists()


def test_the_command_runs_every_job_and_says_what_each_did():
    message(MessageStatus.PENDING)
    out = io.StringIO()
    call_command("run_periodic", stdout=out)
    assert "send_stuck_messages: 1 stuck e-mails enqueued again" in out.getvalue()
    assert "prune_task_results:" in out.getvalue()


def test_a_failing_job_does_not_stop_the_others_and_the_command_fails(settings):
    settings.PERIODIC_JOBS = ["tests.outbox.test_run_periodic.broken_job", "jobdesc.outbox.periodic.prune_task_results"]
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of the jobs failed"):
        call_command("run_periodic", stdout=out, stderr=err)
    assert "broken_job: failed: no database" in err.getvalue() and "prune_task_results:" in out.getvalue()


def broken_job(now):
    raise RuntimeError("no database")


def test_one_job_can_be_run_alone_and_an_unknown_one_is_refused():
    out = io.StringIO()
    call_command("run_periodic", "--job", "prune_task_results", stdout=out)
    assert "send_stuck" not in out.getvalue()
    with pytest.raises(CommandError, match="No such job"):
        call_command("run_periodic", "--job", "nothing")


def test_a_task_a_worker_took_and_never_finished_is_marked_failed_for_hr(settings, organisation):
    settings.TASK_ABANDONED_MINUTES = 60
    started = timezone.now() - datetime.timedelta(hours=2)
    abandoned = DBTaskResult.objects.create(
        id=uuid.uuid4(),
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {"organisation_id": organisation.pk, "message_ids": [1]}},
        task_path=deliver.module_path,
        backend_name="default",
        run_after=started,
        started_at=started,
    )
    running = result(TaskResultStatus.RUNNING, 0)
    DBTaskResult.objects.filter(pk=running.pk).update(started_at=timezone.now(), finished_at=None)
    assert periodic.fail_abandoned_tasks(timezone.now()) == "1 abandoned tasks marked failed"
    abandoned.refresh_from_db()
    assert abandoned.status == TaskResultStatus.FAILED and "no worker finished this task" in abandoned.traceback
    assert DBTaskResult.objects.get(pk=running.pk).status == TaskResultStatus.RUNNING
