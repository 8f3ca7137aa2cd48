"""An employee reads and signs the instruction; HR sees it; after a new version the employee is asked again."""

import pytest

from jobdesc.instructions.editing import services as editing
from jobdesc.instructions.models import Acknowledgement, AckStatus, Item
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD, approve_through_workflow

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_an_employee_signs_hr_sees_it_and_a_new_version_asks_again(
    open_page, employee_user, approved_version, hr, lawyer, approver
):
    employee = open_page()
    log_in(employee, "manager", PASSWORD)
    employee.click("nav >> text=Мои инструкции")
    employee.click("#pending a")
    employee.frame_locator("#preview").locator("h1.title").wait_for()
    employee.fill("#sign-form input[name=password]", "wrong")
    employee.click("#sign-form button[type=submit]")
    employee.wait_for_selector(".alert-danger")
    assert Acknowledgement.objects.get().status == AckStatus.VIEWED  # opened, not signed
    employee.fill("#sign-form input[name=password]", PASSWORD)
    employee.click("#sign-form button[type=submit]")
    employee.wait_for_selector("#signed li")
    ack = Acknowledgement.objects.get()
    assert ack.status == AckStatus.SIGNED and ack.pdf_sha256 == approved_version.pdf_sha256

    hr_page = open_page()
    log_in(hr_page, "hr", PASSWORD)
    hr_page.goto("/instructions/acknowledgements/")
    row = hr_page.locator("#acknowledgements tr.ack-signed", has_text="Иванов Иван Иванович")
    assert ack.fingerprint in row.inner_text()
    screenshot(hr_page, "signatures")

    draft = workflow.new_version(version=approved_version, user=hr)
    item = Item.objects.get(section__version=draft, text="Консультирует клиентов.")
    editing.edit_item(version=draft, user=hr, item_id=item.pk, text="Консультирует клиентов по телефону.", revision=1)
    approve_through_workflow(draft, hr, [lawyer], approver)

    employee.goto("/instructions/mine/")
    employee.click("#pending a")
    changes = employee.locator("#changes")
    assert "по телефону" in changes.locator("ins.diff-added").first.inner_text()
    screenshot(employee, "read-and-sign")
