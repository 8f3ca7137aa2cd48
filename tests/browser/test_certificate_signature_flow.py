"""The approver and an employee upload detached signatures of the stored PDF in the browser and see them checked."""

import pytest

from jobdesc.accounts.roles import Role
from jobdesc.documents.models import ExternalSignature
from jobdesc.instructions.models import Acknowledgement, AckStatus, Version
from tests.conftest import PASSWORD, make_user
from tests.documents import signing

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_the_approver_and_an_employee_sign_the_stored_pdf_with_their_certificates(
    open_page, employee_user, approved_version, tmp_path
):
    version = Version.objects.get(pk=approved_version.pk)
    with version.pdf.open("rb") as stored:
        pdf = stored.read()
    key = signing.rsa_key()
    director_file = tmp_path / "instruction.pdf.sig"
    director_file.write_bytes(signing.detached(pdf, key, signing.certificate(key)))
    other = tmp_path / "other.sig"
    other.write_bytes(signing.detached(b"%PDF-1.7 another file", key, signing.certificate(key)))

    director = open_page()
    log_in(director, "director", PASSWORD)
    director.goto(f"/instructions/version/{version.pk}/")
    director.set_input_files("#signature-upload-form input[type=file]", str(other))
    director.click("#signature-upload-form [type=submit]")
    assert "другого файла" in director.locator(".alert-danger").inner_text()
    director.set_input_files("#signature-upload-form input[type=file]", str(director_file))
    director.click("#signature-upload-form [type=submit]")
    director.wait_for_selector("#external-signatures li")
    assert "Петров Сергей Николаевич" in director.locator("#external-signatures").inner_text()
    director.locator("#version-signatures").scroll_into_view_if_needed()
    screenshot(director, "version-signatures")

    employee = open_page()
    log_in(employee, "manager", PASSWORD)
    ack = Acknowledgement.objects.get(version=version, employee__user=employee_user)
    employee.goto(f"/instructions/mine/{ack.pk}/")
    own_key = signing.ec_key()
    own_file = tmp_path / "mine.p7s"
    own_file.write_bytes(signing.detached(pdf, own_key, signing.certificate(own_key, surname="Иванов", given="Иван")))
    employee.set_input_files("#ack-signature-form input[type=file]", str(own_file))
    employee.click("#ack-signature-form [type=submit]")
    employee.wait_for_selector("#my-external-signatures li")
    screenshot(employee, "certificate-signature")
    assert Acknowledgement.objects.get(pk=ack.pk).status == AckStatus.SIGNED
    assert ExternalSignature.objects.filter(version=version).count() == 2


def test_the_administrator_uploads_the_seal_with_its_password(open_page, organisation, settings, tmp_path):
    from cryptography.fernet import Fernet

    from jobdesc.documents.models import OrganisationSeal

    settings.DOCUMENT_SEAL_KEY = Fernet.generate_key().decode()
    key = signing.rsa_key()
    seal_file = tmp_path / "seal.p12"
    seal_file.write_bytes(signing.pkcs12_file(key, signing.certificate(key, surname="ООО «Ромашка»"), "secret"))
    make_user(organisation, "admin", Role.ADMIN, "Админова Вера")
    page = open_page()
    log_in(page, "admin", PASSWORD)
    page.goto("/documents/seal/")
    page.set_input_files("#seal-form input[type=file]", str(seal_file))
    page.fill("#seal-form input[name=password]", "wrong")
    page.click("#seal-form [type=submit]")
    page.wait_for_selector("#seal-form .invalid-feedback")
    assert not OrganisationSeal.objects.exists()
    page.set_input_files("#seal-form input[type=file]", str(seal_file))
    page.fill("#seal-form input[name=password]", "secret")
    page.click("#seal-form [type=submit]")
    page.wait_for_selector("#current-seal")
    screenshot(page, "seal")
    assert OrganisationSeal.objects.active().count() == 1
