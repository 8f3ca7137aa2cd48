"""Detached CMS signatures (.sig, .p7s) of a stored PDF: reading them, matching them to the file, checking them.

What is checked: that the file is a CMS SignedData with one signer and without the document inside;
that it signs exactly the given PDF (the `messageDigest` signed attribute against the PDF's digest in
the algorithm the signature names, or the signature itself when there are no signed attributes); that
the signer's certificate was valid at the time of signing; and, for RSA (PKCS#1 v1.5 and PSS) and
ECDSA, the signature's mathematics (pyHanko on top of `cryptography`). What is not: the certificate's
chain up to a trusted root and its revocation, and the signature of a GOST R 34.10 key, which no
library of this application implements (its digest match is still checked, with GOST R 34.11-2012).
"""

import base64
import binascii
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import datetime

import gostcrypto
from asn1crypto import cms, core, pem, tsp, x509
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyhanko.sign.validation import errors as validation_errors
from pyhanko.sign.validation.generic_cms import validate_sig_integrity

# A detached signature with its certificate chain and revocation data is tens of kilobytes at most.
UPLOAD_LIMIT = 1024 * 1024

# Digests by the names asn1crypto gives them, and the two GOST R 34.11-2012 ones it does not know.
HASHLIB_DIGESTS = {"sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256", "sha3_384", "sha3_512"}
WEAK_DIGESTS = {"md5", "sha1", "md2", "md4"}
GOST_DIGESTS = {"1.2.643.7.1.1.2.2": "streebog256", "1.2.643.7.1.1.2.3": "streebog512"}
DIGEST_LABELS = {"streebog256": "GOST R 34.11-2012 (256)", "streebog512": "GOST R 34.11-2012 (512)"}
# GOST R 34.10-2001 and -2012 keys and signatures (RFC 4491, RFC 9215).
GOST_SIGNATURE_PREFIXES = ("1.2.643.2.2.", "1.2.643.7.1.1.1.", "1.2.643.7.1.1.3.")
GOST_R_34_11_94 = "1.2.643.2.2.9"

# Subject attributes of Russian qualified certificates (Приказ ФСБ № 795) that asn1crypto does not name.
RUSSIAN_NAME_TYPES = {
    "1.2.643.100.3": "СНИЛС",
    "1.2.643.3.131.1.1": "ИНН",
    "1.2.643.100.4": "ИНН ЮЛ",
    "1.2.643.100.1": "ОГРН",
    "1.2.643.100.5": "ОГРНИП",
}
NAME_LABELS = {
    "common_name": "CN",
    "surname": "SN",
    "given_name": "G",
    "title": "T",
    "organization_name": "O",
    "organizational_unit_name": "OU",
    "locality_name": "L",
    "state_or_province_name": "S",
    "street_address": "STREET",
    "country_name": "C",
    "email_address": "E",
    **RUSSIAN_NAME_TYPES,
}


class SignatureError(Exception):
    """The uploaded file cannot be accepted as a signature of the document; the message says why."""


class CryptoCheck:
    VERIFIED = "verified"
    NOT_PERFORMED = "not_performed"


@dataclass
class CertificateFacts:
    """What the signer's certificate says, as the pages and the package show it."""

    subject: str
    common_name: str
    surname: str
    given_name: str
    snils: str
    inn: str
    ogrn: str
    issuer: str
    serial: str
    valid_from: datetime
    valid_until: datetime
    der: bytes = field(repr=False)


@dataclass
class SignatureFacts:
    """The outcome of checking a detached signature against a PDF; only produced when it signs that PDF."""

    der: bytes = field(repr=False)
    certificate: CertificateFacts
    digest_algorithm: str
    signature_algorithm: str
    signing_time: datetime | None
    signing_time_source: str
    crypto_check: str
    crypto_note: str


def read_cms(data: bytes) -> bytes:
    """The DER bytes of a signature file written as DER, PEM or bare base64 (CryptoPro writes all three)."""
    if data[:1] == b"\x30":
        # DER as it is: its last bytes may well be ones that look like white space.
        return data
    raw = data.strip()
    if pem.detect(raw):
        try:
            _type, _headers, raw = pem.unarmor(raw)
        except ValueError:
            raise SignatureError(_("The file is not a readable electronic signature.")) from None
    else:
        text = re.sub(rb"\s+", b"", raw)
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise SignatureError(_("The file is not an electronic signature (CMS, PKCS#7).")) from None
    return raw


def _name_value(type_and_value) -> str:
    value = type_and_value["value"]
    native = value.native
    if isinstance(native, bytes):
        # A type asn1crypto does not know (the Russian ones): its value is a string of some universal type.
        try:
            native = core.load(native).native
        except ValueError:
            native = native.hex()
    return str(native)


def _name_parts(name: x509.Name) -> list[tuple[str, str]]:
    parts = []
    for rdn in name.chosen:
        for type_and_value in rdn:
            kind = type_and_value["type"]
            key = RUSSIAN_NAME_TYPES.get(kind.dotted) or kind.native
            parts.append((key, _name_value(type_and_value)))
    return parts


