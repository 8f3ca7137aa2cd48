"""The accounts' e-mails (invitations, password resets) go through the outbox: queued, retried, visible to HR."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobdesc.orgs.models import Employee
from jobdesc.outbox.models import Failure, Message, MessageStatus
from tests.conftest import login
from tests.outbox.worker import committed, run_tasks

pytestmark = pytest.mark.django_db


def body_of(received) -> str:
    return received.get_payload(decode=True).decode(received.get_content_charset() or "utf-8")


def path_in(text: str, prefix: str) -> str:
    return re.search(rf"https?://[^/\s]+({prefix}\S+/)", text).group(1)


def test_an_invitation_is_queued_and_sent_again_after_the_smtp_server_refused_it(
    hr, organisation, position, mailbox, settings, client
):
    settings.OUTBOX_RETRY_DELAYS, settings.OUTBOX_LATE_MINUTES = [60], 0
    record = Employee.objects.create(
        organisation=organisation,
        full_name="Сидорова Анна Петровна",
        email="sidorova@romashka.example",
        position=position,
    )
    mailbox.refuse["sidorova@romashka.example"] = "451 4.3.0 Try again later"
    with committed():
        assert login(hr).post(reverse("orgs:invite"), {"employee": [record.pk]}).status_code == 302
    message = Message.objects.get()
    assert (message.kind, message.organisation, message.to_address) == (
        "invitation",
        organisation,
        "sidorova@romashka.example",
    )
    assert message.link.startswith(settings.SITE_URL.rstrip("/") + "/invitation/")

    run_tasks()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.failure) == (MessageStatus.PENDING, 1, Failure.REFUSED)
    assert len(mailbox) == 0
    problems = login(hr).get(reverse("outbox:problems")).content.decode()
    assert "sidorova@romashka.example" in problems, "HR sees the e-mail that has not gone out yet"

    # The server accepts again; the retry the worker scheduled sends the invitation, once.
    del mailbox.refuse["sidorova@romashka.example"]
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_tasks()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and len(mailbox) == 1
    (received,) = mailbox.received
    path = path_in(body_of(received), "/invitation/")
    password = "Ландыш-весной-2026"
    response = client.post(path, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.user is not None and record.user.is_active


def test_a_password_reset_goes_through_the_outbox_and_its_link_works(hr, mailbox, client):
    hr.email = "hr@romashka.example"
    hr.save()
    with committed():
        assert client.post(reverse("password_reset"), {"email": "hr@romashka.example"}).status_code == 302
    message = Message.objects.get()
    assert (message.kind, message.organisation, message.recipient) == ("password_reset", hr.organisation, None)
    run_tasks()
    (received,) = mailbox.received
    path = path_in(body_of(received), "/accounts/reset/")
    response = client.get(path, follow=True)
    assert response.status_code == 200 and "new_password1" in response.content.decode()


def test_a_reset_request_for_an_unknown_address_queues_nothing(client, hr):
    with committed():
        client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert not Message.objects.exists()
