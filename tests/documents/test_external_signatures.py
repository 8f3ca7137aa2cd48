"""Detached CMS signatures of the stored PDF uploaded by the approver and by employees: accepted, refused, shown."""

import base64
import datetime

import pytest
from asn1crypto import cms as asn1_cms
from cryptography.hazmat.primitives import serialization
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobdesc.documents import cms
from jobdesc.documents.errors import EvidenceError
from jobdesc.documents.models import ExternalSignature
from jobdesc.instructions.models import Acknowledgement, AckStatus, Version
from tests.conftest import login
from tests.documents import signing


@pytest.fixture
def stored(employee_user, approved_version):
    """An approved version with its stored PDF; the employee is asked to sign it."""
    return Version.objects.get(pk=approved_version.pk)


def pdf_bytes(version) -> bytes:
    with version.pdf.open("rb") as stored:
        return stored.read()


def upload(client, url, data, name="instruction.pdf.sig"):
    return client.post(url, {"signature": SimpleUploadedFile(name, data)}, follow=True)


def approver_url(version):
    return reverse("documents:upload_signature", args=[version.pk])


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


@pytest.mark.parametrize(
    ("make_key", "pss", "algorithm"),
    [(signing.rsa_key, False, "RSA PKCS#1 v1.5"), (signing.rsa_key, True, "RSA-PSS"), (signing.ec_key, False, "ECDSA")],
)
def test_the_approvers_detached_signature_of_the_stored_pdf_is_accepted(stored, approver, make_key, pss, algorithm):
    key = make_key()
    certificate = signing.certificate(key)
    data = signing.detached(pdf_bytes(stored), key, certificate, pss=pss)
    response = upload(login(approver), approver_url(stored), data)
    assert response.status_code == 200
    assert "Подпись сохранена" in messages_of(response), messages_of(response)
    signature = ExternalSignature.objects.get(version=stored)
    assert signature.role == "approver" and signature.acknowledgement is None
    assert signature.signature_algorithm == algorithm and signature.digest_algorithm == "sha256"
    assert signature.crypto_check == "verified"
    assert signature.pdf_sha256 == stored.pdf_sha256
    assert bytes(signature.content) == data
    assert signature.snils == "11223344595" and signature.inn == "770123456789"
    assert signature.subject_name == "Петров Сергей Николаевич" and signature.name_matches
    page = response.content.decode()
    assert "Петров Сергей Николаевич" in page and signature.sha256 in page and "СНИЛС=11223344595" in page


def test_a_signature_of_another_file_is_refused_with_a_clear_message(stored, approver):
    key = signing.rsa_key()
    data = signing.detached(b"%PDF-1.7 another document", key, signing.certificate(key))
    response = upload(login(approver), approver_url(stored), data)
    assert "Это подпись другого файла" in messages_of(response)
    assert not ExternalSignature.objects.exists()


def test_pem_and_bare_base64_signatures_are_read_like_der(stored, approver):
    key = signing.rsa_key()
    certificate = signing.certificate(key)
    pem = signing.detached(pdf_bytes(stored), key, certificate, encoding=serialization.Encoding.PEM)
    der = signing.detached(pdf_bytes(stored), key, certificate)
    upload(login(approver), approver_url(stored), pem)
    upload(login(approver), approver_url(stored), base64.encodebytes(der))
    assert ExternalSignature.objects.filter(version=stored).count() == 2


def test_a_signature_without_signed_attributes_is_checked_over_the_content(stored):
    key = signing.rsa_key()
    data = signing.detached(pdf_bytes(stored), key, signing.certificate(key), attributes=False)
    facts = cms.check_detached(data, pdf_bytes(stored))
    assert facts.crypto_check == "verified" and facts.signing_time is None
    with pytest.raises(cms.SignatureError, match="another file"):
        cms.check_detached(data, pdf_bytes(stored) + b" ")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a readable electronic signature"),
        (b"just some text, not a signature", "not an electronic signature"),
        (b"\x30\x82\x01\x00garbage", "not a readable electronic signature"),
        (b"-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n", "not a readable electronic signature"),
    ],
)
def test_garbage_is_refused_with_a_message(stored, data, message):
    with pytest.raises(cms.SignatureError, match=message):
        cms.check_detached(data, pdf_bytes(stored))


def test_garbage_uploaded_stores_nothing_and_says_why(stored, approver):
    response = upload(login(approver), approver_url(stored), b"just some text, not a signature")
    assert response.status_code == 200 and messages_of(response)
    assert not ExternalSignature.objects.exists()


def test_an_oversized_file_is_refused(stored, approver):
    response = upload(login(approver), approver_url(stored), b"0" * (cms.UPLOAD_LIMIT + 1))
    assert "Файл больше" in messages_of(response)
    assert not ExternalSignature.objects.exists()


