"""HR's campaign pages: totals, filters, bulk actions, paper signatures with a scan, refusal acts and exports."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jobdesc.instructions.models import Acknowledgement, AckStatus, EventKind, PaperScan, RefusalAct
from tests.conftest import PASSWORD, login
from tests.documents.pdf_reading import page_texts

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def ack(employee_user, approved_version):
    return Acknowledgement.objects.get(employee__user=employee_user)


def campaign_url(ack, name="campaign", **kwargs):
    return reverse(f"instructions:{name}", kwargs={"pk": ack.campaign.pk, **kwargs})


def test_the_campaign_page_shows_totals_per_department_and_the_list(hr_client, ack):
    response = hr_client.get(campaign_url(ack))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Отдел продаж" in text and "Иванов Иван Иванович" in text


def test_the_list_filters_by_status(hr_client, ack):
    assert "Иванов" not in hr_client.get(campaign_url(ack) + "?status=signed").content.decode()
    assert "Иванов" in hr_client.get(campaign_url(ack) + "?status=pending").content.decode()
    assert hr_client.get(campaign_url(ack) + "?status=%00&department=x&q=" + "я" * 300).status_code == 200


def test_another_organisations_hr_gets_404(outsider_client, ack):
    assert outsider_client.get(campaign_url(ack)).status_code == 404
    assert outsider_client.get(reverse("instructions:ack_request", args=[ack.pk])).status_code == 404


def test_bulk_paper_signature_then_a_scan_linked_to_it(hr_client, ack, hr):
    today = timezone.localdate()
    response = hr_client.post(
        campaign_url(ack, "campaign_bulk"), {"ack": [ack.pk], "action": "paper", "signed_on": today.isoformat()}
    )
    assert response.status_code == 302
    ack.refresh_from_db()
    assert (ack.status, ack.paper_signed_on, ack.recorded_by) == (AckStatus.PAPER, today, hr)
    upload = SimpleUploadedFile("лист.png", PNG, content_type="application/octet-stream")
    response = hr_client.post(campaign_url(ack, "campaign_scan"), {"ack": [ack.pk], "scan": upload})
    assert response.status_code == 302
    scan = PaperScan.objects.get()
    assert scan.content_type == "image/png" and list(scan.requests.all()) == [ack]
    import hashlib

    assert scan.sha256 == hashlib.sha256(PNG).hexdigest()
    assert ack.events.filter(kind=EventKind.SCAN).exists()
    assert hr_client.get(reverse("instructions:ack_scan", args=[scan.pk])).getvalue() == PNG


def test_a_file_that_is_no_scan_is_refused_and_nothing_stored(hr_client, ack):
    hr_client.post(
        campaign_url(ack, "campaign_bulk"),
        {"ack": [ack.pk], "action": "paper", "signed_on": timezone.localdate().isoformat()},
    )
    upload = SimpleUploadedFile("scan.pdf", b"<html>not a scan</html>", content_type="application/pdf")
    response = hr_client.post(campaign_url(ack, "campaign_scan"), {"ack": [ack.pk], "scan": upload})
    assert (
        response.status_code == 400
        and "PDF, PNG or JPEG" in response.content.decode()
        or "PDF, PNG" in str(list(response.context["messages"]))
    )
    assert not PaperScan.objects.exists()


def test_a_scan_too_large_is_refused(hr_client, ack, settings):
    settings.ACK_SCAN_MAX_BYTES = 10
    hr_client.post(
        campaign_url(ack, "campaign_bulk"),
        {"ack": [ack.pk], "action": "paper", "signed_on": timezone.localdate().isoformat()},
    )
    response = hr_client.post(
        campaign_url(ack, "campaign_scan"), {"ack": [ack.pk], "scan": SimpleUploadedFile("s.png", PNG)}
    )
    assert response.status_code == 400 and not PaperScan.objects.exists()


def test_a_paper_date_in_the_future_is_refused_and_nothing_changes(hr_client, ack):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = hr_client.post(
        campaign_url(ack, "campaign_bulk"), {"ack": [ack.pk], "action": "paper", "signed_on": tomorrow.isoformat()}
    )
    assert response.status_code == 400
    ack.refresh_from_db()
    assert ack.status == AckStatus.PENDING


def test_a_paper_signature_is_final(hr_client, ack, employee_user):
    from jobdesc.instructions.acknowledgements import services as acknowledgements
    from jobdesc.instructions.errors import FrozenVersionError, WorkflowError

    hr_client.post(
        campaign_url(ack, "campaign_bulk"),
        {"ack": [ack.pk], "action": "paper", "signed_on": timezone.localdate().isoformat()},
    )
    with pytest.raises(WorkflowError):
        acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    with pytest.raises(FrozenVersionError):
        Acknowledgement.objects.filter(pk=ack.pk).update(status=AckStatus.PENDING)


def test_bulk_extend_moves_the_due_date(hr_client, ack):
    later = timezone.localdate() + datetime.timedelta(days=40)
    hr_client.post(campaign_url(ack, "campaign_bulk"), {"ack": [ack.pk], "action": "extend", "due_date": later})
    ack.refresh_from_db()
    assert ack.due_date == later


def test_bulk_without_a_tick_says_so_and_keeps_the_choice(hr_client, ack):
    response = hr_client.post(campaign_url(ack, "campaign_bulk"), {"action": "extend", "due_date": "2099-01-01"})
    assert response.status_code == 400
    assert 'value="2099-01-01"' in response.content.decode()


@pytest.mark.pdf
def test_a_refusal_is_recorded_with_an_act_naming_two_witnesses(hr_client, ack):
    url = reverse("instructions:ack_refuse", args=[ack.pk])
    data = {
        "refused_on": timezone.localdate().isoformat(),
        "witness_one": "Кузнецов Андрей Петрович, юрист",
        "witness_two": "Смирнова Ольга Ивановна, специалист по кадрам",
        "note": "Не согласен с обязанностями.",
    }
    assert hr_client.post(url, data).status_code == 302
    act = RefusalAct.objects.get()
    ack.refresh_from_db()
    assert ack.status == AckStatus.REFUSED and act.pdf_sha256
    pdf = hr_client.get(reverse("instructions:ack_refusal_act", args=[ack.pk])).getvalue()
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "АКТ" in text and "Иванов Иван Иванович" in text and "отказался" in text
    assert "Не согласен с обязанностями." in text


def test_the_same_witness_twice_is_refused_and_the_names_stay_typed(hr_client, ack):
    data = {"refused_on": timezone.localdate().isoformat(), "witness_one": "Иванова А.", "witness_two": "иванова а."}
    response = hr_client.post(reverse("instructions:ack_refuse", args=[ack.pk]), data)
    assert response.status_code == 400 and "Иванова А." in response.content.decode()
    assert not RefusalAct.objects.exists()


@pytest.mark.pdf
def test_the_department_sheet_lists_the_employees_to_sign(hr_client, ack, sales):
    response = hr_client.get(campaign_url(ack, "campaign_sheet") + f"?department={sales.pk}")
    text = " ".join(" ".join(page_texts(response.content)).split())
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ" in text and "Иванов Иван Иванович" in text and "Отдел продаж" in text


@pytest.mark.pdf
def test_the_inspection_export_gives_each_signatures_time_and_method(hr_client, ack, employee_user):
    from jobdesc.instructions.acknowledgements import services as acknowledgements

    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    ack.refresh_from_db()
    pdf = hr_client.get(campaign_url(ack, "campaign_export", fmt="pdf")).content
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "простая электронная подпись" in text and timezone.localtime(ack.signed_at).strftime("%d.%m.%Y") in text
    workbook = load_workbook(io.BytesIO(hr_client.get(campaign_url(ack, "campaign_export", fmt="xlsx")).content))
    rows = list(workbook.active.values)
    assert rows[1][1] == "Иванов Иван Иванович" and ack.pdf_sha256 in rows[1][5]


def test_leave_from_the_request_page_moves_the_due_date(hr_client, ack):
    start = timezone.localdate()
    response = hr_client.post(
        reverse("instructions:ack_leave", args=[ack.pk]),
        {"kind": "sick", "starts_on": start.isoformat(), "ends_on": (start + datetime.timedelta(days=30)).isoformat()},
    )
    assert response.status_code == 302
    ack.refresh_from_db()
    assert ack.due_date > start + datetime.timedelta(days=30)


def test_the_employee_sees_what_is_due_and_by_when(employee_user, ack):
    text = login(employee_user).get(reverse("instructions:my_instructions")).content.decode()
    assert ack.due_date.strftime("%d.%m.%Y") in text


def test_the_campaign_page_keeps_its_queries_few_however_many_employees(hr_client, ack, organisation, position):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jobdesc.instructions.acknowledgements import services as acknowledgements
    from jobdesc.orgs.models import Employee

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert hr_client.get(campaign_url(ack)).status_code == 200
        return len(captured)

    few = queries()
    for n in range(30):
        acknowledgements.sync_employee(
            Employee.objects.create(organisation=organisation, full_name=f"Сотрудникова{n} Анна", position=position)
        )
    assert queries() <= few
