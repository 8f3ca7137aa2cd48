"""The electronic original's package of an approved edition: one zip with everything a records manager keeps.

Following the composition Приказ Минтруда № 578н gives an electronic HR document: the main part
(the stored PDF), a file of each signature (the CMS files as uploaded; for the simple signatures made
in the app, a machine-readable record per signer), and the description of the document in XML
(UTF-8 without BOM). The description and the records are validated against this application's own
schema (`schemas/description.xsd`) before the package is handed out; the element names follow the
order's lower-case style, the exact element table of its annex is not reproduced (see README).
"""

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from jobdesc.instructions.models import Status
from jobdesc.instructions.record import printed_names

from .errors import EvidenceError
from .evidence import Method, steps
from .models import SealedPdf
from .verification import code_for

NAMESPACE = "urn:jobdesc:electronic-original:1"
SCHEMA = Path(__file__).parent / "schemas" / "description.xsd"
DESCRIPTION_NAME = "description.xml"
# A fixed namespace for the description's identifier: the same edition always gets the same id.
ID_NAMESPACE = uuid.UUID("6f1c5f0e-3d0b-4c57-9a55-3b3f0e7c1d20")
# Zip entries get the approval's time, so the same edition packs to the same bytes.
STATUS_CODES = {Status.APPROVED: "in-force", Status.SUPERSEDED: "replaced", Status.WITHDRAWN: "withdrawn"}


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def validate(xml: bytes) -> None:
    """Raise EvidenceError unless the bytes are well-formed, without BOM, and valid against the schema."""
    if xml.startswith(b"\xef\xbb\xbf"):
        raise EvidenceError(_("The description must not start with a byte order mark."))
    try:
        tree = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise EvidenceError(_("The description is not well-formed XML: %(error)s") % {"error": error}) from error
    schema = _schema()
    if not schema.validate(tree):
        raise EvidenceError(
            _("The description does not match its schema: %(error)s") % {"error": schema.error_log.last_error}
        )


def _element(parent, name, text=None, **attributes):
    node = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}", {key: str(value) for key, value in attributes.items()})
    if text is not None:
        node.text = str(text)
    return node


def _optional(parent, name, text):
    if text:
        _element(parent, name, text)


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass
class PackageFile:
    name: str
    data: bytes
    kind: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def description_id(version) -> uuid.UUID:
    return uuid.uuid5(ID_NAMESPACE, f"{version.instruction.organisation_id}:{version.pk}")


def _person(parent, name, parts, jobtitle=""):
    person = _element(parent, name)
    parts = list(parts)
    _element(person, "lastname", parts[0] if parts else "—")
    _optional(person, "firstname", parts[1] if len(parts) > 1 else "")
    _optional(person, "middlename", " ".join(parts[2:]))
    _optional(person, "jobtitle", jobtitle)
    return person


def simple_signature_record(version, step) -> bytes:
    """A machine-readable record of one simple electronic signature made in the app (password re-entered)."""
    root = etree.Element(f"{{{NAMESPACE}}}simplesignature", nsmap={None: NAMESPACE})
    _element(root, "document", description_id(version))
    _element(root, "action", step.code)
    _element(root, "role", step.role_code)
    _person(root, "signer", step.name_parts, step.jobtitle)
    if step.user_id:
        _element(root, "account", step.user_id)
    _element(root, "time", _iso(step.when))
    _element(root, "method", step.method)
    _element(root, "methodtext", step.method_label)
    _optional(root, "address", step.address)
    _optional(root, "browser", step.browser)
    _element(root, "sha256", step.sha256)
    data = _serialise(root)
    validate(data)
    return data


def _safe(name: str) -> str:
    return slugify(name, allow_unicode=True) or "signature"


def package_files(version) -> list[PackageFile]:
    """The files of the package, the description last (it lists the others with their hashes)."""
    if not version.is_frozen or not version.pdf:
        raise EvidenceError(_("Only an approved version with its stored PDF has an electronic original."))
    with version.pdf.open("rb") as stored:
        pdf = stored.read()
    pdf_name = f"{_safe(printed_names(version)[1].title)}-{version.number}.pdf"
    files = [PackageFile(pdf_name, pdf, "mainpart")]
    trail = steps(version, with_network=True)
    signature_files = []
    for step in trail:
        if step.method == Method.PASSWORD:
            name = f"signatures/{step.record_name}.xml"
            signature_files.append((step, PackageFile(name, simple_signature_record(version, step), "simple")))
    certificate_steps = sorted(
        (step for step in trail if step.method == Method.CERTIFICATE), key=lambda step: step.signature.uploaded_at
    )
    for index, step in enumerate(certificate_steps, start=1):
        signature = step.signature
        name = f"signatures/{index:02d}-{signature.role}-{signature.sha256[:8]}.sig"
        signature_files.append((step, PackageFile(name, bytes(signature.content), "certificate")))
    files += [item for _owner, item in signature_files]
    files.append(PackageFile(DESCRIPTION_NAME, description_xml(version, files[0], signature_files, trail), "xml"))
    return files