def _readable(parts: list[tuple[str, str]]) -> str:
    return ", ".join(f"{NAME_LABELS.get(key, key)}={value}" for key, value in parts)


def certificate_facts(certificate: x509.Certificate) -> CertificateFacts:
    subject = _name_parts(certificate.subject)
    values = {}
    for key, value in subject:
        values.setdefault(key, value)
    return CertificateFacts(
        subject=_readable(subject),
        common_name=values.get("common_name", ""),
        surname=values.get("surname", ""),
        given_name=values.get("given_name", ""),
        snils=values.get("СНИЛС", ""),
        inn=values.get("ИНН", "") or values.get("ИНН ЮЛ", ""),
        ogrn=values.get("ОГРН", "") or values.get("ОГРНИП", ""),
        issuer=_readable(_name_parts(certificate.issuer)),
        serial=format(certificate.serial_number, "x"),
        valid_from=certificate.not_valid_before,
        valid_until=certificate.not_valid_after,
        der=certificate.dump(),
    )


def digest_of(algorithm: str, data: bytes) -> bytes:
    if algorithm in GOST_DIGESTS.values():
        return bytes(gostcrypto.gosthash.new(algorithm, data=data).digest())
    return hashlib.new(algorithm, data).digest()


def _digest_name(signer_info) -> str:
    algorithm = signer_info["digest_algorithm"]["algorithm"]
    dotted = algorithm.dotted
    if dotted in GOST_DIGESTS:
        return GOST_DIGESTS[dotted]
    name = algorithm.native
    if name in WEAK_DIGESTS:
        raise SignatureError(
            _("The signature uses the %(name)s digest, which is no longer safe; sign again with SHA-256 or stronger.")
            % {"name": name.upper()}
        )
    if dotted == GOST_R_34_11_94:
        raise SignatureError(
            _("The signature uses GOST R 34.11-94, withdrawn since 2019; sign again with a GOST R 34.11-2012 key.")
        )
    if name not in HASHLIB_DIGESTS:
        raise SignatureError(
            _("The signature uses a digest algorithm this application does not know (%(oid)s).") % {"oid": dotted}
        )
    return name


def _is_gost(signer_info, certificate) -> bool:
    oids = (
        signer_info["signature_algorithm"]["algorithm"].dotted,
        certificate.public_key["algorithm"]["algorithm"].dotted,
    )
    return any(oid.startswith(GOST_SIGNATURE_PREFIXES) for oid in oids)


def _signer_certificate(signed_data, signer_info) -> x509.Certificate:
    sid = signer_info["sid"]
    for choice in signed_data["certificates"] or []:
        if choice.name != "certificate":
            continue
        certificate = choice.chosen
        if sid.name == "issuer_and_serial_number":
            if (
                certificate.issuer == sid.chosen["issuer"]
                and certificate.serial_number == sid.chosen["serial_number"].native
            ):
                return certificate
        elif certificate.key_identifier == sid.chosen.native:
            return certificate
    raise SignatureError(
        _("The signature does not contain the signer's certificate; save it again with the certificate included.")
    )


def _attribute(signed_attrs, name):
    for attribute in signed_attrs or []:
        if attribute["type"].native == name:
            return attribute["values"][0]
    return None


def _timestamp_time(signer_info) -> datetime | None:
    """The time of a timestamp token in the unsigned attributes (CAdES-T), as the token states it."""
    for attribute in signer_info["unsigned_attrs"] or []:
        if attribute["type"].native == "signature_time_stamp_token":
            token = attribute["values"][0]
            content = token["content"]["encap_content_info"]["content"]
            info = content.parsed if isinstance(content.parsed, tsp.TSTInfo) else tsp.TSTInfo.load(content.native)
            return info["gen_time"].native
    return None


def _check_crypto(signer_info, certificate, digest: bytes, *, has_attributes: bool) -> tuple[str, str]:
    if _is_gost(signer_info, certificate):
        if not has_attributes:
            raise SignatureError(
                _(
                    "This GOST signature has no signed attributes, so its link to the file can only be shown by the "
                    "cryptographic check, which this application cannot perform; sign with CAdES-BES instead."
                )
            )
        return CryptoCheck.NOT_PERFORMED, _(
            "GOST R 34.10-2012: no library of this application implements the algorithm, so the signature's "
            "mathematics is not checked here. The certificate and the digest of the file are; check the signature "
            "itself with certified software (CryptoPro, the Госуслуги checking service)."
        )
    try:
        intact, valid = validate_sig_integrity(signer_info, certificate, "data", digest)
    except validation_errors.SignatureValidationError as error:
        raise SignatureError(_("The signature is malformed: %(reason)s") % {"reason": error.failure_message}) from error
    except (NotImplementedError, ValueError, TypeError, KeyError) as error:
        raise SignatureError(
            _("The signature's algorithm cannot be checked by this application (%(reason)s).") % {"reason": error}
        ) from error
    if not valid and not has_attributes:
        # Without signed attributes the signature covers the file's digest itself: another file fails here.
        raise SignatureError(
            _("This signature is of another file, not of this document's stored PDF (or it is damaged).")
        )
    if not valid:
        raise SignatureError(
            _(
                "The signature's cryptographic check failed: it was not made with the key of the certificate it "
                "carries, or it is damaged."
            )
        )
    if not intact:
        raise SignatureError(_("This signature is of another file, not of this document's stored PDF."))
    return CryptoCheck.VERIFIED, _("Checked: the signature was made with the key of this certificate.")


