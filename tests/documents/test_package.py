"""The electronic original's package: the PDF, a well-formed and valid XML description, the signature evidence."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from jobdesc.documents import archive
from jobdesc.documents.errors import EvidenceError
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.models import Acknowledgement, Version
from tests.conftest import PASSWORD, login
from tests.documents import signing

NS = {"d": archive.NAMESPACE}


@pytest.fixture
def signed(employee_user, approved_version, approver):
    """An approved version acknowledged by password, with the approver's detached signature uploaded."""
    version = Version.objects.get(pk=approved_version.pk)
    ack = Acknowledgement.objects.get(version=version, employee__user=employee_user)
    acknowledgements.sign(
        acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD, ip_address="10.1.2.3", user_agent="Firefox"
    )
    with version.pdf.open("rb") as stored:
        pdf = stored.read()
    key = signing.rsa_key()
    cms_file = signing.detached(pdf, key, signing.certificate(key))
    login(approver).post(
        reverse("documents:upload_signature", args=[version.pk]), {"signature": SimpleUploadedFile("d.sig", cms_file)}
    )
    return version, cms_file


def open_package(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_hr_downloads_one_zip_with_the_pdf_the_signatures_and_the_description(signed, hr):
    version, cms_file = signed
    response = login(hr).get(reverse("documents:package", args=[version.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    files = open_package(response.content)
    [pdf_name] = [name for name in files if name.endswith(".pdf")]
    assert hashlib.sha256(files[pdf_name]).hexdigest() == version.pdf_sha256
    signatures = sorted(name for name in files if name.startswith("signatures/"))
    [cms_name] = [name for name in signatures if name.endswith(".sig")]
    assert files[cms_name] == cms_file
    records = [name for name in signatures if name.endswith(".xml")]
    assert len(records) == 2  # the approval and the acknowledgement, both by password
    description = files[archive.DESCRIPTION_NAME]
    assert not description.startswith(b"\xef\xbb\xbf") and description.startswith(b"<?xml")
    archive.validate(description)
    tree = etree.fromstring(description)
    assert tree.findtext("d:mainpart/d:sha256", namespaces=NS) == version.pdf_sha256
    assert tree.findtext("d:mainpart/d:file", namespaces=NS) == pdf_name
    assert tree.findtext("d:edition", namespaces=NS) == str(version.number)
    assert tree.findtext("d:status", namespaces=NS) == "in-force"
    assert tree.findtext("d:original", namespaces=NS) == "paper"
    assert tree.findtext("d:employer/d:inn", namespaces=NS) == "7701234567"
    listed = {node.findtext("d:file", namespaces=NS): node for node in tree.iterfind("d:signatures/d:signature", NS)}
    assert set(listed) == set(signatures)
    for name, node in listed.items():
        assert node.findtext("d:sha256", namespaces=NS) == hashlib.sha256(files[name]).hexdigest()
        assert node.findtext("d:signedsha256", namespaces=NS) == version.pdf_sha256
    certificate = [node for node in listed.values() if node.findtext("d:type", namespaces=NS) == "certificate"][0]
    assert certificate.findtext("d:check/d:crypto", namespaces=NS) == "verified"
    assert certificate.findtext("d:check/d:chain", namespaces=NS) == "not-checked"


def test_a_simple_signature_record_says_who_when_how_from_where_and_what(signed, hr):
    version, _cms = signed
    files = open_package(login(hr).get(reverse("documents:package", args=[version.pk])).content)
    ack = Acknowledgement.objects.get(version=version)
    record = etree.fromstring(files[f"signatures/acknowledgement-{ack.pk}.xml"])
    assert record.findtext("d:signer/d:lastname", namespaces=NS) == "Иванов"
    assert record.findtext("d:method", namespaces=NS) == "simple-signature-password"
    assert record.findtext("d:address", namespaces=NS) == "10.1.2.3"
    assert record.findtext("d:browser", namespaces=NS) == "Firefox"
    assert record.findtext("d:sha256", namespaces=NS) == version.pdf_sha256
    assert record.findtext("d:time", namespaces=NS).startswith(str(ack.signed_at.astimezone().year))


def test_the_same_edition_packs_to_the_same_bytes(signed):
    version, _cms = signed
    assert archive.build_package(version) == archive.build_package(version)


def test_a_description_with_a_bom_or_broken_markup_or_off_schema_is_refused():
    with pytest.raises(EvidenceError, match="byte order mark"):
        archive.validate(b"\xef\xbb\xbf<?xml version='1.0'?><x/>")
    with pytest.raises(EvidenceError, match="well-formed"):
        archive.validate(b"<document><id>")
    with pytest.raises(EvidenceError, match="schema"):
        archive.validate(f'<document xmlns="{archive.NAMESPACE}"><id>1</id></document>'.encode())


def test_a_draft_has_no_package(complete_draft, hr):
    assert login(hr).get(reverse("documents:package", args=[complete_draft.pk])).status_code == 404
