"""An approved version prints what was approved: renaming anything afterwards changes no copy of it."""

import io
import re

import docx
import pytest
from django.db import connection
from django.urls import reverse

from jobdesc.documents import verification
from jobdesc.documents.docx import render_docx
from jobdesc.documents.pdf import render_acknowledgement_sheet, render_pdf
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.errors import FrozenVersionError
from jobdesc.instructions.models import Acknowledgement, Version
from jobdesc.instructions.record import fill_missing_snapshots
from jobdesc.orgs.models import Department, Employee, Organisation, Position
from tests.conftest import PASSWORD, approve_through_workflow, login
from tests.documents.pdf_reading import page_texts

NEW = ["Оператор колл-центра", "Лютик", "Новиков", "Сидоров"]


def docx_text(version) -> str:
    document = docx.Document(io.BytesIO(render_docx(version)))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def sheet_text(version) -> str:
    # The line «Сформировано <now>» says when the sheet was printed; everything else must not move.
    lines = "\n".join(page_texts(render_acknowledgement_sheet(version))).splitlines()
    return "\n".join(line for line in lines if not line.startswith("Сформировано"))


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    # Each response has its own CSP nonce and CSRF token; the rest is what the page prints.
    return re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())


def main(client, url) -> str:
    """The page's own content, without the menu (which names the user's organisation as it is now)."""
    return page(client, url).split("<main", 1)[1]


@pytest.fixture
def signed_setup(organisation, complete_draft, hr, lawyer, approver, employee_user):
    # The approver and the lawyer are staff too: their printed names come from their employee records.
    Employee.objects.create(organisation=organisation, user=approver, full_name="Старший Андрей Викторович")
    Employee.objects.create(organisation=organisation, user=lawyer, full_name="Кузнецов Андрей Петрович")
    version = approve_through_workflow(complete_draft, hr, [lawyer], approver)
    ack = Acknowledgement.objects.get(version=version, employee__user=employee_user)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    return Version.objects.get(pk=version.pk), ack


def rename_everything(organisation, position, approver, employee_user):
    Organisation.objects.filter(pk=organisation.pk).update(full_name="ООО «Лютик»", short_name="ООО «Лютик»")
    Position.objects.filter(pk=position.pk).update(
        title="Оператор колл-центра", declensions={}, declension_overrides={"gent": "оператора колл-центра"}
    )
    Department.objects.filter(pk=position.department_id).update(name="Отдел обслуживания")
    Employee.objects.filter(user=approver).update(full_name="Новиков Борис Ильич")
    approver.last_name = "Новиков"
    approver.save()
    Employee.objects.filter(user=employee_user).update(full_name="Сидоров Пётр Петрович")


@pytest.mark.pdf
def test_renaming_after_approval_changes_no_rendering(
    signed_setup, organisation, position, approver, employee_user, hr_client
):
    version, ack = signed_setup
    employee_client = login(employee_user)
    code = verification.code_for(version)
    urls = {
        "preview": reverse("instructions:preview", args=[version.pk]),
        "verify": reverse("documents:verify", args=[code]),
    }
    stored = version.pdf.open("rb").read()
    before = {
        "pdf": page_texts(render_pdf(version)),
        "docx": docx_text(version),
        "sheet": sheet_text(version),
        "preview": page(hr_client, urls["preview"]),
        "sign_page_title": main(employee_client, reverse("instructions:read", args=[ack.pk])).split("</h1>")[0],
        "verify": main(hr_client, urls["verify"]).split("<form")[0],
    }
    assert "Менеджер по работе с клиентами" in before["sign_page_title"]
    assert "Иванов" in before["sheet"]

    rename_everything(organisation, position, approver, employee_user)
    version = Version.objects.get(pk=version.pk)

    after = {
        "pdf": page_texts(render_pdf(version)),
        "docx": docx_text(version),
        "sheet": sheet_text(version),
        "preview": page(hr_client, urls["preview"]),
        "sign_page_title": main(employee_client, reverse("instructions:read", args=[ack.pk])).split("</h1>")[0],
        "verify": main(hr_client, urls["verify"]).split("<form")[0],
    }
    assert after["pdf"] == page_texts(stored), "a render of the approved version is the stored PDF"
    for name in before:
        assert after[name] == before[name], f"the {name} changed after the renames"
        for word in NEW:
            assert word not in after[name], f"the {name} prints the new «{word}»"
    assert "Менеджер по работе с клиентами" in after["docx"] and "«Ромашка»" in after["docx"]
    assert "Старший" in after["docx"]
    assert "Отдел продаж" in version.snapshot["position"]["department"]


def test_a_draft_still_prints_live_data(complete_draft, position):
    Position.objects.filter(pk=position.pk).update(title="Оператор колл-центра", declensions={})
    assert "Оператор колл-центра" in docx_text(Version.objects.get(pk=complete_draft.pk))


def test_the_snapshot_is_written_once(approved_version):
    approved_version.snapshot = {**approved_version.snapshot, "approver_name": "Кто-то Другой"}
    with pytest.raises(FrozenVersionError):
        approved_version.save()


@pytest.mark.pdf
def test_the_signed_row_keeps_the_signers_name_and_position(signed_setup, employee_user, head_of_sales):
    version, ack = signed_setup
    ack.refresh_from_db()
    assert (ack.signer_name, ack.signer_position) == ("Иванов Иван Иванович", "Менеджер по работе с клиентами")
    Employee.objects.filter(user=employee_user).update(full_name="Сидоров Пётр Петрович", position=head_of_sales)
    text = sheet_text(version)
    assert "Иванов" in text and "Сидоров" not in text


def test_an_old_approval_gets_its_snapshot_from_todays_data(approved_version):
    # An older approval has none: emptied below the model's guard, as the new column was added empty.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE instructions_version SET snapshot = %s WHERE id = %s", ["{}", approved_version.pk])
    assert fill_missing_snapshots([approved_version.pk]) == 1
    filled = Version.objects.get(pk=approved_version.pk)
    assert filled.snapshot["position"]["title"] == "Менеджер по работе с клиентами"
    assert fill_missing_snapshots([approved_version.pk]) == 0
