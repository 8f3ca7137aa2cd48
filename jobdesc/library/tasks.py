"""The library's background task: reading an upload of many instructions (`import_batches.read`)."""

from django_tasks import task

from . import import_batches


@task()
def read_import_batch(*, organisation_id=None, batch_id=None) -> None:
    """Read the stored upload `batch_id` into its per-file report; a batch read already is left alone."""
    import_batches.read(batch_id)
