"""Background tasks of the documents: the stored PDF of an approved version, rendered after the approval commits."""

from django.db import transaction
from django_tasks import task

from jobdesc.instructions.models import Version

from .pdf import store_pdf


@task()
def store_version_pdf(*, organisation_id, version_id) -> str:
    """Render and store the PDF of an approved version once; run again, it finds the file and does nothing."""
    version = Version.objects.filter(pk=version_id, instruction__organisation_id=organisation_id).first()
    if version is None or not version.is_frozen:
        return ""
    store_pdf(version)
    return version.pdf_sha256


def store_after_commit(version) -> None:
    """Enqueue the PDF of `version` once the current transaction commits (a rolled-back approval stores none)."""
    organisation_id = version.instruction.organisation_id

    def enqueue():
        store_version_pdf.enqueue(organisation_id=organisation_id, version_id=version.pk)

    # robust: a queue that cannot be written must not turn the committed approval into an error page; the
    # PDF is then rendered on the first download instead (`stored_pdf`).
    transaction.on_commit(enqueue, robust=True)


def store_approved_pdf(sender=None, *, version, **kwargs) -> None:
    """`store_after_commit` for a version just approved (`instructions.signals.version_approved`, see apps.py)."""
    store_after_commit(version)
