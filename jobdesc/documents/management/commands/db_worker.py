"""`manage.py db_worker`: django-tasks-db's background worker, made ready before its first task as a server's worker is.

This app comes before django_tasks_db in INSTALLED_APPS, so its command is the one Django runs; the
options and the behaviour are django-tasks-db's.
"""

from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from jobdesc.documents.startup import prepare_process


class Command(WorkerCommand):
    def handle(self, *args, **options):
        prepare_process()
        return super().handle(*args, **options)
