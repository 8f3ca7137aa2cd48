"""Background tasks of campaigns: the e-mails asking a whole position to sign, written by the worker."""

from django.db import transaction
from django_tasks import task

from jobdesc.instructions.acknowledgements.services import send_requests
from jobdesc.instructions.models import Version


@task()
def request_signatures(*, organisation_id, version_id) -> int:
    """E-mail everyone asked to sign the version who has not been e-mailed yet (safe to run twice)."""

    version = (
        Version.objects.filter(pk=version_id, instruction__organisation_id=organisation_id)
        .select_related("instruction__position", "campaign")
        .first()
    )
    if version is None:
        return 0
    with transaction.atomic():
        return send_requests(version)
