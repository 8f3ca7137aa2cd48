"""What the outbox's pages ask: an organisation's mail problems, the whole outbox, the worker's health."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import Message, MessageStatus
from .tasks import failed_tasks, label


def mail_problems(organisation):
    """The organisation's failed messages and those unsent for longer than OUTBOX_LATE_MINUTES, oldest first."""
    late_before = timezone.now() - timedelta(minutes=settings.OUTBOX_LATE_MINUTES)
    return (
        Message.objects.filter(organisation=organisation)
        .problems(late_before=late_before)
        .select_related("recipient")
        .order_by("status", "created_at", "pk")
    )


def task_problems(organisation):
    """The organisation's failed tasks, with what HR reads of each."""
    rows = []
    for result in failed_tasks(organisation)[:100]:
        lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
        rows.append({"result": result, "label": label(result.task_path), "reason": lines[-1] if lines else ""})
    return rows


def worker_health():
    """Signs that no worker is running: tasks overdue, or taken and never finished, for longer than allowed."""
    late = timezone.now() - timedelta(minutes=settings.OUTBOX_STUCK_MINUTES)
    due = Q(run_after__lte=late) | Q(run_after=get_date_max(), enqueued_at__lte=late)
    overdue = DBTaskResult.objects.filter(due, status=TaskResultStatus.READY)
    return {
        "overdue": overdue.count(),
        "oldest": overdue.aggregate(oldest=Min("enqueued_at"))["oldest"],
        "hung": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lte=late).count(),
        "minutes": settings.OUTBOX_STUCK_MINUTES,
    }


def outbox(*, status="", query=""):
    """Every message the app has written, newest first, for the superusers' outbox page."""
    messages = Message.objects.select_related("recipient", "organisation")
    if status in MessageStatus.values:
        messages = messages.filter(status=status)
    if query:
        messages = messages.filter(Q(to_address__icontains=query) | Q(subject__icontains=query))
    return messages.order_by("-created_at", "-pk")


def status_counts() -> dict:
    """How many messages there are in each status."""
    rows = Message.objects.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
