"""Signatures of a stored PDF made outside the app: who may add one, the checks, and what the pages list.

The approver adds a detached CMS signature to an approved version in force; an employee to the
acknowledgement of their own version, pending or signed. On a pending acknowledgement the accepted
signature is the acknowledgement itself: it is recorded as signed, with the same proof as a signature
by password (time, address, browser, the PDF's SHA-256). Each check is in `cms.check_detached`.
"""

import hashlib
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc.instructions.models import (
    SIGNABLE_ACK_STATUSES,
    AckEvent,
    Acknowledgement,
    AckStatus,
    EventKind,
    Status,
    Version,
)
from jobdesc.orgs.invitations import is_own_record

from .cms import SignatureError, check_detached
from .errors import EvidenceError
from .models import ExternalSignature, SealedPdf, SignerRole

SAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)


def _stored_pdf_bytes(version) -> bytes:
    if not version.pdf or not version.pdf_sha256:
        raise EvidenceError(_("The document of this version is not stored yet; ask HR to try again later."))
    with version.pdf.open("rb") as stored:
        data = stored.read()
    if hashlib.sha256(data).hexdigest() != version.pdf_sha256:
        raise EvidenceError(_("The stored PDF does not match its recorded hash; nothing can be signed. Tell HR."))
    return data


def _surname_in(facts, surname: str) -> bool:
    def norm(text):
        return (text or "").casefold().replace("ё", "е")

    wanted = norm(surname)
    return bool(wanted) and any(wanted in norm(part) for part in (facts.surname, facts.common_name))


def _store(*, version, user, role, upload_name, data, facts, surname, acknowledgement=None) -> ExternalSignature:
    sha256 = hashlib.sha256(data).hexdigest()
    if ExternalSignature.objects.filter(version=version, sha256=sha256).exists():
        raise EvidenceError(_("This signature file is already stored with this version."))
    certificate = facts.certificate
    try:
        with transaction.atomic():
            return ExternalSignature.objects.create(
                version=version,
                acknowledgement=acknowledgement,
                role=role,
                uploaded_by=user,
                uploaded_at=timezone.now(),
                file_name=SAFE_NAME.sub("_", upload_name or "signature.sig")[-200:],
                content=data,
                sha256=sha256,
                pdf_sha256=version.pdf_sha256,
                digest_algorithm=facts.digest_algorithm,
                signature_algorithm=facts.signature_algorithm,
                signing_time=facts.signing_time,
                signing_time_source=facts.signing_time_source,
                crypto_check=facts.crypto_check,
                crypto_note=facts.crypto_note,
                certificate=certificate.der,
                subject=certificate.subject,
                subject_name=certificate.common_name
                or " ".join(part for part in (certificate.surname, certificate.given_name) if part),
                snils=certificate.snils,
                inn=certificate.inn,
                ogrn=certificate.ogrn,
                issuer=certificate.issuer,
                serial=certificate.serial,
                valid_from=certificate.valid_from,
                valid_until=certificate.valid_until,
                name_matches=_surname_in(certificate, surname),
            )
    except IntegrityError:
        raise EvidenceError(_("This signature file is already stored with this version.")) from None


def _read(upload) -> bytes:
    return b"".join(upload.chunks())


@transaction.atomic
def add_approver_signature(*, version, user, upload) -> ExternalSignature:
    """The approver's own (qualified) signature of an approved version's stored PDF."""
    version = Version.objects.select_for_update().select_related("instruction").get(pk=version.pk)
    if user.organisation_id != version.instruction.organisation_id or not user.is_approver:
        raise EvidenceError(_("Only the head of the organisation adds the approver's signature."))
    if version.status != Status.APPROVED:
        raise EvidenceError(_("A signature can be added to the version in force only."))
    data = _read(upload)
    try:
        facts = check_detached(data, _stored_pdf_bytes(version))
    except SignatureError as error:
        raise EvidenceError(str(error)) from error
    return _store(
        version=version,
        user=user,
        role=SignerRole.APPROVER,
        upload_name=upload.name,
        data=data,
        facts=facts,
        surname=user.last_name,
    )


