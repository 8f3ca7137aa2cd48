"""Approval asks a whole position in bulk: the requests, their history and their e-mails in a few inserts each."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobdesc.accounts.models import User
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.models import AckEvent, Acknowledgement, EventKind
from jobdesc.orgs.models import Employee
from jobdesc.outbox.models import Message
from tests.conftest import approve_through_workflow
from tests.outbox.worker import committed, run_tasks


def _staff(organisation, position, count, prefix):
    users = User.objects.bulk_create(
        User(username=f"{prefix}{n}", email=f"{prefix}{n}@example.com", organisation=organisation) for n in range(count)
    )
    Employee.objects.bulk_create(
        Employee(organisation=organisation, user=user, full_name=f"Сотрудникова{n} Анна", position=position)
        for n, user in enumerate(users)
    )


def _queries_to_ask(version):
    Acknowledgement.objects.filter(version=version).delete()
    with CaptureQueriesContext(connection) as queries:
        acknowledgements.request_for_version(version)
    return len(queries)


def test_asking_300_employees_takes_no_query_per_employee(approved_version, organisation, position):
    _staff(organisation, position, 5, "few")
    few = _queries_to_ask(approved_version)
    _staff(organisation, position, 295, "many")
    many = _queries_to_ask(approved_version)
    # Only the inserts split, by the database's limit of parameters (SQLite: a few dozen rows each).
    assert few < 15 and many - few <= 300 // 15
    assert Acknowledgement.objects.filter(version=approved_version).count() == 300


def test_approval_queues_one_logged_e_mail_per_employee_and_a_few_tasks(
    complete_draft, organisation, position, hr, lawyer, approver, settings
):
    from django_tasks_db.models import DBTaskResult

    _staff(organisation, position, 120, "staff")
    with committed():
        version = approve_through_workflow(complete_draft, hr, [lawyer], approver)
    # The request itself wrote no e-mail to the employees: one task does, after the commit.
    assert not Message.objects.filter(kind="signature_requested").exists()
    assert (
        DBTaskResult.objects.filter(task_path="jobdesc.instructions.acknowledgements.tasks.request_signatures").count()
        == 1
    )
    with committed():  # the task's own commit enqueues the deliveries, as on the worker
        run_tasks()
    run_tasks()
    assert Message.objects.filter(kind="signature_requested").count() == 120
    assert AckEvent.objects.filter(kind=EventKind.REQUEST, acknowledgement__version=version).count() == 120
    # …fanned out into delivery tasks of OUTBOX_BATCH_SIZE, which the worker ran: every e-mail is sent.
    deliveries = DBTaskResult.objects.filter(task_path="jobdesc.outbox.tasks.deliver")
    assert deliveries.count() == -(-120 // settings.OUTBOX_BATCH_SIZE)
    assert Message.objects.filter(kind="signature_requested", status="sent").count() == 120
