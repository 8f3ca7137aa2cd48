"""Many instructions uploaded at once: stored, read on the worker with its progress, and turned into drafts only
when HR has confirmed each file's position.

`upload()` checks the upload (count, size, a zip that opens without being unpacked) and stores it; the task
`read_import_batch` calls `read()`, which writes the per-file report into `ImportBatch.results` and writes
nothing else; `confirm()` starts every confirmed draft in one transaction, or none of them.
"""

import io
import logging
import zipfile
from functools import partial
from pathlib import PurePosixPath

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import OPEN_STATUSES, Version

from .importer import ImporterError
from .importer.batch import MAX_FILES, SUFFIXES, check_archive, read_batch
from .importer.documents import FALLBACK_KIND, UNCLASSIFIED
from .importer.readers import MAX_BYTES
from .models import ImportBatch, ImportStatus
from .sections import SECTION_CODES

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


def draft_sections(document: dict, kinds: dict[str, str]) -> list[tuple[str, str, list[str]]]:
    """(kind, heading, clause texts) of a stored document, an unclassified section taking the kind HR chose."""
    result = []
    for section in document["sections"]:
        kind = section["kind"]
        if kind == UNCLASSIFIED:
            chosen = kinds.get(section["heading"])
            kind = chosen if chosen in SECTION_CODES else FALLBACK_KIND
        result.append((kind, section["heading"], section["clauses"]))
    return result


def busy_positions(organisation) -> set[int]:
    """Positions whose instruction has a version in work: a new draft cannot start there."""
    return set(
        Version.objects.filter(instruction__organisation=organisation, status__in=OPEN_STATUSES).values_list(
            "instruction__position_id", flat=True
        )
    )


@transaction.atomic
def confirm(*, batch, by, choices: dict[int, int | None], kinds: dict[int, dict[str, str]] | None = None):
    """Start a draft for every file HR confirmed (`choices`: file index → position, None to skip), all or none.

    Returns the versions started. Nothing is written when any of them cannot start: the errors, one a file,
    are raised together so HR can correct the matches and confirm again.
    """
    if not by.is_hr or by.organisation_id != batch.organisation_id:
        raise ImportBatchError(_("Only an HR officer of the organisation imports its instructions."))
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.READ:
        raise ImportBatchError(_("This upload has been imported already or is not read yet."))
    positions = {position.pk: position for position in batch.organisation.positions.all()}
    chosen = {index: position_id for index, position_id in choices.items() if position_id is not None}
    if not chosen:
        raise ImportBatchError(_("Choose a position for at least one file, or skip the upload."))
    errors, taken = [], {}
    for index, position_id in sorted(chosen.items()):
        entry = batch.results[index] if 0 <= index < len(batch.results) else None
        if entry is None or entry.get("document") is None:
            errors.append(_("File %(number)d has nothing to import.") % {"number": index + 1})
        elif position_id not in positions:
            errors.append(_("%(name)s: that position is not one of the organisation's.") % {"name": entry["file"]})
        elif position_id in taken:
            errors.append(
                _("%(name)s and %(other)s are both matched to «%(position)s»; an instruction has one draft at a time.")
                % {"name": entry["file"], "other": taken[position_id], "position": positions[position_id].title}
            )
        else:
            taken[position_id] = entry["file"]
    if errors:
        raise ImportBatchError(" ".join(errors))
    versions = []
    for index, position_id in sorted(chosen.items()):
        entry = batch.results[index]
        try:
            version = start_draft(
                position=positions[position_id],
                user=by,
                language=entry["document"]["language"],
                sections=draft_sections(entry["document"], (kinds or {}).get(index, {})),
            )
        except WorkflowError as error:
            errors.append(f"{entry['file']}: {error}")
            continue
        entry["draft"] = {"version": version.pk, "number": version.number, "position": position_id}
        versions.append(version)
    if errors:
        # Leaving the atomic block with the error undoes the drafts already started: all or none.
        raise ImportBatchError(" ".join(errors))
    batch.status, batch.imported_by, batch.imported_at = ImportStatus.IMPORTED, by, timezone.now()
    batch.save(update_fields=["status", "imported_by", "imported_at", "results"])
    logger.info("%s imported %d drafts from %s", by.username, len(versions), batch.name)
    return versions