@transaction.atomic
def add_employee_signature(*, acknowledgement_id, user, upload, ip_address=None, user_agent="") -> ExternalSignature:
    """An employee's signature with their own certificate; on a pending request it is the acknowledgement."""
    ack = (
        Acknowledgement.objects.select_for_update(of=("self",))
        .select_related("employee__user", "version")
        .filter(pk=acknowledgement_id)
        .first()
    )
    if ack is None or ack.employee.user_id != user.pk:
        raise EvidenceError(_("You can sign only your own instruction."))
    if not is_own_record(user, ack.employee):
        raise EvidenceError(_("A login with an office role signs only for its own person's record."))
    if ack.status == AckStatus.CLOSED or (
        ack.status in SIGNABLE_ACK_STATUSES and ack.version.status != Status.APPROVED
    ):
        raise EvidenceError(_("This version is no longer in force: sign the current one instead."))
    version = ack.version
    data = _read(upload)
    try:
        facts = check_detached(data, _stored_pdf_bytes(version))
    except SignatureError as error:
        raise EvidenceError(str(error)) from error
    surname = (ack.employee.full_name.split() or [""])[0]
    signature = _store(
        version=version,
        user=user,
        role=SignerRole.EMPLOYEE,
        upload_name=upload.name,
        data=data,
        facts=facts,
        surname=surname,
        acknowledgement=ack,
    )
    if ack.status in SIGNABLE_ACK_STATUSES:
        ack.status = AckStatus.SIGNED
        ack.signed_at = signature.uploaded_at
        ack.signed_by = user
        ack.ip_address = ip_address or None
        ack.user_agent = (user_agent or "")[:500]
        ack.pdf_sha256 = version.pdf_sha256
        ack.capture_signer()
        ack.save()
        AckEvent.objects.create(
            acknowledgement=ack, kind=EventKind.STATUS, status=AckStatus.SIGNED, by=user, at=ack.signed_at
        )
    return signature


@dataclass
class VersionEvidence:
    """What the version page shows under «Signatures»: the approval, the external signatures, the seal."""

    signatures: list
    seal_record: object
    can_add: bool
    counts: "SignatureCounts"
    # Whether the certificates' personal attributes (СНИЛС, ИНН) are shown: to HR and the approver only.
    full: bool
    # The electronic original (zip) is HR's and the head's download, as its view requires.
    can_download_package: bool


def for_version(version, user) -> VersionEvidence:
    """Everything for HR and the approver; others see the approver's signatures, without СНИЛС and ИНН."""
    full = user.is_hr or user.is_approver
    signatures = ExternalSignature.objects.filter(version=version)
    if not full:
        signatures = signatures.filter(role=SignerRole.APPROVER)
    signatures = list(
        signatures.select_related("uploaded_by", "acknowledgement__employee").order_by("uploaded_at", "id")
    )
    return VersionEvidence(
        signatures=signatures,
        seal_record=SealedPdf.objects.filter(version=version).select_related("seal").first(),
        can_add=user.is_approver and version.status == Status.APPROVED and bool(version.pdf_sha256),
        counts=signature_counts(version),
        full=full,
        can_download_package=user.is_hr or user.is_approver,
    )


@dataclass
class SignatureCounts:
    approval: int
    acknowledgements: int
    certificates: int

    @property
    def total(self) -> int:
        return self.approval + self.acknowledgements + self.certificates


def signature_counts(version) -> SignatureCounts:
    """The edition's signatures: the approval, each acknowledgement, and each signature with a certificate.

    An acknowledgement made by uploading a certificate signature counts once, as that signature.
    """
    external = ExternalSignature.objects.filter(version=version)
    by_certificate = external.filter(role=SignerRole.EMPLOYEE, acknowledgement__signed_at=F("uploaded_at"))
    return SignatureCounts(
        approval=1 if version.approved_at else 0,
        acknowledgements=Acknowledgement.objects.filter(version=version, status=AckStatus.SIGNED).count()
        - by_certificate.count(),
        certificates=external.count(),
    )


def can_sign_acknowledgement(ack) -> bool:
    if ack.status == AckStatus.SIGNED:
        return bool(ack.version.pdf_sha256)
    return (
        ack.status in SIGNABLE_ACK_STATUSES and ack.version.status == Status.APPROVED and bool(ack.version.pdf_sha256)
    )


def for_acknowledgement(ack):
    return list(ExternalSignature.objects.filter(acknowledgement=ack).order_by("uploaded_at", "id"))
