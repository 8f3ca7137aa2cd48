"""The paper fallback of a campaign: signatures in ink with their date, the scanned sheet, refusals with their act.

HR prints a department's sheet, records each paper signature with the day it was made, and uploads the
scan of the signed sheet (PDF, PNG or JPEG, size-limited, its type told from its first bytes, kept with
its SHA-256 and linked to the requests it covers). An employee who refuses to sign is recorded with an
act (акт об отказе от ознакомления) naming two witnesses; the act is rendered as a PDF once and stored
with its hash.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc.instructions.acknowledgements.documents import render_refusal_act
from jobdesc.instructions.acknowledgements.services import _require_hr, _status_events
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import (
    OPEN_ACK_STATUSES,
    SIGNABLE_ACK_STATUSES,
    AckEvent,
    Acknowledgement,
    AckStatus,
    EventKind,
    PaperScan,
    RefusalAct,
    Status,
)

# The first bytes of each accepted scan type: the browser's word for the type is not trusted.
SCAN_TYPES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}


def _check_date(day: datetime.date, *, since) -> None:
    if day > timezone.localdate():
        raise WorkflowError(_("A date in the future cannot be recorded."))
    if day < timezone.localtime(since).date():
        raise WorkflowError(_("The date cannot be earlier than the day the employee was asked."))


@transaction.atomic
def record_paper_signatures(*, organisation, acknowledgement_ids, signed_on, by) -> int:
    """HR records that the chosen employees signed the printed sheet on `signed_on`; returns how many."""
    _require_hr(by, organisation)
    acks = list(
        Acknowledgement.objects.select_for_update()
        .filter(pk__in=acknowledgement_ids, employee__organisation=organisation, status__in=SIGNABLE_ACK_STATUSES)
        .filter(version__status=Status.APPROVED)
    )
    if not acks:
        raise WorkflowError(_("None of the ticked requests waits for a signature."))
    for ack in acks:
        _check_date(signed_on, since=ack.requested_at)
    now = timezone.now()
    Acknowledgement.objects.filter(pk__in=[ack.pk for ack in acks]).update(
        status=AckStatus.PAPER, paper_signed_on=signed_on, recorded_by=by, signed_at=None
    )
    _status_events(
        acks,
        AckStatus.PAPER,
        by=by,
        at=now,
        note=_("signed on paper on %(date)s") % {"date": signed_on.strftime("%d.%m.%Y")},
    )
    return len(acks)


def _scan_type(data: bytes):
    for magic, kind in SCAN_TYPES.items():
        if data.startswith(magic):
            return kind
    return None


@transaction.atomic
def attach_scan(*, campaign, upload, acknowledgement_ids, by) -> PaperScan:
    """HR uploads the scan of a signed sheet and links it to the paper-signed requests it covers."""
    organisation = campaign.version.instruction.organisation
    _require_hr(by, organisation)
    limit = settings.ACK_SCAN_MAX_BYTES
    if upload.size > limit:
        raise WorkflowError(
            _("The scan is larger than %(size)s MB; scan at a lower resolution.") % {"size": limit // (1024 * 1024)}
        )
    data = b"".join(upload.chunks())
    if not data:
        raise WorkflowError(_("The file is empty."))
    kind = _scan_type(data)
    if kind is None:
        raise WorkflowError(_("Upload the scan as a PDF, PNG or JPEG file."))
    covered = list(
        Acknowledgement.objects.filter(
            campaign=campaign, pk__in=acknowledgement_ids, status=AckStatus.PAPER, employee__organisation=organisation
        )
    )
    if not covered:
        raise WorkflowError(_("Tick the employees whose paper signatures this scan shows."))
    content_type, extension = kind
    sha256 = hashlib.sha256(data).hexdigest()
    scan = PaperScan(
        campaign=campaign,
        sha256=sha256,
        content_type=content_type,
        size=len(data),
        original_name=(upload.name or "scan")[:255],
        uploaded_by=by,
    )
    scan.file.save(f"{campaign.pk}/{sha256}.{extension}", ContentFile(data), save=False)
    scan.save()
    scan.requests.set(covered)
    AckEvent.objects.bulk_create(
        AckEvent(acknowledgement=ack, kind=EventKind.SCAN, by=by, note=f"{scan.original_name} {sha256[:12]}")
        for ack in covered
    )
    return scan


@transaction.atomic
def record_refusal(*, acknowledgement, refused_on, witness_one, witness_two, note="", by) -> RefusalAct:
    """HR records an employee's refusal to sign with two witnesses; the act's PDF is made and stored at once."""

    organisation = acknowledgement.employee.organisation
    _require_hr(by, organisation)
    ack = Acknowledgement.objects.select_for_update().select_related("employee", "version").get(pk=acknowledgement.pk)
    if ack.status not in OPEN_ACK_STATUSES:
        raise WorkflowError(_("Only a request still waiting for the signature can be refused."))
    witnesses = [" ".join(str(name).split()) for name in (witness_one, witness_two)]
    if not all(witnesses):
        raise WorkflowError(_("An act of refusal names two witnesses."))
    if witnesses[0].casefold() == witnesses[1].casefold():
        raise WorkflowError(_("The two witnesses must be two different people."))
    if ack.employee.full_name.casefold() in {w.casefold() for w in witnesses}:
        raise WorkflowError(_("The employee who refused cannot be a witness."))
    _check_date(refused_on, since=ack.requested_at)
    now = timezone.now()
    act = RefusalAct.objects.create(
        acknowledgement=ack,
        refused_on=refused_on,
        witness_one=witnesses[0],
        witness_two=witnesses[1],
        note=" ".join(str(note).split())[:1000],
        recorded_by=by,
        recorded_at=now,
    )
    data = render_refusal_act(act)
    act.pdf_sha256 = hashlib.sha256(data).hexdigest()
    act.pdf.save(f"{ack.version_id}/{act.pdf_sha256}.pdf", ContentFile(data), save=False)
    act.save(update_fields=["pdf", "pdf_sha256"])
    ack.status, ack.refused_at, ack.recorded_by = AckStatus.REFUSED, now, by
    ack.save(update_fields=["status", "refused_at", "recorded_by"])
    _status_events(
        [ack], AckStatus.REFUSED, by=by, at=now, note=_("act of %(date)s") % {"date": refused_on.strftime("%d.%m.%Y")}
    )
    return act
