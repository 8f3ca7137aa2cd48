"""The organisation's seal: a PKCS#12 certificate and key, stored encrypted, that signs stored PDFs (PAdES).

The key is encrypted with DOCUMENT_SEAL_KEY (one or more Fernet keys, comma-separated; the first
encrypts, all decrypt, so the key can be rotated); without it no seal is stored. The seal is applied
once, when an approved version's PDF is stored, so the bytes employees sign are the sealed ones, and
any PDF reader shows that the file has not changed since. pyHanko writes the signature as an
incremental update: the rendered PDF stays byte for byte inside the sealed one.
"""

import io
import logging
from dataclasses import dataclass

from asn1crypto import keys, x509
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from jobdesc.instructions.record import printed_names

from .cms import certificate_facts
from .errors import EvidenceError, RenderError
from .models import OrganisationSeal, SealedPdf

logger = logging.getLogger(__name__)

UPLOAD_LIMIT = 64 * 1024
FIELD_NAME = "OrganisationSeal"


def _fernet() -> MultiFernet:
    configured = [key.strip() for key in (getattr(settings, "DOCUMENT_SEAL_KEY", "") or "").split(",") if key.strip()]
    if not configured:
        raise EvidenceError(
            _(
                "The seal cannot be stored: the server has no DOCUMENT_SEAL_KEY to encrypt its key with. "
                "Ask the administrator."
            )
        )
    try:
        return MultiFernet([Fernet(key) for key in configured])
    except ValueError:
        raise EvidenceError(_("The server's DOCUMENT_SEAL_KEY is not a valid key; ask the administrator.")) from None


def encryption_configured() -> bool:
    try:
        _fernet()
    except EvidenceError:
        return False
    return True


@dataclass
class LoadedSeal:
    certificate: x509.Certificate
    key: keys.PrivateKeyInfo
    chain: list[x509.Certificate]


def read_pkcs12(data: bytes, password: str, *, now=None) -> LoadedSeal:
    """Open a PKCS#12 file with its password and check it can seal: key and certificate match, valid now."""
    if len(data) > UPLOAD_LIMIT:
        raise EvidenceError(_("The file is too large for a certificate with its key (more than 64 KB)."))
    try:
        key, certificate, others = pkcs12.load_key_and_certificates(data, (password or "").encode() or None)
    except ValueError:
        raise EvidenceError(
            _("The file cannot be opened: it is not a PKCS#12 file (.p12, .pfx), or the password is wrong.")
        ) from None
    if key is None or certificate is None:
        raise EvidenceError(_("The file must hold both the certificate and its private key."))
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(serialization.Encoding.DER, public) != certificate.public_key().public_bytes(
        serialization.Encoding.DER, public
    ):
        raise EvidenceError(_("The private key does not belong to the certificate in the file."))
    now = now or timezone.now()
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise EvidenceError(
            _("The certificate is not valid now: it is valid from %(start)s to %(end)s.")
            % {
                "start": timezone.localtime(certificate.not_valid_before_utc).strftime("%d.%m.%Y"),
                "end": timezone.localtime(certificate.not_valid_after_utc).strftime("%d.%m.%Y"),
            }
        )
    pkcs8 = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return LoadedSeal(
        certificate=x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        key=keys.PrivateKeyInfo.load(pkcs8),
        chain=[x509.Certificate.load(other.public_bytes(serialization.Encoding.DER)) for other in others or []],
    )


def active_seal(organisation) -> OrganisationSeal | None:
    return OrganisationSeal.objects.active().filter(organisation=organisation).first()


def _check_manager(user, organisation):
    if user.organisation_id != organisation.pk or not user.has_perm("documents.manage_seal"):
        raise EvidenceError(_("Your role does not allow managing the organisation's seal."))


@transaction.atomic
def upload_seal(*, organisation, user, data: bytes, password: str) -> OrganisationSeal:
    """Store a new seal for the organisation, replacing the one it had (whose key is erased)."""
    _check_manager(user, organisation)
    fernet = _fernet()
    loaded = read_pkcs12(data, password)
    facts = certificate_facts(loaded.certificate)
    now = timezone.now()
    for previous in OrganisationSeal.objects.select_for_update().active().filter(organisation=organisation):
        _retire(previous, user, now)
    return OrganisationSeal.objects.create(
        organisation=organisation,
        certificate=loaded.certificate.dump(),
        chain=b"".join(certificate.dump() for certificate in loaded.chain),
        private_key=fernet.encrypt(loaded.key.dump()),
        subject=facts.subject,
        issuer=facts.issuer,
        serial=facts.serial,
        valid_from=facts.valid_from,
        valid_until=facts.valid_until,
        uploaded_by=user,
        uploaded_at=now,
    )


def _retire(seal, user, now):
    seal.removed_at, seal.removed_by, seal.private_key = now, user, b""
    seal.save(update_fields=["removed_at", "removed_by", "private_key"])


@transaction.atomic
def remove_seal(*, organisation, user) -> bool:
    """Stop sealing new PDFs; the key is erased, the certificate kept for the PDFs already sealed."""
    _check_manager(user, organisation)
    seal = OrganisationSeal.objects.select_for_update().active().filter(organisation=organisation).first()
    if seal is None:
        return False
    _retire(seal, user, timezone.now())
    return True


def _chain(seal) -> list[x509.Certificate]:
    data, certificates = bytes(seal.chain), []
    while data:
        certificate = x509.Certificate.load(data)
        length = len(certificate.dump())
        certificates.append(x509.Certificate.load(data[:length]))
        data = data[length:]
    return certificates


def _signer(seal) -> signers.SimpleSigner:
    try:
        key = keys.PrivateKeyInfo.load(_fernet().decrypt(bytes(seal.private_key)))
    except (InvalidToken, EvidenceError) as error:
        raise RenderError(
            _(
                "The organisation's seal cannot be applied: its key cannot be decrypted with the server's "
                "DOCUMENT_SEAL_KEY. Restore the key, or remove the seal and upload it again."
            )
        ) from error
    certificate = x509.Certificate.load(bytes(seal.certificate))
    return signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([certificate, *_chain(seal)]),
    )


def apply(data: bytes, seal: OrganisationSeal, *, reason: str, location: str) -> bytes:
    """The PDF with the seal's PAdES signature added as an incremental update."""
    now = timezone.now()
    if not seal.valid_from <= now <= seal.valid_until:
        raise RenderError(
            _("The organisation's seal expired on %(date)s; upload a new one or remove it to approve.")
            % {"date": timezone.localtime(seal.valid_until).strftime("%d.%m.%Y")}
        )
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    output = io.BytesIO()
    try:
        signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), metadata, signer=_signer(seal), output=output)
    except RenderError:
        raise
    except Exception as error:
        logger.exception("Sealing the PDF failed")
        raise RenderError(_("The organisation's seal could not be applied: %(error)s") % {"error": error}) from error
    return output.getvalue()


def seal_stored(version, data: bytes) -> tuple[bytes, OrganisationSeal | None]:
    """Seal a version's PDF before it is stored, if its organisation has a seal; the seal used, or None."""
    seal = active_seal(version.instruction.organisation_id)
    if seal is None:
        return data, None
    organisation, position = printed_names(version)
    reason = _("Approved %(position)s, version %(number)s") % {
        "position": position.title,
        "number": version.number,
    }
    return apply(data, seal, reason=reason, location=organisation.city), seal


def record(version, seal) -> SealedPdf:
    return SealedPdf.objects.create(version=version, seal=seal, sealed_at=timezone.now())
