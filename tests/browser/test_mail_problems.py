"""HR finds the e-mails that did not go out, sends them again, and only the one with a wrong address stays."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from jobdesc.outbox.models import Failure, Message, MessageStatus
from tests.conftest import PASSWORD
from tests.outbox.worker import run_tasks

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

REFUSED = "ConnectionRefusedError: [Errno 111] Connection refused"


def failed(organisation, user, address, failure=Failure.SERVER, error=REFUSED):
    written = timezone.now() - datetime.timedelta(hours=3)
    return Message.objects.create(
        organisation=organisation,
        recipient=user,
        to_address=address,
        subject="Ознакомьтесь с инструкцией: Менеджер по работе с клиентами",
        body="Текст",
        status=MessageStatus.FAILED,
        attempts=5,
        created_at=written,
        next_attempt_at=written,
        failed_at=written,
        failure=failure,
        last_error=error,
    )


def test_hr_sends_failed_mail_again_and_sees_what_is_left(open_page, organisation, hr, lawyer, employee_user):
    failed(organisation, lawyer, "kuznetsov@example.org")
    failed(organisation, employee_user, "ivanov@example.org")
    failed(organisation, None, "ivanov.example.org", Failure.ADDRESS, "«ivanov.example.org» is not an e-mail address.")
    page = open_page()
    log_in(page, "hr", PASSWORD)
    page.click("nav >> text=Сбои почты")
    # The click only starts the navigation: wait for the list rather than count what is there yet.
    expect(page.locator("#mail-problems tr.outbox-failed")).to_have_count(3)
    screenshot(page, "mail-problems")
    page.click("#retry-all")
    page.wait_for_selector(".alert-success")
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == ["ivanov@example.org", "kuznetsov@example.org"]
    page.reload()
    rows = page.locator("#mail-problems tr.outbox-failed")
    expect(rows).to_have_count(1)
    assert "ivanov.example.org" in rows.inner_text()
