"""The public verification page as a certificate: edition, status today, dates, signatures, no personal names."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobdesc.documents import verification
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.models import Acknowledgement, Version
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD, approve_through_workflow, login
from tests.documents import signing


@pytest.fixture
def signed(employee_user, approved_version, approver):
    version = Version.objects.get(pk=approved_version.pk)
    ack = Acknowledgement.objects.get(version=version, employee__user=employee_user)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    with version.pdf.open("rb") as stored:
        pdf = stored.read()
    key = signing.rsa_key()
    data = signing.detached(pdf, key, signing.certificate(key))
    login(approver).post(
        reverse("documents:upload_signature", args=[version.pk]), {"signature": SimpleUploadedFile("d.sig", data)}
    )
    return version


def verify_page(client, version) -> str:
    response = client.get(reverse("documents:verify", args=[verification.code_for(version)]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_public_sees_the_edition_its_status_today_dates_and_the_number_of_signatures(client, signed):
    page = verify_page(client, signed)
    assert '<strong id="status-today">действует на сегодня</strong>' in page
    assert signed.effective_date.strftime("%d.%m.%Y") in page
    assert 'id="signature-count">3:' in page  # the approval, one acknowledgement, one with a certificate
    assert 'id="external-signatures"' in page and "RSA PKCS#1 v1.5" in page


def test_the_public_page_names_no_person(client, signed):
    page = verify_page(client, signed)
    for name in ("Петров Сергей", "Иванов", "Смирнова", "Кузнецов", "11223344595"):
        assert name not in page
    assert 'id="download-certificate"' not in page


def test_a_member_of_the_organisation_gets_the_link_to_the_audit_certificate(signed, hr, outsider):
    assert reverse("documents:audit_certificate", args=[signed.pk]) in verify_page(login(hr), signed)
    assert 'id="download-certificate"' not in verify_page(login(outsider), signed)


def test_a_replaced_edition_says_it_is_no_longer_in_force(client, signed, hr, lawyer, approver):
    approve_through_workflow(workflow.new_version(version=signed, user=hr), hr, [lawyer], approver)
    page = verify_page(client, Version.objects.get(pk=signed.pk))
    assert "заменена более поздней редакцией и больше не действует" in page
