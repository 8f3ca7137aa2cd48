"""The worker's task that carries a library clause's revision into many instructions at once."""

from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from jobdesc.accounts.models import User
from jobdesc.instructions.propagation import services as propagation
from jobdesc.library.models import ClauseRevision


@task()
def apply_revision(*, organisation_id, revision_id, user_id, confirmed) -> dict:
    """`propagation.apply` for the instructions HR confirmed; run twice, it does nothing the second time."""
    user = User.objects.select_related("organisation").get(pk=user_id, organisation_id=organisation_id)
    revision = ClauseRevision.objects.get(pk=revision_id, clause__organisation_id=organisation_id)
    outcome = propagation.apply(
        revision=revision, user=user, confirmed={int(key): value for key, value in confirmed.items()}
    )
    return {"drafts": outcome.drafts, "editions": len(outcome.editions), "skipped": len(outcome.skipped)}


def pending(revision) -> bool:
    """Whether a confirmation of `revision` is still waiting for the worker or running."""
    return (
        DBTaskResult.objects.filter(task_path=apply_revision.module_path, args_kwargs__kwargs__revision_id=revision.pk)
        .filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .exists()
    )