def test_an_attached_signature_is_refused(stored):
    key = signing.rsa_key()
    data = signing.attached(pdf_bytes(stored), key, signing.certificate(key))
    with pytest.raises(cms.SignatureError, match="attached signature"):
        cms.check_detached(data, pdf_bytes(stored))


def test_a_certificate_expired_at_the_time_of_signing_is_refused(stored):
    key = signing.rsa_key()
    old = signing.certificate(key, start=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), days=30)
    data = signing.detached(pdf_bytes(stored), key, old)
    with pytest.raises(cms.SignatureError, match="not valid at the time of signing"):
        cms.check_detached(data, pdf_bytes(stored))


def test_a_signature_by_another_key_than_its_certificates_fails_the_cryptographic_check(stored):
    key, other = signing.rsa_key(), signing.rsa_key()
    certificate = signing.certificate(key)
    info = asn1_cms.ContentInfo.load(signing.detached(pdf_bytes(stored), other, signing.certificate(other)))
    # Swap in a certificate of another key with the same issuer and serial as the one the signer names.
    signer = info["content"]["signer_infos"][0]["sid"].chosen
    forged = signing.certificate(key)
    forged_asn1 = asn1_cms.CertificateChoices.load(forged.public_bytes(serialization.Encoding.DER))
    forged_asn1.chosen["tbs_certificate"]["serial_number"] = signer["serial_number"]
    forged_asn1.chosen["tbs_certificate"]["issuer"] = signer["issuer"]
    info["content"]["certificates"] = [forged_asn1]
    assert certificate.serial_number != signer["serial_number"].native
    with pytest.raises(cms.SignatureError, match="cryptographic check failed"):
        cms.check_detached(info.dump(force=True), pdf_bytes(stored))


def test_a_gost_signature_shows_its_certificate_and_digest_and_says_the_check_is_not_performed(stored):
    key = signing.rsa_key()
    info = asn1_cms.ContentInfo.load(signing.detached(pdf_bytes(stored), key, signing.certificate(key)))
    signer_info = info["content"]["signer_infos"][0]
    # The structure CryptoPro writes: GOST R 34.11-2012 digest, GOST R 34.10-2012 signature.
    signer_info["digest_algorithm"] = {"algorithm": "1.2.643.7.1.1.2.2"}
    signer_info["signature_algorithm"] = {"algorithm": "1.2.643.7.1.1.3.2"}
    for attribute in signer_info["signed_attrs"]:
        if attribute["type"].native == "message_digest":
            attribute["values"] = [cms.digest_of("streebog256", pdf_bytes(stored))]
    data = info.dump(force=True)
    facts = cms.check_detached(data, pdf_bytes(stored))
    assert facts.crypto_check == "not_performed"
    assert facts.digest_algorithm == "streebog256" and facts.signature_algorithm == "GOST R 34.10-2012"
    assert "GOST R 34.10-2012" in facts.crypto_note
    assert facts.certificate.snils == "11223344595"
    with pytest.raises(cms.SignatureError, match="another file"):
        cms.check_detached(data, pdf_bytes(stored) + b"x")


def test_streebog_gives_the_digest_of_rfc_6986_in_the_byte_order_of_signatures():
    # RFC 6986's example M1 in the byte order OpenSSL's GOST engine and CMS signatures use.
    message = b"012345678901234567890123456789012345678901234567890123456789012"
    assert cms.digest_of("streebog256", message).hex() == (
        "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500"
    )
    assert cms.digest_of("streebog256", b"").hex().startswith("3f539a213e97c802")


def test_only_the_approver_adds_the_approvers_signature(stored, hr):
    key = signing.rsa_key()
    data = signing.detached(pdf_bytes(stored), key, signing.certificate(key))
    assert login(hr).post(approver_url(stored), {"signature": SimpleUploadedFile("a.sig", data)}).status_code == 403
    assert not ExternalSignature.objects.exists()


def test_the_same_file_is_stored_once(stored, approver):
    key = signing.rsa_key()
    data = signing.detached(pdf_bytes(stored), key, signing.certificate(key))
    upload(login(approver), approver_url(stored), data)
    response = upload(login(approver), approver_url(stored), data)
    assert "уже сохранён" in messages_of(response)
    assert ExternalSignature.objects.count() == 1


def test_a_stored_signature_never_changes(stored, approver):
    key = signing.rsa_key()
    upload(login(approver), approver_url(stored), signing.detached(pdf_bytes(stored), key, signing.certificate(key)))
    signature = ExternalSignature.objects.get()
    signature.subject = "forged"
    with pytest.raises(EvidenceError):
        signature.save()
    with pytest.raises(EvidenceError):
        signature.delete()
    with pytest.raises(EvidenceError):
        ExternalSignature.objects.filter(pk=signature.pk).update(subject="forged")
    with pytest.raises(EvidenceError):
        ExternalSignature.objects.all().delete()
    assert ExternalSignature.objects.get().subject.startswith("CN=Петров")


