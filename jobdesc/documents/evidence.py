"""The audit trail of an approved edition: each step with its time, person, method and hash.

One selector feeds the certificate PDF, the archive package and the simple signatures' records, so
they never tell different stories. Addresses and browsers of the signers are personal data: they are
included only when the caller asks (HR and the approver see them; other colleagues do not).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc.instructions.models import Acknowledgement, AckStatus, Decision, Status, Visa

from .models import ExternalSignature, SealedPdf, SignerRole


class Method:
    """Stable codes of how a step was taken, used in the package's machine-readable files."""

    APP = "app"
    VISA = "visa"
    PASSWORD = "simple-signature-password"
    CERTIFICATE = "certificate-signature-cms"
    SEAL = "organisation-seal-pades"


@dataclass
class Step:
    when: datetime
    code: str  # what happened, a stable code: drafted, submitted, agreed, returned, approved, sealed, ...
    action: str
    person: str
    role: str
    method: str
    method_label: str
    sha256: str = ""
    address: str = ""
    browser: str = ""
    note: str = ""
    user_id: int | None = None
    record_name: str = ""
    # The person's name in parts (surname first) and job title, for the package's machine-readable files.
    name_parts: tuple[str, ...] = ()
    jobtitle: str = ""
    role_code: str = ""
    signature: ExternalSignature | None = None


def _name(user) -> str:
    return user.display_name if user else "—"


def _user_parts(user) -> tuple[str, ...]:
    if user is None:
        return ()
    return tuple(part for part in (user.last_name, user.first_name) if part) or (user.username,)


def _full_name_parts(full_name: str) -> tuple[str, ...]:
    return tuple((full_name or "").split())


def _password_label() -> str:
    return _("simple electronic signature: password re-entered")


def _certificate_label(signature) -> str:
    performed = signature.is_verified
    check = _("cryptographic check performed") if performed else _("cryptographic check not performed")
    return _("electronic signature with a certificate (CMS, %(algorithm)s, %(digest)s); %(check)s") % {
        "algorithm": signature.signature_algorithm,
        "digest": signature.digest_label,
        "check": check,
    }


def status_today(version) -> str:
    """In force, replaced or withdrawn: what the edition is today, in words."""
    if version.status == Status.APPROVED:
        return _("in force today")
    if version.status == Status.SUPERSEDED:
        return _("replaced by a later edition, no longer in force")
    return _("withdrawn, no longer in force")


def _position_title(employee) -> str:
    return employee.position.title if employee.position_id else ""


def steps(version, *, with_network: bool = False) -> list[Step]:
    """Every step of a frozen version, oldest first."""
    organisation = version.instruction.organisation
    result = [
        Step(
            version.created_at,
            "drafted",
            _("drafted"),
            _name(version.created_by),
            _("HR officer"),
            Method.APP,
            _("in the application"),
            user_id=version.created_by_id,
            name_parts=_user_parts(version.created_by),
            role_code="hr",
        )
    ]
    if version.submitted_at:
        result.append(
            Step(
                version.submitted_at,
                "submitted",
                _("sent for agreement"),
                _name(version.submitted_by),
                _("HR officer"),
                Method.APP,
                _("in the application"),
                user_id=version.submitted_by_id,
                name_parts=_user_parts(version.submitted_by),
                role_code="hr",
            )
        )
    visas = (
        Visa.objects.filter(version=version, decided_at__isnull=False)
        .exclude(decision=Decision.CLOSED)
        .select_related("official")
        .order_by("decided_at")
    )
    for visa in visas:
        result.append(
            Step(
                visa.decided_at,
                "agreed" if visa.decision == Decision.AGREED else "returned",
                _("agreed") if visa.decision == Decision.AGREED else _("returned with a comment"),
                _name(visa.official),
                _("agreeing official"),
                Method.VISA,
                _("visa in the application (logged-in session)"),
                note=_("round %(round)s") % {"round": visa.round},
                user_id=visa.official_id,
                name_parts=_user_parts(visa.official),
                role_code="agreeing",
            )
        )
    if version.approved_at:
        result.append(
            Step(
                version.approved_at,
                "approved",
                _("approved"),
                _name(version.approved_by),
                _("approver"),
                Method.PASSWORD,
                _password_label(),
                sha256=version.pdf_sha256,
                note=_("the stored PDF was made in the same step; its SHA-256 is the one signed"),
                user_id=version.approved_by_id,
                record_name="approval",
                name_parts=_user_parts(version.approved_by),
                jobtitle=organisation.head_position,
                role_code="approver",
            )
        )
    sealed = SealedPdf.objects.filter(version=version).select_related("seal").first()
    if sealed is not None:
        result.append(
            Step(
                sealed.sealed_at,
                "sealed",
                _("sealed"),
                sealed.seal.subject,
                _("organisation"),
                Method.SEAL,
                _("PAdES seal of the organisation in the PDF (certificate %(serial)s)")
                % {"serial": sealed.seal.serial},
                sha256=version.pdf_sha256,
                role_code="organisation",
            )
        )
    external = (
        ExternalSignature.objects.filter(version=version)
        .select_related("uploaded_by", "acknowledgement__employee__position")
        .order_by("uploaded_at")
    )
    for signature in external:
        by_approver = signature.role == SignerRole.APPROVER
        ack = signature.acknowledgement
        parts = _user_parts(signature.uploaded_by) if by_approver else _full_name_parts(ack.employee.full_name)
        result.append(
            Step(
                signature.signing_time or signature.uploaded_at,
                "signed" if by_approver else "acknowledged",
                _("signed with a certificate") if by_approver else _("acknowledged"),
                signature.subject_name or _name(signature.uploaded_by),
                signature.get_role_display(),
                Method.CERTIFICATE,
                _certificate_label(signature),
                sha256=signature.pdf_sha256,
                note=_("uploaded by %(person)s on %(date)s; signature file SHA-256 %(sha)s")
                % {
                    "person": _name(signature.uploaded_by),
                    "date": timezone.localtime(signature.uploaded_at).strftime("%d.%m.%Y %H:%M"),
                    "sha": signature.sha256,
                },
                user_id=signature.uploaded_by_id,
                name_parts=parts,
                jobtitle=organisation.head_position if by_approver else _position_title(ack.employee),
                role_code=signature.role,
                signature=signature,
            )
        )
    by_certificate = set(external.filter(role=SignerRole.EMPLOYEE).values_list("acknowledgement_id", "uploaded_at"))
    acknowledgements = (
        Acknowledgement.objects.filter(version=version, status=AckStatus.SIGNED)
        .select_related("employee__position")
        .order_by("signed_at")
    )
    for ack in acknowledgements:
        if (ack.pk, ack.signed_at) in by_certificate:
            continue
        result.append(
            Step(
                ack.signed_at,
                "acknowledged",
                _("acknowledged"),
                ack.employee.full_name,
                _("employee"),
                Method.PASSWORD,
                _password_label(),
                sha256=ack.pdf_sha256,
                address=(ack.ip_address or "") if with_network else "",
                browser=ack.user_agent if with_network else "",
                user_id=ack.signed_by_id,
                record_name=f"acknowledgement-{ack.pk}",
                name_parts=_full_name_parts(ack.employee.full_name),
                jobtitle=_position_title(ack.employee),
                role_code="employee",
            )
        )
    ends = ((version.superseded_at, "replaced", _("replaced")), (version.withdrawn_at, "withdrawn", _("withdrawn")))
    for moment, code, action in ends:
        if moment:
            result.append(Step(moment, code, action, "", "", Method.APP, _("in the application")))
    return sorted(result, key=lambda step: step.when)
