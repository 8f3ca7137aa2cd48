"""HR's page of mail problems: the organisation's failed and late e-mails and failed tasks, with «retry»."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobdesc.outbox.models import Failure, Message, MessageStatus
from jobdesc.outbox.tasks import deliver
from tests.conftest import login
from tests.outbox.worker import committed

pytestmark = pytest.mark.django_db


def message(organisation, address, status=MessageStatus.FAILED, age=datetime.timedelta(0), **fields):
    written = timezone.now() - age
    return Message.objects.create(
        organisation=organisation,
        to_address=address,
        subject=f"Письмо для {address}",
        body="Текст",
        status=status,
        created_at=written,
        next_attempt_at=written,
        failure=Failure.SERVER if status == MessageStatus.FAILED else "",
        last_error="ConnectionRefusedError: [Errno 111] Connection refused" if status == MessageStatus.FAILED else "",
        **fields,
    )


def failed_task(organisation):
    """A failed delivery task of the organisation, as the worker records one (created once per organisation)."""
    existing = DBTaskResult.objects.failed().filter(args_kwargs__kwargs__organisation_id=organisation.pk).first()
    if existing is not None:
        return existing
    return DBTaskResult.objects.create(
        id=uuid.uuid4(),
        status=TaskResultStatus.FAILED,
        args_kwargs={"args": [], "kwargs": {"organisation_id": organisation.pk, "message_ids": [1, 2]}},
        task_path=deliver.module_path,
        queue_name="mail",
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path="django.db.utils.OperationalError",
        traceback="Traceback (most recent call last):\n  ...\ndjango.db.utils.OperationalError: database is locked\n",
    )


def test_hr_sees_failed_and_late_mail_of_their_organisation_only(hr_client, organisation, other_organisation):
    message(organisation, "failed@example.org")
    message(organisation, "late@example.org", MessageStatus.PENDING, datetime.timedelta(hours=2))
    message(organisation, "fresh@example.org", MessageStatus.PENDING)
    message(organisation, "sent@example.org", MessageStatus.SENT, sent_at=timezone.now())
    message(other_organisation, "theirs@example.org")
    page = hr_client.get(reverse("outbox:problems")).content.decode()
    assert "failed@example.org" in page and "late@example.org" in page and "Connection refused" in page
    assert "fresh@example.org" not in page and "sent@example.org" not in page and "theirs@example.org" not in page


def test_hr_sees_a_failed_task_with_its_reason_and_runs_it_again(hr_client, organisation, other_organisation):
    task = failed_task(organisation)
    theirs = failed_task(other_organisation)
    page = hr_client.get(reverse("outbox:problems")).content.decode()
    assert "database is locked" in page and str(theirs.pk) not in page
    with committed():
        response = hr_client.post(reverse("outbox:retry_task", args=[task.pk]))
    assert response.status_code == 302
    again = DBTaskResult.objects.exclude(pk=theirs.pk).get()
    assert again.status == TaskResultStatus.READY and again.args_kwargs == task.args_kwargs
    assert hr_client.post(reverse("outbox:retry_task", args=[theirs.pk])).status_code == 404
    assert DBTaskResult.objects.get(pk=theirs.pk).status == TaskResultStatus.FAILED, "not HR's task to run again"
    assert hr_client.post(reverse("outbox:retry_task", args=[task.pk])).status_code == 404, "already run again"


def test_retry_takes_the_recipients_corrected_address(hr_client, organisation, employee_user):
    employee_user.email = "ivanov@example.org"
    employee_user.save()
    failed = message(organisation, "ivanov@exmaple.org", recipient=employee_user)
    with committed():
        hr_client.post(reverse("outbox:retry_messages"), {"message": [failed.pk]})
    failed.refresh_from_db()
    assert (failed.status, failed.to_address, failed.attempts) == (MessageStatus.PENDING, "ivanov@example.org", 0)


def test_an_address_still_wrong_stays_failed(hr_client, organisation):
    failed = message(organisation, "not an address")
    response = hr_client.post(reverse("outbox:retry_messages"), {"message": [failed.pk]}, follow=True)
    failed.refresh_from_db()
    assert (failed.status, failed.failure) == (MessageStatus.FAILED, Failure.ADDRESS)
    assert response.status_code == 200


def test_retry_without_a_choice_says_so_and_changes_nothing(hr_client, organisation):
    failed = message(organisation, "a@example.org")
    response = hr_client.post(reverse("outbox:retry_messages"), {"message": ["x", "9" * 30]}, follow=True)
    assert response.status_code == 200 and Message.objects.get(pk=failed.pk).status == MessageStatus.FAILED


def test_another_organisations_hr_cannot_send_our_mail_again(outsider_client, organisation):
    failed = message(organisation, "a@example.org")
    outsider_client.post(reverse("outbox:retry_messages"), {"message": [failed.pk]})
    outsider_client.post(reverse("outbox:retry_messages"), {"all": "1"})
    assert Message.objects.get(pk=failed.pk).status == MessageStatus.FAILED


def test_the_page_warns_when_no_worker_takes_the_tasks(hr_client, organisation):
    DBTaskResult.objects.create(
        id=uuid.uuid4(),
        args_kwargs={"args": [], "kwargs": {}},
        task_path=deliver.module_path,
        backend_name="default",
        run_after=timezone.now() - datetime.timedelta(hours=1),
    )
    assert 'id="worker-health"' in hr_client.get(reverse("outbox:problems")).content.decode()


@pytest.mark.parametrize("who", ["lawyer", "approver", "employee_user"])
def test_the_page_is_for_hr_only(who, request):
    assert login(request.getfixturevalue(who)).get(reverse("outbox:problems")).status_code == 403


def test_the_page_keeps_its_queries_few_however_many_failed(hr_client, organisation, django_assert_max_num_queries):
    for n in range(60):
        message(organisation, f"p{n}@example.org")
    with django_assert_max_num_queries(12):
        hr_client.get(reverse("outbox:problems"))
