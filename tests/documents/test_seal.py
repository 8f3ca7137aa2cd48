"""The organisation's seal: PKCS#12 upload with its checks, the key encrypted at rest, PAdES on the stored PDF."""

import datetime
import hashlib
import io

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from jobdesc.accounts.roles import Role
from jobdesc.documents import seal, verification
from jobdesc.documents.errors import EvidenceError
from jobdesc.documents.models import OrganisationSeal, SealedPdf
from jobdesc.instructions.models import Version
from jobdesc.orgs.models import OriginalMode
from tests.conftest import approve_through_workflow, login, make_user
from tests.documents import signing
from tests.documents.pdf_reading import pdfa_identification

PASSWORD = "seal-password"


@pytest.fixture
def seal_keeper(organisation):
    """The organisation administrator, who holds documents.manage_seal."""
    return make_user(organisation, "admin", Role.ADMIN, "Админова Вера")


@pytest.fixture
def seal_key(settings):
    settings.DOCUMENT_SEAL_KEY = Fernet.generate_key().decode()
    return settings.DOCUMENT_SEAL_KEY


@pytest.fixture
def seal_material():
    key = signing.rsa_key()
    certificate = signing.certificate(key, surname="ООО «Ромашка»", given="печать")
    return key, certificate, signing.pkcs12_file(key, certificate, PASSWORD)


def post_seal(client, data, password=PASSWORD):
    return client.post(
        reverse("documents:seal"), {"certificate": SimpleUploadedFile("seal.p12", data), "password": password}
    )


def test_the_administrator_stores_a_seal_and_its_key_is_kept_encrypted(
    seal_key, seal_material, seal_keeper, organisation
):
    key, certificate, data = seal_material
    response = post_seal(login(seal_keeper), data)
    assert response.status_code == 302
    stored = OrganisationSeal.objects.active().get(organisation=organisation)
    assert stored.serial == format(certificate.serial_number, "x")
    der, pkcs8 = serialization.Encoding.DER, serialization.PrivateFormat.PKCS8
    plain = key.private_bytes(der, pkcs8, serialization.NoEncryption())
    assert plain not in bytes(stored.private_key)
    assert Fernet(seal_key.encode()).decrypt(bytes(stored.private_key)) == plain
    page = login(seal_keeper).get(reverse("documents:seal")).content.decode()
    assert stored.serial in page and 'id="current-seal"' in page
    assert 'id="seal-link"' in login(seal_keeper).get(reverse("orgs:access")).content.decode()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("wrong password", "password is wrong"),
        ("not pkcs12", "not a PKCS#12 file"),
        ("expired", "not valid now"),
    ],
)
def test_a_seal_that_cannot_seal_is_refused(seal_key, seal_material, seal_keeper, case, message):
    key, certificate, data = seal_material
    password = PASSWORD
    if case == "wrong password":
        password = "wrong"
    elif case == "not pkcs12":
        data = b"not a certificate at all"
    elif case == "expired":
        old = signing.certificate(key, start=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), days=10)
        data = signing.pkcs12_file(key, old, PASSWORD)
    with pytest.raises(EvidenceError, match=message):
        seal.read_pkcs12(data, password)
    response = post_seal(login(seal_keeper), data, password)
    assert response.status_code == 400
    assert not OrganisationSeal.objects.exists()


def test_a_key_of_another_certificate_is_refused(seal_material, monkeypatch):
    # `cryptography` will not even write such a file; signing tools that do exist, so read one as if it were.
    _key, certificate, data = seal_material
    other = signing.rsa_key()
    monkeypatch.setattr(seal.pkcs12, "load_key_and_certificates", lambda *args: (other, certificate, []))
    with pytest.raises(EvidenceError, match="does not belong to the certificate"):
        seal.read_pkcs12(data, PASSWORD)


def test_without_the_servers_key_no_seal_is_stored(settings, seal_material, seal_keeper):
    settings.DOCUMENT_SEAL_KEY = ""
    page = login(seal_keeper).get(reverse("documents:seal")).content.decode()
    assert 'id="seal-key-missing"' in page
    assert post_seal(login(seal_keeper), seal_material[2]).status_code == 400
    assert not OrganisationSeal.objects.exists()


@pytest.mark.parametrize("role", ["approver", "hr"])
def test_only_a_holder_of_the_seal_permission_manages_it(seal_key, seal_material, role, organisation, request):
    other = request.getfixturevalue(role)
    assert not other.has_perm("documents.manage_seal"), "the HR officer no longer keeps the seal"
    assert post_seal(login(other), seal_material[2]).status_code == 403
    assert login(other).get(reverse("documents:seal")).status_code == 403
    with pytest.raises(EvidenceError):
        seal.upload_seal(organisation=organisation, user=other, data=seal_material[2], password=PASSWORD)
    assert not OrganisationSeal.objects.exists()


