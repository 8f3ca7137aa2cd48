"""Downloads of a version: the stored PDF, a draft rendered on request, the Word file and the signature sheet."""

import hashlib

import pytest
from django.urls import reverse

from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.models import Acknowledgement, Version
from tests.conftest import PASSWORD, login

from .pdf_reading import page_texts


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_two_downloads_of_an_approved_version_are_byte_identical(hr_client, approved_version):
    url = reverse("documents:version_pdf", args=[approved_version.pk])
    first, second = hr_client.get(url), hr_client.get(url)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    data = body(first)
    assert data.startswith(b"%PDF-")
    assert data == body(second)
    stored = Version.objects.get(pk=approved_version.pk)
    assert hashlib.sha256(data).hexdigest() == stored.pdf_sha256
    assert first["ETag"] == f'"{stored.pdf_sha256}"'


def test_the_stored_file_is_served_even_after_the_letterhead_changes(hr_client, approved_version, organisation):
    url = reverse("documents:version_pdf", args=[approved_version.pk])
    before = body(hr_client.get(url))
    organisation.full_name = "Общество с ограниченной ответственностью «Ромашка-Новая»"
    organisation.save()
    assert body(hr_client.get(url)) == before


@pytest.mark.pdf
def test_a_draft_is_rendered_on_request_with_the_watermark(hr_client, complete_draft):
    response = hr_client.get(reverse("documents:version_pdf", args=[complete_draft.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "ПРОЕКТ" in page_texts(response.content)[0]
    assert not Version.objects.get(pk=complete_draft.pk).pdf


def test_an_employee_downloads_the_instruction_of_their_position(employee_user, approved_version):
    response = login(employee_user).get(reverse("documents:version_pdf", args=[approved_version.pk]))
    assert response.status_code == 200


def test_an_employee_cannot_download_a_draft(employee_user, complete_draft):
    response = login(employee_user).get(reverse("documents:version_pdf", args=[complete_draft.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["version_pdf", "version_docx", "acknowledgements_pdf"])
def test_another_organisation_sees_nothing(outsider_client, approved_version, name):
    assert outsider_client.get(reverse(f"documents:{name}", args=[approved_version.pk])).status_code == 404


@pytest.mark.parametrize("name", ["version_pdf", "version_docx", "acknowledgements_pdf"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, approved_version, name):
    response = client.get(reverse(f"documents:{name}", args=[approved_version.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_word_file_downloads(hr_client, complete_draft):
    response = hr_client.get(reverse("documents:version_docx", args=[complete_draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "attachment" in response["Content-Disposition"]
    assert response.content[:2] == b"PK"


@pytest.mark.pdf
def test_the_signature_sheet_lists_who_signed_and_who_has_not(
    hr_client, organisation, position, employee_user, approved_version
):
    from jobdesc.documents.pdf import store_pdf
    from jobdesc.orgs.models import Employee

    store_pdf(approved_version)
    Employee.objects.create(organisation=organisation, full_name="Соколова Анна Дмитриевна", position=position)
    acknowledgements.request_for_version(approved_version)
    ack = Acknowledgement.objects.get(version=approved_version, employee__user=employee_user)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    ack.refresh_from_db()

    response = hr_client.get(reverse("documents:acknowledgements_pdf", args=[approved_version.pk]))
    assert response.status_code == 200
    text = " ".join(" ".join(page_texts(response.content)).replace("\u00a0", " ").split())
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ" in text
    assert "Иванов Иван Иванович" in text
    assert "Подписано простой электронной подписью" in text
    assert "И.И. Иванов" in text
    assert ack.fingerprint in text
    assert ack.signed_at.astimezone().strftime("%d.%m.%Y") in text
    assert "Соколова Анна Дмитриевна" in text
    assert "Не подписано" in text


def test_the_signature_sheet_is_for_hr_and_the_approver_only(employee_user, lawyer, approver, approved_version):
    url = reverse("documents:acknowledgements_pdf", args=[approved_version.pk])
    assert login(employee_user).get(url).status_code == 403
    assert login(lawyer).get(url).status_code == 403
    assert login(approver).get(url).status_code == 200


def test_a_draft_has_no_signature_sheet(hr_client, complete_draft):
    response = hr_client.get(reverse("documents:acknowledgements_pdf", args=[complete_draft.pk]))
    assert response.status_code == 404
