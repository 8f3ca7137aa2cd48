"""The outbox's jobs of `manage.py run_periodic`: send what no worker has taken, prune old task results.

Each job is a function of the time of the run that returns one line for the log; it may run on any
schedule and twice in a row without harm.
"""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Failure, Message, MessageStatus
from .services import enqueue_delivery


def send_stuck_messages(now) -> str:
    """Enqueue again the messages that have waited OUTBOX_STUCK_MINUTES past their time.

    A message is stuck when its task was lost (the worker was killed, the queue could not be written
    after the commit) or when a worker stopped in the middle of sending it; delivery skips what is
    already sent, so enqueueing again is safe.
    """
    cutoff = now - timedelta(minutes=settings.OUTBOX_STUCK_MINUTES)
    stuck = Message.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=cutoff)
    interrupted = stuck.update(
        status=MessageStatus.PENDING,
        attempts=F("attempts") + 1,
        next_attempt_at=cutoff - timedelta(microseconds=1),
        failure=Failure.INTERRUPTED,
        claimed_by="",
    )
    waiting = defaultdict(list)
    due = Message.objects.filter(status=MessageStatus.PENDING, next_attempt_at__lt=cutoff)
    for pk, organisation_id in due.values_list("pk", "organisation_id"):
        waiting[organisation_id].append(pk)
    # Marked as due now, so the next run waits OUTBOX_STUCK_MINUTES before enqueueing them once more.
    Message.objects.filter(pk__in=[pk for pks in waiting.values() for pk in pks]).update(next_attempt_at=now)
    for organisation_id, pks in waiting.items():
        enqueue_delivery(organisation_id, pks)
    count = sum(len(pks) for pks in waiting.values())
    return f"{count} stuck e-mails enqueued again ({interrupted} of them interrupted while being sent)"


ABANDONED = (
    "The worker stopped before this task finished: it was killed, or stopped right after taking the task.\n"
    "jobdesc.outbox.periodic.AbandonedTask: no worker finished this task within {minutes} minutes"
)


def fail_abandoned_tasks(now) -> str:
    """Mark failed the tasks taken by a worker more than TASK_ABANDONED_MINUTES ago and never finished.

    A worker killed outright leaves its task «running» for ever, and so does one stopped between taking a
    task and starting it; marked failed, the task is shown to HR with «run again». (The e-mails of a
    delivery task need no one: `send_stuck_messages` sends them.)
    """
    minutes = settings.TASK_ABANDONED_MINUTES
    abandoned = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - timedelta(minutes=minutes)
    )
    count = abandoned.update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="jobdesc.outbox.periodic.AbandonedTask",
        traceback=ABANDONED.format(minutes=minutes),
    )
    return f"{count} abandoned tasks marked failed"


def prune_task_results(now) -> str:
    """Delete finished task results after TASK_RESULTS_KEEP_DAYS days, failed ones after three times as long."""
    keep = timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    successful, _by_model = DBTaskResult.objects.successful().filter(finished_at__lt=now - keep).delete()
    failed, _by_model = DBTaskResult.objects.failed().filter(finished_at__lt=now - 3 * keep).delete()
    return f"{successful} finished and {failed} failed task results pruned"
