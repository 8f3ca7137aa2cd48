"""The background tasks of the app, run by `manage.py db_worker`, and what HR is shown of a failed one.

Every task takes `organisation_id` among its keyword arguments, so a failed one is listed on that
organisation's page of problems; every task can be run twice without doing its work twice.
"""

from django.utils.translation import gettext_lazy as _
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import delivery


@task(queue_name="mail")
def deliver(*, organisation_id=None, message_ids=()) -> dict:
    """Send the queued e-mails `message_ids` (those still pending), retrying later what fails."""
    return delivery.deliver(list(message_ids), organisation_id=organisation_id)


# What HR reads for each task it may see and run again (module path → description).
LABELS = {
    deliver.module_path: _("Sending e-mails"),
    "jobdesc.instructions.propagation.tasks.apply_revision": _("Applying a library change to instructions"),
    "jobdesc.documents.tasks.store_version_pdf": _("Storing the PDF of an approved version"),
    "jobdesc.instructions.acknowledgements.tasks.request_signatures": _("Asking employees to sign an instruction"),
}


def label(task_path: str) -> str:
    return str(LABELS.get(task_path, task_path.rsplit(".", 1)[-1]))


def failed_tasks(organisation):
    """Failed task results of the organisation's tasks, newest first."""
    return (
        DBTaskResult.objects.failed()
        .filter(args_kwargs__kwargs__organisation_id=getattr(organisation, "pk", organisation))
        .order_by("-finished_at")
    )