def check_detached(data: bytes, document: bytes, *, now: datetime | None = None) -> SignatureFacts:
    """Check that `data` is a detached CMS signature of exactly `document`; raises SignatureError otherwise."""
    if len(data) > UPLOAD_LIMIT:
        raise SignatureError(_("The signature file is too large (more than 1 MB)."))
    der = read_cms(data)
    try:
        return _check(der, document, now or timezone.now())
    except SignatureError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
        # asn1crypto parses lazily: a damaged structure shows only when a part of it is read.
        raise SignatureError(_("The file is not a readable electronic signature (CMS, PKCS#7).")) from error


def _check(der: bytes, document: bytes, now: datetime) -> SignatureFacts:
    info = cms.ContentInfo.load(der, strict=True)
    if info["content_type"].native != "signed_data":
        raise SignatureError(_("The file is a CMS structure but not a signature (SignedData)."))
    signed_data = info["content"]
    if signed_data["encap_content_info"]["content"].native is not None:
        raise SignatureError(
            _(
                "This signature contains the signed document itself (an attached signature). Save a detached "
                "signature of the PDF (.sig, .p7s) and upload that."
            )
        )
    signer_infos = signed_data["signer_infos"]
    if len(signer_infos) != 1:
        raise SignatureError(
            _("The file holds %(count)s signatures; upload each signer's signature as a file of its own.")
            % {"count": len(signer_infos)}
        )
    signer_info = signer_infos[0]
    certificate = _signer_certificate(signed_data, signer_info)
    digest_name = _digest_name(signer_info)
    digest = digest_of(digest_name, document)
    signed_attrs = signer_info["signed_attrs"]
    has_attributes = signed_attrs is not core.VOID and len(signed_attrs) > 0
    if has_attributes:
        message_digest = _attribute(signed_attrs, "message_digest")
        if message_digest is None:
            raise SignatureError(_("The signature has signed attributes but no message digest among them."))
        if not hmac.compare_digest(message_digest.native, digest):
            raise SignatureError(
                _(
                    "This signature is of another file: the digest it signs differs from the digest of this "
                    "document's stored PDF. Sign the PDF downloaded from this page, without opening and saving it."
                )
            )
    signing_time, source = None, ""
    claimed = _attribute(signed_attrs, "signing_time") if has_attributes else None
    stamped = _timestamp_time(signer_info)
    if stamped is not None:
        signing_time, source = stamped, "timestamp"
    elif claimed is not None:
        signing_time, source = claimed.native, "claimed"
    facts = certificate_facts(certificate)
    moment = signing_time or now
    if not facts.valid_from <= moment <= facts.valid_until:
        raise SignatureError(
            _(
                "The certificate was not valid at the time of signing (%(moment)s): it is valid from %(start)s "
                "to %(end)s."
            )
            % {
                "moment": timezone.localtime(moment).strftime("%d.%m.%Y %H:%M"),
                "start": timezone.localtime(facts.valid_from).strftime("%d.%m.%Y"),
                "end": timezone.localtime(facts.valid_until).strftime("%d.%m.%Y"),
            }
        )
    crypto_check, crypto_note = _check_crypto(signer_info, certificate, digest, has_attributes=has_attributes)
    return SignatureFacts(
        der=der,
        certificate=facts,
        digest_algorithm=digest_name,
        signature_algorithm=_signature_label(signer_info, certificate),
        signing_time=signing_time,
        signing_time_source=source,
        crypto_check=crypto_check,
        crypto_note=crypto_note,
    )


def _signature_label(signer_info, certificate) -> str:
    if _is_gost(signer_info, certificate):
        key = certificate.public_key["algorithm"]["algorithm"].dotted
        return "GOST R 34.10-2001" if key.startswith("1.2.643.2.2.") else "GOST R 34.10-2012"
    algorithm = signer_info["signature_algorithm"]
    name = algorithm.signature_algo
    return {"rsassa_pkcs1v15": "RSA PKCS#1 v1.5", "rsassa_pss": "RSA-PSS", "ecdsa": "ECDSA", "dsa": "DSA"}.get(
        name, name
    )


def digest_label(name: str) -> str:
    return DIGEST_LABELS.get(name, name.upper().replace("_", "-"))


TIME_SOURCES = {
    "timestamp": gettext_lazy("from the timestamp in the signature (the authority's signature is not checked)"),
    "claimed": gettext_lazy("as the signer's computer stated it"),
    "": gettext_lazy("not stated in the signature; the upload time is used"),
}
