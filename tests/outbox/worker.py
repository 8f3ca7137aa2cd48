"""Running queued tasks inside a test, as `manage.py db_worker` runs them, without a second process."""

from django.test import TestCase
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

WORKER_ID = "test-worker"


def run_tasks(limit: int = 500, task_path: str | None = None) -> int:
    """Run every task that is due now, and those they enqueue, through the engine's own worker; returns how many.

    `task_path` runs only the tasks of that function (the others stay queued).
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=WORKER_ID,
        excluded_queue_names=[],
    )
    for ran in range(limit):
        ready = DBTaskResult.objects.ready()
        result = (ready.filter(task_path=task_path) if task_path else ready).first()
        if result is None:
            return ran
        result.claim(WORKER_ID)
        worker.run_task(result)
    raise AssertionError(f"tasks are still being enqueued after {limit} runs")


def committed():
    """Run the on-commit callbacks of the block as its commit would (a test runs inside one transaction)."""
    return TestCase.captureOnCommitCallbacks(execute=True)