@pytest.fixture
def sealed_version(seal_key, seal_material, seal_keeper, hr, organisation, complete_draft, lawyer, approver):
    seal.upload_seal(organisation=organisation, user=seal_keeper, data=seal_material[2], password=PASSWORD)
    return Version.objects.get(pk=approve_through_workflow(complete_draft, hr, [lawyer], approver).pk)


def stored_bytes(version) -> bytes:
    with version.pdf.open("rb") as stored:
        return stored.read()


def test_the_stored_pdf_carries_the_seal_and_any_reader_sees_it_unaltered(sealed_version, seal_material):
    data = stored_bytes(sealed_version)
    assert hashlib.sha256(data).hexdigest() == sealed_version.pdf_sha256
    reader = PdfFileReader(io.BytesIO(data))
    [embedded] = reader.embedded_signatures
    root = seal.x509.Certificate.load(seal_material[1].public_bytes(serialization.Encoding.DER))
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert SealedPdf.objects.get(version=sealed_version).seal.serial == format(seal_material[1].serial_number, "x")


def test_the_verify_page_recognises_a_sealed_pdf(client, sealed_version):
    url = reverse("documents:verify", args=[verification.code_for(sealed_version)])
    response = client.post(url, {"file": SimpleUploadedFile("copy.pdf", stored_bytes(sealed_version))})
    page = response.content.decode()
    assert 'class="alert alert-success" id="result"' in page
    assert 'id="seal"' in page and SealedPdf.objects.get().seal.serial in page


def test_a_key_that_cannot_be_decrypted_stops_storing_the_pdf_and_says_why(
    settings, sealed_version, hr, lawyer, approver, position
):
    from jobdesc.documents.errors import RenderError
    from jobdesc.documents.tasks import store_version_pdf
    from jobdesc.instructions.models import Status
    from jobdesc.instructions.workflow import services as workflow

    settings.DOCUMENT_SEAL_KEY = Fernet.generate_key().decode()
    draft = workflow.new_version(version=sealed_version, user=hr)
    workflow.submit(version=draft, user=hr, officials=[lawyer])
    workflow.agree(version=draft, user=lawyer)
    # The approval stands; storing its PDF fails with the reason, and no unsealed file is kept instead.
    workflow.approve(version=draft, user=approver, password="correct-horse-battery")
    with pytest.raises(RenderError, match="cannot be decrypted"):
        store_version_pdf.call(organisation_id=draft.instruction.organisation_id, version_id=draft.pk)
    stored = Version.objects.get(pk=draft.pk)
    assert stored.status == Status.APPROVED and not stored.pdf


def test_removing_the_seal_erases_its_key_and_new_pdfs_are_not_sealed(
    sealed_version, seal_keeper, hr, lawyer, approver, organisation
):
    from jobdesc.instructions.workflow import services as workflow

    response = login(seal_keeper).post(reverse("documents:seal_remove"))
    assert response.status_code == 302
    removed = OrganisationSeal.objects.get()
    assert removed.removed_at is not None and bytes(removed.private_key) == b""
    draft = workflow.new_version(version=sealed_version, user=hr)
    approved = approve_through_workflow(draft, hr, [lawyer], approver)
    assert not PdfFileReader(io.BytesIO(stored_bytes(Version.objects.get(pk=approved.pk)))).embedded_signatures
    assert not SealedPdf.objects.filter(version=approved).exists()


@pytest.mark.pdf
def test_an_electronic_original_is_sealed_and_stays_pdf_a_1a(
    seal_key, seal_material, seal_keeper, hr, lawyer, approver, organisation, complete_draft
):
    organisation.original_mode = OriginalMode.ELECTRONIC
    organisation.save()
    seal.upload_seal(organisation=organisation, user=seal_keeper, data=seal_material[2], password=PASSWORD)
    version = Version.objects.get(pk=approve_through_workflow(complete_draft, hr, [lawyer], approver).pk)
    data = stored_bytes(version)
    assert version.original_mode == OriginalMode.ELECTRONIC and pdfa_identification(data) == ("1", "A")
    [embedded] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    root = seal.x509.Certificate.load(seal_material[1].public_bytes(serialization.Encoding.DER))
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.coverage.name == "ENTIRE_FILE"