def ack_url(ack):
    return reverse("documents:upload_acknowledgement_signature", args=[ack.pk])


def test_an_employees_certificate_signature_on_a_pending_request_is_their_acknowledgement(stored, employee_user):
    ack = Acknowledgement.objects.get(version=stored, employee__user=employee_user)
    key = signing.ec_key()
    data = signing.detached(pdf_bytes(stored), key, signing.certificate(key, surname="Иванов", given="Иван Иванович"))
    response = upload(login(employee_user), ack_url(ack), data)
    assert response.status_code == 200
    ack.refresh_from_db()
    assert ack.status == AckStatus.SIGNED and ack.signed_by == employee_user
    assert ack.pdf_sha256 == stored.pdf_sha256
    signature = ExternalSignature.objects.get(acknowledgement=ack)
    assert signature.role == "employee" and signature.name_matches
    assert signature.uploaded_at == ack.signed_at
    assert "Иванов Иван Иванович" in response.content.decode()


def test_a_certificate_signature_after_the_password_is_added_beside_it(stored, employee_user):
    from jobdesc.instructions.acknowledgements import services as acknowledgements
    from tests.conftest import PASSWORD

    ack = Acknowledgement.objects.get(version=stored, employee__user=employee_user)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    signed_at = Acknowledgement.objects.get(pk=ack.pk).signed_at
    key = signing.rsa_key()
    data = signing.detached(pdf_bytes(stored), key, signing.certificate(key, surname="Сидоров"))
    upload(login(employee_user), ack_url(ack), data)
    ack.refresh_from_db()
    assert ack.signed_at == signed_at
    signature = ExternalSignature.objects.get(acknowledgement=ack)
    assert not signature.name_matches


def test_an_employee_cannot_sign_someone_elses_acknowledgement(stored, employee_user, organisation, position):
    from jobdesc.accounts.roles import Role
    from jobdesc.orgs.models import Employee
    from tests.conftest import make_user

    colleague = make_user(organisation, "colleague", Role.EMPLOYEE, "Сидоров Пётр")
    Employee.objects.create(organisation=organisation, user=colleague, full_name="Сидоров Пётр", position=position)
    ack = Acknowledgement.objects.get(version=stored, employee__user=employee_user)
    key = signing.rsa_key()
    data = signing.detached(pdf_bytes(stored), key, signing.certificate(key))
    response = login(colleague).post(ack_url(ack), {"signature": SimpleUploadedFile("a.sig", data)})
    assert response.status_code == 404
    assert Acknowledgement.objects.get(pk=ack.pk).status == AckStatus.PENDING


def test_the_version_page_shows_the_approvers_signature_and_what_is_checked(stored, approver, hr, employee_user):
    key = signing.rsa_key()
    upload(login(approver), approver_url(stored), signing.detached(pdf_bytes(stored), key, signing.certificate(key)))
    page = login(hr).get(reverse("instructions:version", args=[stored.pk])).content.decode()
    assert 'id="external-signatures"' in page and "11223344595" in page
    assert 'id="signature-checks-note"' in page
    assert reverse("documents:package", args=[stored.pk]) in page
    assert reverse("documents:audit_certificate", args=[stored.pk]) in page
    # The approver sees the upload form; HR does not.
    assert 'id="signature-upload-form"' not in page
    approvers_page = login(approver).get(reverse("instructions:version", args=[stored.pk])).content.decode()
    assert 'id="signature-upload-form"' in approvers_page


def test_a_body_far_beyond_the_limit_is_refused_before_it_is_read(stored, approver):
    response = login(approver).post(
        approver_url(stored),
        data=b"x",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(3 * cms.UPLOAD_LIMIT),
    )
    assert response.status_code == 413
    assert not ExternalSignature.objects.exists()


def test_colleagues_do_not_see_an_employees_certificate_on_the_version_page(stored, employee_user, lawyer, hr):
    ack = Acknowledgement.objects.get(version=stored, employee__user=employee_user)
    key = signing.rsa_key()
    data = signing.detached(pdf_bytes(stored), key, signing.certificate(key, surname="Иванов", given="Иван"))
    upload(login(employee_user), ack_url(ack), data)
    url = reverse("instructions:version", args=[stored.pk])
    assert "Иванов Иван" not in login(lawyer).get(url).content.decode()
    assert "Иванов Иван" in login(hr).get(url).content.decode()


def test_others_than_hr_and_the_approver_see_the_approvers_signature_without_snils(stored, approver, lawyer):
    key = signing.rsa_key()
    upload(login(approver), approver_url(stored), signing.detached(pdf_bytes(stored), key, signing.certificate(key)))
    page = login(lawyer).get(reverse("instructions:version", args=[stored.pk])).content.decode()
    assert "Петров Сергей Николаевич" in page and "11223344595" not in page
