"""A campaign in the browser: a due date, an overdue employee reminded and escalated, paper, a refusal, the export."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from jobdesc.instructions.models import Acknowledgement, AckStatus, EventKind, PaperScan, RefusalAct
from jobdesc.orgs.models import Employee
from jobdesc.outbox.models import Message
from tests.conftest import PASSWORD, approve_through_workflow, make_user
from tests.documents.pdf_reading import page_texts

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def _person(organisation, position, username, full_name):
    user = make_user(organisation, username, None, full_name)
    user.email = f"{username}@example.com"
    user.save()
    return Employee.objects.create(organisation=organisation, user=user, full_name=full_name, position=position)


def _download(page, selector):
    with page.expect_download() as info:
        page.click(selector)
    return open(info.value.path(), "rb").read()


@pytest.mark.pdf
def test_hr_runs_a_campaign_to_the_end(
    open_page, organisation, position, head_of_sales, employee_user, complete_draft, hr, lawyer, approver, tmp_path
):
    employee_user.email = "manager@example.com"
    employee_user.save()
    head = _person(organisation, head_of_sales, "head", "Сидоров Павел Петрович")
    _person(organisation, position, "paper", "Бумажкина Вера Андреевна")
    _person(organisation, position, "refuser", "Отказов Олег Олегович")
    version = approve_through_workflow(complete_draft, hr, [lawyer], approver)
    campaign = version.campaign

    hr_page = open_page()
    log_in(hr_page, "hr", PASSWORD)
    hr_page.click("nav >> text=Кампании")
    hr_page.click(f"#campaigns a >> text=/{position.title}/")
    assert campaign.due_date.strftime("%d.%m.%Y") in hr_page.inner_text("h1 + span")
    # HR gives the campaign a later due date; the requests follow it.
    later = campaign.due_date + datetime.timedelta(days=7)
    hr_page.fill("#due-date-form input[name=due_date]", later.isoformat())
    hr_page.click("#due-date-form [type=submit]")
    hr_page.wait_for_selector(".alert-success")
    assert set(Acknowledgement.objects.values_list("due_date", flat=True)) == {later}

    # The due day comes for the employee who did nothing: the daily run reminds them, the day after it escalates.
    ack = Acknowledgement.objects.get(employee__user=employee_user)
    Acknowledgement.objects.filter(pk=ack.pk).update(due_date=timezone.localdate())
    call_command("run_periodic", "--job", "run_campaigns", stdout=io.StringIO())
    Acknowledgement.objects.filter(pk=ack.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    call_command("run_periodic", "--job", "run_campaigns", stdout=io.StringIO())
    ack.refresh_from_db()
    assert ack.status == AckStatus.OVERDUE
    escalation = Message.objects.get(kind="signature_escalation")
    assert escalation.recipient == head.user and "Иванов Иван Иванович" in escalation.body

    hr_page.reload()
    assert hr_page.inner_text("#total-overdue") == "1"
    hr_page.select_option("#filters select[name=status]", "overdue")
    hr_page.click("#filters button[type=submit]")
    hr_page.click("#requests tr.ack-overdue >> text=история")
    history = hr_page.inner_text("#history")
    assert "→ manager@example.com" in history and "→ head@example.com" in history
    screenshot(hr_page, "campaign-request-history")

    # Paper: the department's sheet is printed, one employee signs it in ink, its scan is attached.
    hr_page.goto(f"/instructions/acknowledgements/campaigns/{campaign.pk}/")
    sheet = _download(hr_page, "#per-department a.sheet-link")
    assert "Бумажкина Вера Андреевна" in " ".join(" ".join(page_texts(sheet)).split())
    row = hr_page.locator("#requests tr", has_text="Бумажкина")
    row.locator("input[name=ack]").check()
    hr_page.select_option("#bulk-form select[name=action]", "paper")
    hr_page.fill("#bulk-form input[name=signed_on]", timezone.localdate().isoformat())
    hr_page.click("#bulk-submit")
    hr_page.wait_for_selector(".alert-success")
    paper = Acknowledgement.objects.get(employee__full_name="Бумажкина Вера Андреевна")
    assert paper.status == AckStatus.PAPER
    hr_page.locator("#requests tr", has_text="Бумажкина").locator("input[name=ack]").check()
    scan_path = tmp_path / "лист-ознакомления.png"
    scan_path.write_bytes(PNG)
    hr_page.set_input_files("#bulk-form input[name=scan]", str(scan_path))
    hr_page.click("#scan-submit")
    hr_page.wait_for_selector("#scans li")
    assert list(PaperScan.objects.get().requests.all()) == [paper]

    # A refusal: recorded with two witnesses, its act made as a PDF.
    refuser = Acknowledgement.objects.get(employee__full_name="Отказов Олег Олегович")
    hr_page.goto(f"/instructions/acknowledgements/requests/{refuser.pk}/")
    hr_page.fill("#refusal-form input[name=refused_on]", timezone.localdate().isoformat())
    hr_page.fill("#refusal-form input[name=witness_one]", "Кузнецов Андрей Петрович, юрист")
    hr_page.fill("#refusal-form input[name=witness_two]", "Смирнова Ольга Ивановна, специалист по кадрам")
    hr_page.click("#refusal-form [type=submit]")
    hr_page.wait_for_selector("#refusal-act")
    act = _download(hr_page, "#refusal-act")
    assert "Отказов Олег Олегович" in " ".join(" ".join(page_texts(act)).split())
    assert RefusalAct.objects.get().acknowledgement == refuser
    screenshot(hr_page, "campaign-refusal")

    # The export for the labour inspection: each signature's time and method.
    hr_page.goto(f"/instructions/acknowledgements/campaigns/{campaign.pk}/")
    screenshot(hr_page, "campaign")
    export = " ".join(" ".join(page_texts(_download(hr_page, "#export-pdf"))).split())
    assert "собственноручная подпись" in export and "отказ, акт от" in export
    workbook = load_workbook(io.BytesIO(_download(hr_page, "#export-xlsx")))
    names = [row[1] for row in list(workbook.active.values)[1:]]
    assert sorted(names) == sorted(["Бумажкина Вера Андреевна", "Иванов Иван Иванович", "Отказов Олег Олегович"])
    assert ack.events.filter(kind=EventKind.REMINDER).exists() and ack.events.filter(kind=EventKind.ESCALATION).exists()

    # The overdue employee's own page says what is due and by when.
    employee = open_page()
    log_in(employee, "manager", PASSWORD)
    employee.goto("/instructions/mine/")
    assert ack.due_date.strftime("%d.%m.%Y") in employee.inner_text("#pending")
    screenshot(employee, "campaign-employee")
