"""Defect 8 of issue 13: a committed step answered 500 when e-mail failed (SMTP down, a title with CR/LF).

Every step of the workflow is taken through its page with the mail server down and a position title
holding a line break and a forged header; each step succeeds, and the messages it wrote fail after
their retries and are shown to HR, who can send them again.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from jobdesc.instructions.models import Status, Version
from jobdesc.orgs.models import Position
from jobdesc.outbox.models import Failure, Message, MessageStatus
from tests.conftest import PASSWORD, login
from tests.outbox.worker import committed, run_tasks

FORGED_TITLE = "Менеджер по работе с клиентами\r\nBcc: everyone@example.org"


@pytest.fixture
def people_with_addresses(hr, lawyer, approver, employee_user):
    for user in (hr, lawyer, approver, employee_user):
        user.email = f"{user.username}@example.org"
        user.save()


@pytest.fixture
def stand_in_pdf(monkeypatch):
    monkeypatch.setattr("jobdesc.documents.pdf.render_pdf", lambda version, **options: b"%PDF-1.7\n%%EOF\n")


def post_step(client, name, version, data):
    with committed():
        response = client.post(reverse(f"instructions:{name}", args=[version.pk]), data)
    assert response.status_code == 302, f"{name}: {response.status_code}"
    assert response["Location"] == reverse("instructions:version", args=[version.pk])
    return client.get(response["Location"])


def test_every_step_succeeds_with_the_mail_server_down_and_a_forged_title(
    smtp_down, quick_retries, people_with_addresses, stand_in_pdf, complete_draft, position, hr, lawyer, approver
):
    Position.objects.filter(pk=position.pk).update(title=FORGED_TITLE)
    hr_client = login(hr)
    page = post_step(hr_client, "submit", complete_draft, {"officials": [lawyer.pk]})
    assert "danger" not in page.content.decode()
    post_step(login(lawyer), "agree", complete_draft, {"comment": ""})
    post_step(
        login(approver), "approve", complete_draft, {"password": PASSWORD, "effective_date": timezone.localdate()}
    )
    assert Version.objects.get(pk=complete_draft.pk).status == Status.APPROVED

    with committed():  # the signature requests' task commits, then its deliveries are enqueued
        run_tasks()
    run_tasks()
    messages = list(Message.objects.order_by("pk"))
    assert [m.to_address for m in messages] == [
        "lawyer@example.org",
        "director@example.org",
        "hr@example.org",
        "manager@example.org",  # asked to sign the approved instruction, by the worker's task
    ]
    assert all("\r" not in m.subject and "\n" not in m.subject for m in messages)
    assert "Менеджер по работе с клиентами Bcc: everyone@example.org" in messages[0].subject
    assert {(m.status, m.attempts, m.failure) for m in messages} == {(MessageStatus.FAILED, 3, Failure.SERVER)}

    problems = hr_client.get(reverse("outbox:problems"))
    assert problems.status_code == 200
    text = problems.content.decode()
    assert text.count('class="outbox-failed"') == 4 and "lawyer@example.org" in text
    assert "Почтовый сервер недоступен или отказал в соединении." in text


def test_hr_sends_the_failed_messages_again_once_the_server_is_back(
    smtp_down, quick_retries, people_with_addresses, hr, lawyer, complete_draft, settings, smtp_server
):
    hr_client = login(hr)
    post_step(hr_client, "submit", complete_draft, {"officials": [lawyer.pk]})
    run_tasks()
    assert Message.objects.get().status == MessageStatus.FAILED
    mailbox, port = smtp_server
    settings.EMAIL_PORT = port
    with committed():
        response = hr_client.post(reverse("outbox:retry_messages"), {"all": "1"})
    assert response.status_code == 302
    run_tasks()
    assert Message.objects.get().status == MessageStatus.SENT
    assert [message["To"] for message in mailbox.received] == ["lawyer@example.org"]
    assert 'class="outbox-failed"' not in hr_client.get(reverse("outbox:problems")).content.decode()