def description_xml(version, main_part: PackageFile, signature_files, trail) -> bytes:
    """The description of the electronic document (578н: XML, UTF-8 without BOM)."""
    # As approved: the snapshot's organisation and position, not today's.
    organisation, position = printed_names(version)
    entry = getattr(version, "journal_entry", None)
    root = etree.Element(f"{{{NAMESPACE}}}document", nsmap={None: NAMESPACE})
    _element(root, "id", description_id(version))
    _element(root, "created", _iso(version.approved_at))
    _element(root, "kind", "Должностная инструкция")
    _element(root, "name", f"Должностная инструкция: {position.title}")
    _element(root, "language", version.language)
    if entry is not None:
        _element(root, "number", entry.number)
        _element(root, "date", entry.registered_on.isoformat())
    _element(root, "edition", version.number)
    if version.effective_date:
        _element(root, "effectivedate", version.effective_date.isoformat())
    _element(root, "status", STATUS_CODES.get(version.status, version.status))
    _optional(root, "verificationcode", code_for(version))
    # Which copy is the original: a paper one signed in ink (this package is then its evidence), or this file.
    _optional(root, "original", version.original_mode)
    employer = _element(root, "employer")
    _element(employer, "name", organisation.full_name)
    _optional(employer, "shortname", organisation.short_name)
    _optional(employer, "inn", organisation.inn)
    _optional(employer, "kpp", organisation.kpp)
    _optional(employer, "ogrn", organisation.ogrn)
    main = _element(root, "mainpart")
    _element(main, "file", main_part.name)
    _element(main, "format", "application/pdf")
    _element(main, "size", len(main_part.data))
    _element(main, "sha256", main_part.sha256)
    sealed = SealedPdf.objects.filter(version=version).select_related("seal").first()
    if sealed is not None:
        seal = _element(main, "seal")
        _element(seal, "subject", sealed.seal.subject)
        _element(seal, "serial", sealed.seal.serial)
        _element(seal, "time", _iso(sealed.sealed_at))
    signatures = _element(root, "signatures")
    for owner, item in signature_files:
        node = _element(signatures, "signature")
        _element(node, "file", item.name)
        _element(node, "sha256", item.sha256)
        _element(node, "type", "simple" if item.kind == "simple" else "certificate")
        _element(node, "role", owner.role_code)
        _person(node, "signer", owner.name_parts, owner.jobtitle)
        _element(node, "time", _iso(owner.when))
        _element(node, "signedsha256", owner.sha256)
        if item.kind == "certificate":
            signature = owner.signature
            certificate = _element(node, "certificate")
            _element(certificate, "serial", signature.serial)
            _element(certificate, "subject", signature.subject)
            _element(certificate, "issuer", signature.issuer)
            _element(certificate, "validfrom", _iso(signature.valid_from))
            _element(certificate, "validuntil", _iso(signature.valid_until))
            _optional(certificate, "snils", signature.snils)
            _optional(certificate, "inn", signature.inn)
            check = _element(node, "check")
            _element(check, "digest", "matches")
            _element(check, "crypto", signature.crypto_check.replace("_", "-"))
            _element(check, "chain", "not-checked")
    visas = _element(root, "visas")
    for step in trail:
        if step.method == Method.VISA:
            visa = _element(visas, "visa")
            _person(visa, "official", step.name_parts)
            _element(visa, "decision", step.code)
            _element(visa, "time", _iso(step.when))
    data = _serialise(root)
    validate(data)
    return data


def build_package(version) -> bytes:
    """The zip of one edition: the PDF, the signature files and the XML description.

    Its texts are in the document's language, whoever downloads it, so an edition always packs alike.
    """
    stamp = timezone.localtime(version.approved_at).timetuple()[:6]
    output = io.BytesIO()
    with translation.override(version.language), zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in package_files(version):
            info = zipfile.ZipInfo(item.name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, item.data)
    return output.getvalue()


def package_name(version) -> str:
    return f"{_safe(version.instruction.position.title)}-{version.number}-electronic-original.zip"
