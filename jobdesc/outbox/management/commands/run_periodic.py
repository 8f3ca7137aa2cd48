"""`manage.py run_periodic`: the app's recurring jobs, for cron or a systemd timer (every 15 minutes)."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the recurring jobs listed in the PERIODIC_JOBS setting once, in order, and print what each did: "
        "e-mails that no worker has taken for OUTBOX_STUCK_MINUTES (a lost task, a worker stopped while "
        "sending) are enqueued again, tasks a worker took and never finished within TASK_ABANDONED_MINUTES "
        "are marked failed (HR sees them on its page of mail problems), and finished task results older "
        "than TASK_RESULTS_KEEP_DAYS are deleted; acknowledgement campaigns remind employees before and on "
        "their due date, mark late requests overdue and tell the managers (run_campaigns). Every job is safe "
        "to run at any time and twice in a row; "
        "run the command from cron or a systemd timer every 15 minutes, on one machine. A job that fails "
        "does not stop the others; the command then exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("--job", action="append", default=[], help="Run only this job (its name); repeatable.")

    def handle(self, *args, **options):
        jobs = [(path.rsplit(".", 1)[-1], path) for path in settings.PERIODIC_JOBS]
        unknown = set(options["job"]) - {name for name, _path in jobs}
        if unknown:
            raise CommandError(f"No such job: {', '.join(sorted(unknown))}. Jobs: {', '.join(n for n, _p in jobs)}")
        failures = 0
        for name, path in jobs:
            if options["job"] and name not in options["job"]:
                continue
            try:
                summary = import_string(path)(timezone.now())
            except Exception as error:  # one broken job must not keep the others from running
                failures += 1
                logger.exception("Periodic job %s failed", name)
                self.stderr.write(f"{name}: failed: {error}")
            else:
                self.stdout.write(f"{name}: {summary}")
        if failures:
            raise CommandError(f"{failures} of the jobs failed")
