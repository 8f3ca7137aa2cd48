"""The drafts an upload of instructions becomes: once HR has confirmed each file's position, `confirm()` starts
every confirmed draft in one transaction, or none of them.

The upload and its reading on the worker are the library's: jobdesc/library/import_batches.py.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import OPEN_STATUSES, Version
from jobdesc.library.import_batches import ImportBatchError
from jobdesc.library.importer.documents import FALLBACK_KIND, UNCLASSIFIED
from jobdesc.library.models import ImportBatch, ImportStatus
from jobdesc.library.sections import SECTION_CODES

logger = logging.getLogger(__name__)


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
