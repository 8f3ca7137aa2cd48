"""The audit certificate: each step of an edition with time, person, method and hash, as a PDF for the organisation."""

import pytest
from django.urls import reverse

from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.models import Acknowledgement, Version
from tests.conftest import PASSWORD, login
from tests.documents.pdf_reading import page_texts


@pytest.fixture
def acknowledged(employee_user, approved_version):
    version = Version.objects.get(pk=approved_version.pk)
    ack = Acknowledgement.objects.get(version=version, employee__user=employee_user)
    acknowledgements.sign(
        acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD, ip_address="10.9.8.7", user_agent="Firefox"
    )
    return version


def certificate_text(client, version) -> str:
    response = client.get(reverse("documents:audit_certificate", args=[version.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return " ".join(" ".join(page_texts(response.content)).split())


@pytest.mark.pdf
def test_hr_sees_every_step_with_person_time_method_hash_and_address(acknowledged, hr):
    text = certificate_text(login(hr), acknowledged)
    for person in ("Смирнова", "Кузнецов", "Петров", "Иванов Иван Иванович"):
        assert person in text
    assert acknowledged.pdf_sha256[:16] in text.replace(" ", "")
    assert acknowledged.approved_at.astimezone().strftime("%d.%m.%Y") in text
    assert "10.9.8.7" in text


@pytest.mark.pdf
def test_an_employee_sees_the_steps_but_not_the_addresses_of_colleagues(acknowledged, employee_user):
    text = certificate_text(login(employee_user), acknowledged)
    assert "Иванов Иван Иванович" in text
    assert "10.9.8.7" not in text and "Firefox" not in text


def test_a_draft_has_no_audit_certificate(complete_draft, hr):
    assert login(hr).get(reverse("documents:audit_certificate", args=[complete_draft.pk])).status_code == 404
