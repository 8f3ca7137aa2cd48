"""Many instructions uploaded at once: stored, and read on the worker with its progress.

`upload()` checks the upload (count, size, a zip that opens without being unpacked) and stores it; the task
`read_import_batch` calls `read()`, which writes the per-file report into `ImportBatch.results` and writes
nothing else. Turning the report into drafts once HR has confirmed each file's position is the instructions'
part: `jobdesc.instructions.drafting.imports.confirm()`.
"""

import io
import logging
import zipfile
from functools import partial
from pathlib import PurePosixPath

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .importer import ImporterError
from .importer.batch import MAX_FILES, SUFFIXES, check_archive, read_batch
from .importer.documents import UNCLASSIFIED
from .importer.readers import MAX_BYTES
from .models import ImportBatch, ImportStatus

logger = logging.getLogger(__name__)

# What one upload may carry: the zip as sent, or the files chosen together.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportBatchError(Exception):
    """An upload or a confirmation the rules refuse; the message is for the person importing."""


def _megabytes(size: int) -> int:
    return size // (1024 * 1024)


def _packed(files) -> bytes:
    """Several uploaded files as one zip (stored as they are), each under its own name."""
    buffer, seen = io.BytesIO(), set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for upload in files:
            name = PurePosixPath(upload.name.replace("\\", "/")).name or "file"
            stem, suffix, number = PurePosixPath(name).stem, PurePosixPath(name).suffix, 1
            while name.lower() in seen:
                number += 1
                name = f"{stem} ({number}){suffix}"
            seen.add(name.lower())
            archive.writestr(name, b"".join(upload.chunks()))
    return buffer.getvalue()


def upload(*, organisation, by, files) -> ImportBatch:
    """Store an upload of instructions (one zip, or documents chosen together) and have the worker read it."""
    files = list(files)
    if not files:
        raise ImportBatchError(_("Choose a zip archive or the instruction files to import."))
    if len(files) > MAX_FILES:
        raise ImportBatchError(
            _("%(count)d files are chosen; at most %(limit)d can be imported at once.")
            % {"count": len(files), "limit": MAX_FILES}
        )
    if sum(upload.size for upload in files) > MAX_UPLOAD_BYTES:
        raise ImportBatchError(_("The upload is larger than %(limit)d MB.") % {"limit": _megabytes(MAX_UPLOAD_BYTES)})
    archives = [upload for upload in files if upload.name.lower().endswith(".zip")]
    if archives and len(files) > 1:
        raise ImportBatchError(_("Upload one zip archive, or documents without an archive, not both at once."))
    for chosen in files:
        suffix = PurePosixPath(chosen.name).suffix.lower()
        if not archives and suffix not in SUFFIXES:
            raise ImportBatchError(
                _("%(name)s is not a document the importer reads (.docx, .odt, .rtf, .txt, .html or a .zip of them).")
                % {"name": chosen.name}
            )
        if not archives and chosen.size > MAX_BYTES:
            raise ImportBatchError(
                _("%(name)s is larger than %(limit)d MB.") % {"name": chosen.name, "limit": _megabytes(MAX_BYTES)}
            )
    if archives:
        name, content = archives[0].name, b"".join(archives[0].chunks())
    else:
        name = files[0].name if len(files) == 1 else _("%(count)d files") % {"count": len(files)}
        content = _packed(files)
    try:
        count = check_archive(PurePosixPath(name).name, content)
    except ImporterError as error:
        raise ImportBatchError(str(error)) from error
    batch = ImportBatch.objects.create(
        organisation=organisation, name=name[:255], content=content, files_total=count, uploaded_by=by
    )
    transaction.on_commit(partial(_enqueue, organisation.pk, batch.pk), robust=True)
    return batch


def _enqueue(organisation_id, batch_id):
    # Imported here: the tasks module imports this one.
    from .tasks import read_import_batch

    read_import_batch.enqueue(organisation_id=organisation_id, batch_id=batch_id)


def read(batch_id: int) -> None:
    """Read a stored upload file by file, keeping its progress on the row; a batch read already is left alone."""
    taken = ImportBatch.objects.filter(pk=batch_id, status__in=[ImportStatus.QUEUED, ImportStatus.READING]).update(
        status=ImportStatus.READING, files_done=0, current_file=""
    )
    if not taken:
        return
    batch = ImportBatch.objects.select_related("organisation", "uploaded_by").get(pk=batch_id)
    positions = list(batch.organisation.positions.all())

    def progress(done, total, name):
        ImportBatch.objects.filter(pk=batch_id).update(files_done=done, files_total=total, current_file=name[:255])

    try:
        # The report is read by the person who uploaded, in their language, whatever the worker's is.
        with translation.override(batch.uploaded_by.interface_language):
            reports = read_batch(bytes(batch.content), positions, progress=progress)
    except ImporterError as error:
        ImportBatch.objects.filter(pk=batch_id).update(status=ImportStatus.FAILED, error=str(error), content=b"")
        return
    except Exception:
        # The log keeps the traceback for whoever runs the server; HR sees the upload failed and may send it again.
        logger.exception("Reading the import %s failed", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportStatus.FAILED,
            error=_("The files could not be read because of an error of the server."),
            content=b"",
        )
        return
    results = []
    for report in reports:
        entry = report.as_dict()
        entry["document"] = report.document.as_dict() if report.document is not None else None
        results.append(entry)
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportStatus.READ,
        results=results,
        files_done=len(reports),
        files_total=len(reports),
        current_file="",
        read_at=timezone.now(),
        content=b"",  # the report holds everything a draft needs; the files themselves are not kept
    )


def unclassified_headings(entry: dict) -> list[str]:
    document = entry.get("document") or {}
    return [section["heading"] for section in document.get("sections", []) if section["kind"] == UNCLASSIFIED]
